import { useState } from 'react';
import { useQuery, type CombinedError } from 'urql';
import { useLiveRefetch } from '../../api/live.js';
import { isManager, useSignedIn } from '../../auth/session.js';
import { ActorName, type ActorFields } from '../../components/actor.js';
import { Announcement, ErrorMessage, Loading } from '../../components/error-message.js';
import { LiveNote } from '../../components/live-note.js';
import { DriBadge, SeverityBadge, StateBadge } from '../../components/responder-badges.js';
import { DualTime, relative, ViewerTime } from '../../components/time.js';
import { Link } from '../../router/router.js';
import { BackupPool, NoteForm, ReassignForm } from './escalation-forms.js';
import { ESCALATION, ESCALATION_CHANGED, ESCALATION_NOTES, ESCALATION_TIMELINE } from './escalation-fields.js';
import { PageActions } from './page-actions.js';

interface EscalationDetailData {
  id: string;
  title: string;
  description: string;
  severity: string;
  state: string;
  source: string;
  incidentTag: string | null;
  links: string[];
  raisedAt: string;
  driSince: string | null;
  closedAt: string | null;
  raisedBy: ActorFields;
  rotation: { id: string; name: string; timeZone: string; team: string };
  service: { id: string; name: string } | null;
  dri: { id: string; name: string } | null;
  currentPage: {
    id: string;
    state: string;
    ackDeadline: string;
    layer: string;
    recipients: { id: string; name: string }[];
  } | null;
  pages: { nodes: { id: string; state: string; acknowledgedBy: { id: string } | null }[] };
}

interface Notes {
  totalCount: number;
  nodes: { id: string; at: string; kind: string; text: string; author: ActorFields }[];
}

interface Timeline {
  totalCount: number;
  pageInfo: { hasNextPage: boolean };
  nodes: { at: string; description: string; actor: ActorFields }[];
}

const NOTE_KIND: Record<string, string> = { UPDATE: 'Update', TRIED: 'Tried', NEXT_STEP: 'Next step' };

