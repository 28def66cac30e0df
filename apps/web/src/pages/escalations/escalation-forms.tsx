import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { ErrorMessage } from '../../components/error-message.js';
import { UnreachableBadge } from '../../components/responder-badges.js';
import { useAction } from '../../components/use-action.js';
import { ADD_NOTE, BACKUP_POOL, PAGE_BACKUP_POOL, REASSIGN, RESPONDERS } from './escalation-fields.js';

function Outcome({ action }: { action: ReturnType<typeof useAction> }) {
  return (
    <>
      <div aria-live="polite">{action.done ? <p className="success">{action.done}</p> : null}</div>
      {action.error ? <ErrorMessage error={action.error} /> : null}
    </>
  );
}

const NOTE_KINDS = [
  ['UPDATE', 'An update'],
  ['TRIED', 'What was tried'],
  ['NEXT_STEP', 'A next step'],
] as const;

export function NoteForm({ escalationId, onDone }: { escalationId: string; onDone: () => void }) {
  const action = useAction(ADD_NOTE);
  const [kind, setKind] = useState('UPDATE');
  const [text, setText] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await action.run({ input: { escalationId, kind, text } }, 'Note added.')) {
      setText('');
      onDone();
    }
  }
  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby="note-form-title">
      <h3 id="note-form-title">Add a note</h3>
      <label htmlFor="note-kind">Kind</label>
      <select id="note-kind" value={kind} onChange={(event) => setKind(event.target.value)}>
        {NOTE_KINDS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <label htmlFor="note-text">Note</label>
      <textarea id="note-text" rows={3} value={text} onChange={(event) => setText(event.target.value)} required />
      <p>
        <button type="submit" disabled={action.busy}>
          Add note
        </button>
      </p>
      <Outcome action={action} />
    </form>
  );
}

export function ReassignForm({
  escalationId,
  currentDriId,
  onDone,
}: {
  escalationId: string;
  currentDriId?: string;
  onDone: () => void;
}) {
  const action = useAction(REASSIGN);
  const [people] = useQuery<{ responders: { nodes: { id: string; name: string; team: string; state: string }[] } }>({
    query: RESPONDERS,
  });
  const [responderId, setResponderId] = useState('');
  const [note, setNote] = useState('');
  const choices = (people.data?.responders.nodes ?? []).filter(
    (person) => person.state !== 'DEACTIVATED' && person.id !== currentDriId,
  );
  async function submit(event: FormEvent) {
    event.preventDefault();
    const name = choices.find((person) => person.id === responderId)?.name ?? 'them';
    const input = { escalationId, responderId, ...(note.trim() ? { note: note.trim() } : {}) };
    if (await action.run({ input }, `Reassigned: ${name} is the DRI.`)) {
      setNote('');
      onDone();
    }
  }
  return (
    <form className="card" onSubmit={(event) => void submit(event)} aria-labelledby="reassign-title">
      <h3 id="reassign-title">Reassign</h3>
      {people.error ? <ErrorMessage error={people.error} /> : null}
      <label htmlFor="reassign-to">New DRI</label>
      <select id="reassign-to" value={responderId} onChange={(event) => setResponderId(event.target.value)} required>
        <option value="">Choose a responder</option>
        {choices.map((person) => (
          <option key={person.id} value={person.id}>
            {person.name} ({person.team})
          </option>
        ))}
      </select>
      <label htmlFor="reassign-note">Why (optional)</label>
      <input id="reassign-note" value={note} onChange={(event) => setNote(event.target.value)} />
      <p>
        <button type="submit" disabled={action.busy || !responderId}>
          Reassign
        </button>
      </p>
      <Outcome action={action} />
    </form>
  );
}

/** Managers: who is in the rotation's backup pool, and paging it for a concurrent emergency. */
export function BackupPool({ escalationId, onDone }: { escalationId: string; onDone: () => void }) {
  const [pool] = useQuery<{
    escalation: { policy: { backupPool: { id: string; name: string; reachable: boolean }[] } };
  }>({ query: BACKUP_POOL, variables: { id: escalationId } });
  const action = useAction(PAGE_BACKUP_POOL);
  const people = pool.data?.escalation.policy.backupPool ?? [];
  return (
    <section className="card" aria-labelledby="backup-pool-title">
      <h3 id="backup-pool-title">Backup pool</h3>
      {pool.error ? <ErrorMessage error={pool.error} /> : null}
      {pool.data && people.length === 0 ? <p>This rotation’s policy names no backup pool.</p> : null}
      <ul>
        {people.map((person) => (
          <li key={person.id}>
            {person.name} {!person.reachable ? <UnreachableBadge /> : null}
          </li>
        ))}
      </ul>
      {people.length > 0 ? (
        <button
          type="button"
          className="danger"
          disabled={action.busy}
          onClick={async () => {
            if (await action.run({ escalationId }, 'The backup pool is paged.')) onDone();
          }}
        >
          Page the backup pool
        </button>
      ) : null}
      <Outcome action={action} />
    </section>
  );
}
