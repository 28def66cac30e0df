import type { Database } from 'better-sqlite3';
import { cachedStatement } from '@app/event-store';

export type DueStepKind = 'ACK_TIMEOUT' | 'FOLLOW_UP' | 'BRIDGE_CLOSE';

interface PageWrite {
  /** The page as `ResponderPaged` recorded it, or null when the batch only changed an older page's status. */
  row: { escalationId: string; rotationId: string; ackDeadline: string } | null;
  status: string;
}

interface DueStepRow {
  escalationId: string;
  kind: DueStepKind;
  ref: string;
  dueAt: string;
}

/**
 * The escalations projection's page and due-step rows as one batch leaves them: a page paged,
 * acknowledged and a step scheduled then cleared in the same batch cost one write each, or none.
 * `flush` writes them in the batch's transaction; `clear` drops them when the batch rolled back.
 */
export class EscalationRowWrites {
  private readonly pages = new Map<string, PageWrite>();
  private readonly recipients: Array<[responderId: string, pageId: string]> = [];
  /** A due step's last state in the batch: its row, or null when it was removed. */
  private readonly steps = new Map<string, DueStepRow | null>();
  /** Escalations whose timers (every step but the acknowledgement timeouts) were cleared in the batch. */
  private readonly timersCleared = new Set<string>();
  /** The timers (steps other than acknowledgement timeouts) each escalation set in the batch. */
  private readonly timersSet = new Map<string, string[]>();

  addPage(pageId: string, escalationId: string, rotationId: string, ackDeadline: string, recipients: string[]) {
    this.pages.set(pageId, { row: { escalationId, rotationId, ackDeadline }, status: 'TRIGGERED' });
    for (const responderId of recipients) this.recipients.push([responderId, pageId]);
  }

  setPageStatus(pageId: string, status: string) {
    const page = this.pages.get(pageId);
    if (page) page.status = status;
    else this.pages.set(pageId, { row: null, status });
  }

  addDueStep(taskId: string, escalationId: string, kind: DueStepKind, ref: string, dueAt: string) {
    this.steps.set(taskId, { escalationId, kind, ref, dueAt });
    if (kind === 'ACK_TIMEOUT') return;
    const timers = this.timersSet.get(escalationId);
    if (timers) timers.push(taskId);
    else this.timersSet.set(escalationId, [taskId]);
  }

  removeDueStep(taskId: string) {
    this.steps.set(taskId, null);
  }

  removeTimers(escalationId: string) {
    this.timersCleared.add(escalationId);
    const timers = this.timersSet.get(escalationId);
    if (!timers) return;
    for (const taskId of timers) this.steps.set(taskId, null);
    this.timersSet.delete(escalationId);
  }

  flush(db: Database): void {
    const insertPage = cachedStatement(
      db,
      'INSERT OR REPLACE INTO escalation_pages (page_id, escalation_id, rotation_id, status, ack_deadline) VALUES (?, ?, ?, ?, ?)',
    );
    const updatePage = cachedStatement(db, 'UPDATE escalation_pages SET status = ? WHERE page_id = ?');
    for (const [pageId, { row, status }] of this.pages) {
      if (row) insertPage.run(pageId, row.escalationId, row.rotationId, status, row.ackDeadline);
      else updatePage.run(status, pageId);
    }
    const insertRecipient = cachedStatement(
      db,
      'INSERT OR IGNORE INTO escalation_page_recipients (responder_id, page_id) VALUES (?, ?)',
    );
    for (const [responderId, pageId] of this.recipients) insertRecipient.run(responderId, pageId);
    // The steps stored before this batch go first: a timer set again after they were cleared stays.
    const clearTimers = cachedStatement(
      db,
      `DELETE FROM escalation_due_steps WHERE escalation_id = ? AND kind != 'ACK_TIMEOUT'`,
    );
    for (const escalationId of this.timersCleared) clearTimers.run(escalationId);
    const insertStep = cachedStatement(
      db,
      'INSERT OR REPLACE INTO escalation_due_steps (task_id, escalation_id, kind, ref, due_at) VALUES (?, ?, ?, ?, ?)',
    );
    const deleteStep = cachedStatement(db, 'DELETE FROM escalation_due_steps WHERE task_id = ?');
    for (const [taskId, step] of this.steps) {
      if (step) insertStep.run(taskId, step.escalationId, step.kind, step.ref, step.dueAt);
      else deleteStep.run(taskId);
    }
    this.clear();
  }

  clear(): void {
    this.pages.clear();
    this.recipients.length = 0;
    this.steps.clear();
    this.timersCleared.clear();
    this.timersSet.clear();
  }
}
