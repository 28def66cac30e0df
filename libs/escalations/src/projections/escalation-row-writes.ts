import type { Database } from 'better-sqlite3';
import { cachedStatement } from '@app/event-store';

export type DueStepKind = 'ACK_TIMEOUT' | 'FOLLOW_UP' | 'BRIDGE_CLOSE';

interface PageWrite {
  /** The page as `ResponderPaged` recorded it, or null when the batch only changed an older page's status. */
  row: { escalationId: string; rotationId: string; ackDeadline: string } | null;
  status: string;
  recipients: readonly string[];
}

interface DueStepRow {
  escalationId: string;
  kind: DueStepKind;
  ref: string;
  dueAt: string;
}

/**
 * The escalations projection's page, note and due-step rows as one batch leaves them: a page paged,
 * acknowledged and a step scheduled then cleared in the same batch cost one write each, or none.
 * A page's recipients are kept only while it waits for an acknowledgement (what the awaiting
 * pages' filter reads). For an escalation raised in the batch nothing is stored yet, so what it
 * clears costs no statement. `flush` writes them in the batch's transaction; `clear` drops them
 * when the batch rolled back.
 */
export class EscalationRowWrites {
  private readonly pages = new Map<string, PageWrite>();
  private readonly notes: Array<[position: bigint, escalationId: string, doc: Buffer]> = [];
  /** A due step's last state in the batch: its row, or null when it was removed. */
  private readonly steps = new Map<string, DueStepRow | null>();
  /** Escalations whose timers (every step but the acknowledgement timeouts) were cleared in the batch. */
  private readonly timersCleared = new Set<string>();
  /** The timers (steps other than acknowledgement timeouts) each escalation set in the batch. */
  private readonly timersSet = new Map<string, string[]>();
  /** Escalations with no row stored before this batch. */
  private readonly fresh = new Set<string>();

  /** The escalation has no rows stored yet (it is raised in this batch). */
  markNew(escalationId: string) {
    this.fresh.add(escalationId);
  }

  addPage(pageId: string, escalationId: string, rotationId: string, ackDeadline: string, recipients: string[]) {
    this.pages.set(pageId, { row: { escalationId, rotationId, ackDeadline }, status: 'TRIGGERED', recipients });
  }

  setPageStatus(pageId: string, status: string, recipients: readonly string[]) {
    const page = this.pages.get(pageId);
    if (page) page.status = status;
    else this.pages.set(pageId, { row: null, status, recipients });
  }

  addNote(position: bigint, escalationId: string, doc: Buffer) {
    this.notes.push([position, escalationId, doc]);
  }

  addDueStep(taskId: string, escalationId: string, kind: DueStepKind, ref: string, dueAt: string) {
    this.steps.set(taskId, { escalationId, kind, ref, dueAt });
    if (kind === 'ACK_TIMEOUT') return;
    const timers = this.timersSet.get(escalationId);
    if (timers) timers.push(taskId);
    else this.timersSet.set(escalationId, [taskId]);
  }

  removeDueStep(taskId: string, escalationId: string) {
    if (this.fresh.has(escalationId)) this.steps.delete(taskId);
    else this.steps.set(taskId, null);
  }

  removeTimers(escalationId: string) {
    const fresh = this.fresh.has(escalationId);
    if (!fresh) this.timersCleared.add(escalationId);
    const timers = this.timersSet.get(escalationId);
    if (!timers) return;
    for (const taskId of timers) {
      if (fresh) this.steps.delete(taskId);
      else this.steps.set(taskId, null);
    }
    this.timersSet.delete(escalationId);
  }

  flush(db: Database): void {
    if (this.pages.size > 0) this.flushPages(db);
    if (this.notes.length > 0) {
      const insertNote = cachedStatement(
        db,
        'INSERT OR REPLACE INTO escalation_notes (escalation_id, position, doc) VALUES (?, ?, ?)',
      );
      for (const [position, escalationId, doc] of this.notes) insertNote.run(escalationId, position, doc);
    }
    // The steps stored before this batch go first: a timer set again after they were cleared stays.
    if (this.timersCleared.size > 0) {
      const clearTimers = cachedStatement(
        db,
        `DELETE FROM escalation_due_steps WHERE escalation_id = ? AND kind != 'ACK_TIMEOUT'`,
      );
      for (const escalationId of this.timersCleared) clearTimers.run(escalationId);
    }
    if (this.steps.size > 0) {
      const insertStep = cachedStatement(
        db,
        'INSERT OR REPLACE INTO escalation_due_steps (task_id, escalation_id, kind, ref, due_at) VALUES (?, ?, ?, ?, ?)',
      );
      const deleteStep = cachedStatement(db, 'DELETE FROM escalation_due_steps WHERE task_id = ?');
      for (const [taskId, step] of this.steps) {
        if (step) insertStep.run(taskId, step.escalationId, step.kind, step.ref, step.dueAt);
        else deleteStep.run(taskId);
      }
    }
    this.clear();
  }

  clear(): void {
    this.pages.clear();
    this.notes.length = 0;
    this.steps.clear();
    this.timersCleared.clear();
    this.timersSet.clear();
    this.fresh.clear();
  }

  private flushPages(db: Database): void {
    const insertPage = cachedStatement(
      db,
      'INSERT OR REPLACE INTO escalation_pages (page_id, escalation_id, rotation_id, status, ack_deadline) VALUES (?, ?, ?, ?, ?)',
    );
    const updatePage = cachedStatement(db, 'UPDATE escalation_pages SET status = ? WHERE page_id = ?');
    const insertRecipient = cachedStatement(
      db,
      'INSERT OR IGNORE INTO escalation_page_recipients (responder_id, page_id) VALUES (?, ?)',
    );
    const deleteRecipient = cachedStatement(
      db,
      'DELETE FROM escalation_page_recipients WHERE responder_id = ? AND page_id = ?',
    );
    for (const [pageId, { row, status, recipients }] of this.pages) {
      if (row) insertPage.run(pageId, row.escalationId, row.rotationId, status, row.ackDeadline);
      else updatePage.run(status, pageId);
      if (status === 'TRIGGERED') for (const responderId of recipients) insertRecipient.run(responderId, pageId);
      else if (!row) for (const responderId of recipients) deleteRecipient.run(responderId, pageId);
    }
  }
}
