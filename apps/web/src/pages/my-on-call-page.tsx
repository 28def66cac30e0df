import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { useLiveRefetch } from '../api/live.js';
import { useSignedIn } from '../auth/session.js';
import { Announcement, ErrorMessage, Loading } from '../components/error-message.js';
import { LiveNote } from '../components/live-note.js';
import { DriBadge, SeverityBadge, UnreachableBadge } from '../components/responder-badges.js';
import { DualTime, relative } from '../components/time.js';
import { Link } from '../router/router.js';
import { ESCALATION_CHANGED } from './escalations/escalation-fields.js';
import { PageActions } from './escalations/page-actions.js';

/** How far ahead "my upcoming shifts" looks */
const AHEAD_DAYS = 28;

/** Two queries: the API limits each operation's cost (GRAPHQL_MAX_COST). */
const MY_SHIFTS = `query MyShifts($id: ID!, $from: DateTime!, $to: DateTime!) {
  responder(id: $id) {
    id name timeZone reachable onCallReminderMinutes
    shifts(from: $from, to: $to) { start end isDri reason { kind } rotation { id name timeZone } }
    contactMethods { id kind address verified }
    notificationRules { delayMinutes contactMethod { id kind address } }
  }
}`;

const MY_PAGES = `query MyPages($id: ID!) {
  pagesAwaitingAcknowledgement(responderId: $id, first: 20) {
    totalCount
    nodes { id state ackDeadline escalation { id title severity rotation { name timeZone } } }
  }
  openEscalations(first: 20, filter: { driId: $id }) {
    totalCount
    nodes { id title severity state }
  }
}`;

interface MyShiftsData {
  responder: {
    id: string;
    name: string;
    timeZone: string;
    reachable: boolean;
    onCallReminderMinutes: number | null;
    shifts: {
      start: string;
      end: string;
      isDri: boolean;
      reason: { kind: string };
      rotation: { id: string; name: string; timeZone: string };
    }[];
    contactMethods:
      { id: string; kind: string; address: string; verified: boolean; verifiedAt: string | null }[] | null;
    notificationRules: { delayMinutes: number; contactMethod: { id: string; kind: string; address: string } }[] | null;
  };
}

interface MyPagesData {
  pagesAwaitingAcknowledgement: {
    totalCount: number;
    nodes: {
      id: string;
      state: string;
      ackDeadline: string;
      escalation: { id: string; title: string; severity: string; rotation: { name: string; timeZone: string } };
    }[];
  };
  openEscalations: {
    totalCount: number;
    nodes: {
      id: string;
      title: string;
      severity: string;
      state: string;
    }[];
  };
}

const KIND: Record<string, string> = { EMAIL: 'E-mail', SLACK: 'Slack', TEAMS: 'Teams', WEBHOOK: 'Webhook' };

/** My upcoming shifts, the pages waiting for me (Acknowledge / Resolve), my contact methods and rules. */
export default function MyOnCallPage() {
  const { actor } = useSignedIn();
  if (!actor.responderId)
    return (
      <section>
        <h1>My on-call</h1>
        <p>
          You are signed in as {actor.name}, who is not a responder: there are no shifts or pages of your own. See{' '}
          <Link to="/">who is on call now</Link>.
        </p>
      </section>
    );
  return <MyOnCall responderId={actor.responderId} />;
}