/** One escalation: where it stands, its pages, its timeline and notes; note, reassign, page the backup pool. */
export function EscalationDetail({ id }: { id: string }) {
  const { role, actor } = useSignedIn();
  const [result, refetch] = useQuery<{ escalation: EscalationDetailData }>({ query: ESCALATION, variables: { id } });
  const [notes, refetchNotes] = useQuery<{ escalation: { notes: Notes } }>({
    query: ESCALATION_NOTES,
    variables: { id },
  });
  const [timeline, refetchTimeline] = useQuery<{ escalation: { timeline: Timeline } }>({
    query: ESCALATION_TIMELINE,
    variables: { id },
  });
  const reload = () => {
    refetch({ requestPolicy: 'network-only' });
    refetchNotes({ requestPolicy: 'network-only' });
    refetchTimeline({ requestPolicy: 'network-only' });
  };
  const mode = useLiveRefetch(ESCALATION_CHANGED, { id }, reload);
  const [announcement, setAnnouncement] = useState<string>();
  const done = (message: string) => {
    setAnnouncement(message);
    reload();
  };
  const escalation = result.data?.escalation;

  if (!escalation)
    return (
      <section>
        <h1>Escalation</h1>
        <p>
          <Link to="/escalations">Back to open escalations</Link>
        </p>
        {result.error ? <ErrorMessage error={result.error} retry={reload} /> : <Loading what="the escalation" />}
      </section>
    );

  const zone = escalation.rotation.timeZone;
  const open = !escalation.closedAt;
  const acknowledgedByMe = escalation.pages.nodes.filter(
    (page) => page.state === 'ACKNOWLEDGED' && page.acknowledgedBy?.id === actor.responderId,
  );
  return (
    <article aria-labelledby="escalation-title">
      <p>
        <Link to="/escalations">Back to open escalations</Link>
      </p>
      <h1 id="escalation-title" className="row">
        <SeverityBadge severity={escalation.severity} /> {escalation.title}
      </h1>
      <LiveNote mode={mode} />
      <Announcement message={announcement} />
      {result.error ? <ErrorMessage error={result.error} retry={reload} /> : null}
      <dl className="facts">
        <dt>State</dt>
        <dd>
          <StateBadge state={escalation.state} />
        </dd>
        <dt>DRI</dt>
        <dd data-testid="escalation-dri">
          {escalation.dri ? (
            <>
              <DriBadge /> {escalation.dri.name}
              {escalation.driSince ? (
                <span className="muted">
                  {' '}
                  since <ViewerTime at={escalation.driSince} />
                </span>
              ) : null}
            </>
          ) : (
            'Nobody yet'
          )}
        </dd>
        <dt>Rotation</dt>
        <dd>
          {escalation.rotation.name} (team {escalation.rotation.team})
        </dd>
        {escalation.service ? (
          <>
            <dt>Service</dt>
            <dd>{escalation.service.name}</dd>
          </>
        ) : null}
        <dt>Raised</dt>
        <dd>
          <DualTime at={escalation.raisedAt} zone={zone} /> by <ActorName actor={escalation.raisedBy} />
        </dd>
        {escalation.incidentTag ? (
          <>
            <dt>Incident</dt>
            <dd>#{escalation.incidentTag}</dd>
          </>
        ) : null}
      </dl>
      {escalation.description ? <p className="description">{escalation.description}</p> : null}
      {escalation.links.length > 0 ? (
        <ul>
          {escalation.links.map((link) => (
            <li key={link}>
              <a href={link} rel="noreferrer noopener">
                {link}
              </a>
            </li>
          ))}
        </ul>
      ) : null}

      {escalation.currentPage ? (
        <section className="card" aria-labelledby="current-page-title">
          <h2 id="current-page-title">Waiting for an acknowledgement</h2>
          <p>
            Paged: {escalation.currentPage.recipients.map((person) => person.name).join(', ')} (
            {escalation.currentPage.layer.toLowerCase().replace('_', ' ')}). Deadline{' '}
            <DualTime at={escalation.currentPage.ackDeadline} zone={zone} /> (
            {relative(escalation.currentPage.ackDeadline)}).
          </p>
          <PageActions
            pageId={escalation.currentPage.id}
            state={escalation.currentPage.state}
            label="the page"
            onDone={done}
          />
        </section>
      ) : null}
      {acknowledgedByMe.map((page) => (
        <section className="card" key={page.id} aria-label="Your acknowledged page">
          <p>You acknowledged this page. Resolve it once you have engaged.</p>
          <PageActions pageId={page.id} state={page.state} label="your page" onDone={done} />
        </section>
      ))}

      {open ? (
        <div className="forms">
          <NoteForm escalationId={escalation.id} onDone={reload} />
          <ReassignForm escalationId={escalation.id} currentDriId={escalation.dri?.id} onDone={reload} />
          {isManager(role) ? <BackupPool escalationId={escalation.id} onDone={reload} /> : null}
        </div>
      ) : null}

      <NotesSection notes={notes.data?.escalation.notes} error={notes.error} zone={zone} />
      <TimelineSection timeline={timeline.data?.escalation.timeline} error={timeline.error} zone={zone} />
    </article>
  );
}

function NotesSection({ notes, error, zone }: { notes?: Notes; error?: CombinedError; zone: string }) {
  return (
    <section aria-labelledby="notes-title">
      <h2 id="notes-title">Notes{notes ? ` (${notes.totalCount})` : ''}</h2>
      {error ? <ErrorMessage error={error} /> : null}
      {notes && notes.nodes.length === 0 ? <p className="muted">No notes yet.</p> : null}
      <ul className="people">
        {(notes?.nodes ?? []).map((note) => (
          <li key={note.id}>
            <p>
              <strong>{NOTE_KIND[note.kind] ?? note.kind}</strong> by <ActorName actor={note.author} />,{' '}
              <DualTime at={note.at} zone={zone} />
            </p>
            <p className="note-text">{note.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function TimelineSection({ timeline, error, zone }: { timeline?: Timeline; error?: CombinedError; zone: string }) {
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {error ? <ErrorMessage error={error} /> : null}
      <ol className="timeline">
        {(timeline?.nodes ?? []).map((entry, index) => (
          <li key={`${entry.at}-${index}`}>
            <p>
              <DualTime at={entry.at} zone={zone} />
            </p>
            <p>
              {entry.description}{' '}
              <span className="muted">
                (<ActorName actor={entry.actor} />)
              </span>
            </p>
          </li>
        ))}
      </ol>
      {timeline?.pageInfo.hasNextPage ? (
        <p className="muted">
          Showing the first {timeline.nodes.length} of {timeline.totalCount} entries.
        </p>
      ) : null}
    </section>
  );
}
