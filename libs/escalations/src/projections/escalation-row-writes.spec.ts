import BetterSqlite3 from 'better-sqlite3';
import { EscalationRowWrites } from './escalation-row-writes.js';
import { EscalationsProjection } from './escalations.projection.js';

function readModel() {
  const db = new BetterSqlite3(':memory:');
  new EscalationsProjection().setUp(db);
  const steps = () =>
    db.prepare('SELECT task_id, kind, due_at FROM escalation_due_steps ORDER BY task_id').all() as Array<{
      task_id: string;
      kind: string;
      due_at: string;
    }>;
  const pages = () => db.prepare('SELECT page_id, status FROM escalation_pages ORDER BY page_id').all();
  return { db, steps, pages };
}

describe('escalation row writes (one batch of the escalations projection)', () => {
  it('writes a page once, with the status it ended the batch in, and updates a page stored before', () => {
    const { db, pages } = readModel();
    const writes = new EscalationRowWrites();
    writes.addPage('p1', 'e1', 'r1', '2026-07-01T00:15:00.000Z', ['ana', 'ana']);
    writes.flush(db);
    writes.addPage('p2', 'e1', 'r1', '2026-07-01T00:30:00.000Z', ['bo']);
    writes.addPage('p3', 'e1', 'r1', '2026-07-01T00:45:00.000Z', ['cy']);
    writes.setPageStatus('p2', 'TIMED_OUT', ['bo']);
    writes.setPageStatus('p1', 'ACKNOWLEDGED', ['ana']);
    writes.setPageStatus('p9', 'CANCELLED', []);
    writes.flush(db);
    expect(pages()).toEqual([
      { page_id: 'p1', status: 'ACKNOWLEDGED' },
      { page_id: 'p2', status: 'TIMED_OUT' },
      { page_id: 'p3', status: 'TRIGGERED' },
    ]);
  });

  it('keeps the recipients of the pages waiting for an acknowledgement only', () => {
    const { db } = readModel();
    const recipients = () =>
      db.prepare('SELECT responder_id, page_id FROM escalation_page_recipients ORDER BY 2, 1').all();
    const writes = new EscalationRowWrites();
    writes.addPage('p1', 'e1', 'r1', '2026-07-01T00:15:00.000Z', ['ana', 'ana', 'bo']);
    writes.addPage('p2', 'e1', 'r1', '2026-07-01T00:30:00.000Z', ['bo']);
    writes.setPageStatus('p2', 'ACKNOWLEDGED', ['bo']);
    writes.flush(db);
    expect(recipients()).toEqual([
      { responder_id: 'ana', page_id: 'p1' },
      { responder_id: 'bo', page_id: 'p1' },
    ]);
    writes.setPageStatus('p1', 'TIMED_OUT', ['ana', 'bo']);
    writes.flush(db);
    expect(recipients()).toEqual([]);
  });

  it('writes nothing for what an escalation raised in the batch set and cleared again', () => {
    const { db, steps } = readModel();
    const writes = new EscalationRowWrites();
    const statements: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      const statement = prepare(sql);
      const run = statement.run.bind(statement);
      statement.run = (...args: unknown[]) => {
        statements.push(sql.split(' ').slice(0, 3).join(' '));
        return run(...args);
      };
      return statement;
    }) as typeof db.prepare;
    writes.markNew('e1');
    writes.addPage('p1', 'e1', 'r1', '2026-07-01T00:15:00.000Z', ['ana']);
    writes.addDueStep('ack-timeout:p1', 'e1', 'ACK_TIMEOUT', 'p1', '2026-07-01T00:15:00.000Z');
    writes.addDueStep('follow-up:e1', 'e1', 'FOLLOW_UP', 'e1', '2026-07-01T01:00:00.000Z');
    writes.setPageStatus('p1', 'ACKNOWLEDGED', ['ana']);
    writes.removeDueStep('ack-timeout:p1', 'e1');
    writes.removeTimers('e1');
    writes.flush(db);
    expect(statements).toEqual(['INSERT OR REPLACE']);
    expect(steps()).toEqual([]);
  });

  it('keeps a timer set after the escalation cleared its timers, and drops the ones set before', () => {
    const { db, steps } = readModel();
    const writes = new EscalationRowWrites();
    writes.addDueStep('follow-up:e1', 'e1', 'FOLLOW_UP', 'e1', '2026-07-01T01:00:00.000Z');
    writes.addDueStep('follow-up:e2', 'e2', 'FOLLOW_UP', 'e2', '2026-07-01T01:00:00.000Z');
    writes.flush(db);

    writes.addDueStep('ack-timeout:p1', 'e1', 'ACK_TIMEOUT', 'p1', '2026-07-01T00:15:00.000Z');
    writes.addDueStep('bridge-close:e1', 'e1', 'BRIDGE_CLOSE', 'e1', '2026-07-01T02:00:00.000Z');
    writes.removeTimers('e1');
    writes.addDueStep('follow-up:e1', 'e1', 'FOLLOW_UP', 'e1', '2026-07-01T03:00:00.000Z');
    writes.flush(db);
    expect(steps()).toEqual([
      { task_id: 'ack-timeout:p1', kind: 'ACK_TIMEOUT', due_at: '2026-07-01T00:15:00.000Z' },
      { task_id: 'follow-up:e1', kind: 'FOLLOW_UP', due_at: '2026-07-01T03:00:00.000Z' },
      { task_id: 'follow-up:e2', kind: 'FOLLOW_UP', due_at: '2026-07-01T01:00:00.000Z' },
    ]);

    writes.removeDueStep('ack-timeout:p1', 'e1');
    writes.removeTimers('e1');
    writes.flush(db);
    expect(steps().map((step) => step.task_id)).toEqual(['follow-up:e2']);
  });

  it('writes nothing of a batch that was cleared (rolled back)', () => {
    const { db, steps, pages } = readModel();
    const writes = new EscalationRowWrites();
    writes.addPage('p1', 'e1', 'r1', '2026-07-01T00:15:00.000Z', ['ana']);
    writes.addDueStep('ack-timeout:p1', 'e1', 'ACK_TIMEOUT', 'p1', '2026-07-01T00:15:00.000Z');
    writes.removeTimers('e1');
    writes.clear();
    writes.flush(db);
    expect(pages()).toEqual([]);
    expect(steps()).toEqual([]);
  });
});