function MyOnCall({ responderId }: { responderId: string }) {
  const variables = useMemo(() => {
    const from = new Date();
    const to = new Date(from.getTime() + AHEAD_DAYS * 86_400_000);
    return { id: responderId, from: from.toISOString(), to: to.toISOString() };
  }, [responderId]);
  const [shifts, refetchShifts] = useQuery<MyShiftsData>({ query: MY_SHIFTS, variables });
  const [pages, refetchPages] = useQuery<MyPagesData>({ query: MY_PAGES, variables: { id: responderId } });
  const [announcement, setAnnouncement] = useState<string>();
  const reload = () => {
    refetchShifts({ requestPolicy: 'network-only' });
    refetchPages({ requestPolicy: 'network-only' });
  };
  const done = (message: string) => {
    setAnnouncement(message);
    reload();
  };
  const mode = useLiveRefetch(ESCALATION_CHANGED, {}, () => refetchPages({ requestPolicy: 'network-only' }));
  const data = pages.data;
  const mine = shifts.data?.responder;

  return (
    <section aria-labelledby="my-title">
      <h1 id="my-title">My on-call</h1>
      <LiveNote mode={mode} />
      <Announcement message={announcement} />
      {pages.error ? <ErrorMessage error={pages.error} retry={reload} /> : null}
      {pages.fetching && !data ? <Loading what="the pages waiting for you" /> : null}
      {data ? (
        <>
          <section aria-labelledby="awaiting-title">
            <h2 id="awaiting-title">Pages waiting for you ({data.pagesAwaitingAcknowledgement.totalCount})</h2>
            {data.pagesAwaitingAcknowledgement.nodes.length === 0 ? <p>No page is waiting for you.</p> : null}
            <ul className="cards">
              {data.pagesAwaitingAcknowledgement.nodes.map((page) => (
                <li key={page.id} className="card">
                  <h3 className="row">
                    <SeverityBadge severity={page.escalation.severity} />
                    <Link to={`/escalations/${page.escalation.id}`}>{page.escalation.title}</Link>
                  </h3>
                  <p>
                    {page.escalation.rotation.name}. Acknowledge {relative(page.ackDeadline)}, by{' '}
                    <DualTime at={page.ackDeadline} zone={page.escalation.rotation.timeZone} />.
                  </p>
                  <PageActions pageId={page.id} state={page.state} label={page.escalation.title} onDone={done} />
                </li>
              ))}
            </ul>
          </section>

          <DriOf data={data} />
        </>
      ) : null}
      {shifts.error ? <ErrorMessage error={shifts.error} retry={reload} /> : null}
      {shifts.fetching && !mine ? <Loading what="your shifts" /> : null}
      {mine ? (
        <>
          <section aria-labelledby="shifts-title">
            <h2 id="shifts-title">My shifts in the next {AHEAD_DAYS} days</h2>
            {mine.shifts.length === 0 ? <p>You are not on call in the next {AHEAD_DAYS} days.</p> : null}
            <ul className="people">
              {joinStretches(mine.shifts).map((shift) => (
                <li key={`${shift.rotation.id}-${shift.start}`}>
                  <p className="row">
                    <strong>{shift.rotation.name}</strong>
                    {shift.isDri ? <DriBadge /> : null}
                    <span className="muted">({shift.reason.kind.toLowerCase()})</span>
                  </p>
                  <p>
                    From <DualTime at={shift.start} zone={shift.rotation.timeZone} />
                    <br />
                    Until <DualTime at={shift.end} zone={shift.rotation.timeZone} />
                  </p>
                </li>
              ))}
            </ul>
          </section>

          <Reach responder={mine} />
        </>
      ) : null}
    </section>
  );
}

type Shift = MyShiftsData['responder']['shifts'][number];

/** Back-to-back stretches in one rotation (a daily turn after a daily turn) read as one stretch on call. */
function joinStretches(shifts: Shift[]): Shift[] {
  const joined: Shift[] = [];
  for (const shift of [...shifts].sort((a, b) => a.start.localeCompare(b.start))) {
    const last = joined.findLast((entry) => entry.rotation.id === shift.rotation.id);
    const touching = last && new Date(last.end).getTime() === new Date(shift.start).getTime();
    if (last && touching && last.isDri === shift.isDri && last.reason.kind === shift.reason.kind) last.end = shift.end;
    else joined.push({ ...shift });
  }
  return joined;
}

/** Escalations I am DRI for; each page resolves from the escalation itself (its page shows "Resolve"). */
function DriOf({ data }: { data: MyPagesData }) {
  if (data.openEscalations.nodes.length === 0) return null;
  return (
    <section aria-labelledby="dri-of-title">
      <h2 id="dri-of-title">Escalations you are DRI for ({data.openEscalations.totalCount})</h2>
      <ul className="cards">
        {data.openEscalations.nodes.map((escalation) => (
          <li key={escalation.id} className="card">
            <h3 className="row">
              <SeverityBadge severity={escalation.severity} />
              <Link to={`/escalations/${escalation.id}`}>{escalation.title}</Link>
            </h3>
            <p className="muted">{escalation.state.toLowerCase()}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Reach({ responder }: { responder: MyShiftsData['responder'] }) {
  const methods = responder.contactMethods ?? [];
  const rules = responder.notificationRules ?? [];
  return (
    <section aria-labelledby="reach-title">
      <h2 id="reach-title">How you are reached</h2>
      {!responder.reachable ? (
        <p className="error">
          <UnreachableBadge /> You have no verified contact method: a page would reach nobody. Add one and enter the
          code it receives (addContactMethod, verifyContactMethod).
        </p>
      ) : null}
      <h3>Contact methods</h3>
      {methods.length === 0 ? <p>None yet.</p> : null}
      <ul>
        {methods.map((method) => (
          <li key={method.id}>
            {KIND[method.kind] ?? method.kind}: {method.address}{' '}
            {method.verified ? (
              <span className="badge info">verified</span>
            ) : (
              <span className="badge unreachable">not verified</span>
            )}
          </li>
        ))}
      </ul>
      <h3>Notification rules</h3>
      {rules.length === 0 ? <p>No rule: a page reaches nobody until a method is verified.</p> : null}
      <ol>
        {rules.map((rule, index) => (
          <li key={`${rule.contactMethod.id}-${index}`}>
            {rule.delayMinutes === 0 ? 'At once' : `${rule.delayMinutes} minutes after the page, if unacknowledged`}:{' '}
            {KIND[rule.contactMethod.kind] ?? rule.contactMethod.kind} {rule.contactMethod.address}
          </li>
        ))}
      </ol>
      <p className="muted">
        {responder.onCallReminderMinutes
          ? `You are reminded ${responder.onCallReminderMinutes} minutes before you go on call.`
          : 'No reminder before you go on call.'}
      </p>
    </section>
  );
}
