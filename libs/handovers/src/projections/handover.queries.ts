import { Inject, Injectable } from '@nestjs/common';
import { decodeCursor, NotFoundError, toPage, type Page } from '@app/core';
import { cachedStatement, READ_MODEL_DATABASE, ReadModelDatabase } from '@app/event-store';
import type { HandoverDraftData } from '../domain/draft/handover-draft.events.js';
import type { Handover } from '../domain/handover/handover.decider.js';
import { ShiftBoundariesProjection } from './shift-boundaries.projection.js';
import { defaultHandoverSettings, type HandoverSettings } from '../domain/settings/handover-settings.events.js';

export interface PendingItem {
  boundaryId: string;
  escalationId: string;
  /** When the step is due: the hand-over-by instant, or the acceptance. */
  dueAt: string;
}

const parse = (row: { doc: string }) => JSON.parse(row.doc) as Handover;

@Injectable()
export class HandoverQueries {
  constructor(
    @Inject(READ_MODEL_DATABASE) private readonly readModels: ReadModelDatabase,
    private readonly projection: ShiftBoundariesProjection,
  ) {}

  private get db() {
    return this.readModels.db;
  }

  find(boundaryId: string): Handover | undefined {
    const row = cachedStatement<[string], { doc: string }>(
      this.db,
      'SELECT doc FROM handover_boundaries WHERE boundary_id = ?',
    ).get(boundaryId);
    return row ? parse(row) : undefined;
  }

  handover(boundaryId: string): Handover {
    const found = this.find(boundaryId);
    if (!found) throw new NotFoundError('Shift boundary', boundaryId);
    return found;
  }

  /** A rotation's boundaries in [from, to), the latest first. */
  boundaries(rotationId: string, range: { from?: Date; to?: Date }, first: number, after?: string): Page<Handover> {
    const from = range.from?.toISOString() ?? '';
    const to = range.to?.toISOString() ?? '9999';
    const totalCount = cachedStatement<[string, string, string], { n: number }>(
      this.db,
      'SELECT COUNT(*) AS n FROM handover_boundaries WHERE rotation_id = ? AND at >= ? AND at < ?',
    ).get(rotationId, from, to)!.n;
    const keyset = after != null ? ' AND (at, boundary_id) < (?, ?)' : '';
    const rows = cachedStatement<unknown[], { at: string; boundary_id: string; doc: string }>(
      this.db,
      `SELECT at, boundary_id, doc FROM handover_boundaries WHERE rotation_id = ? AND at >= ? AND at < ?${keyset}
       ORDER BY at DESC, boundary_id DESC LIMIT ?`,
    ).all(rotationId, from, to, ...(after != null ? decodeCursor(after, 2) : []), first + 1);
    return toPage(rows, first, totalCount, (r) => [r.at, r.boundary_id], parse);
  }

  /** The instant of the rotation's latest recorded boundary. */
  lastBoundaryAt(rotationId: string): string | undefined {
    return this.projection.latestBoundaryAt(rotationId);
  }

  /** Boundaries handed to this responder, the latest first. */
  handedTo(responderId: string, limit: number): Handover[] {
    return cachedStatement<[string, number], { doc: string }>(
      this.db,
      `SELECT b.doc FROM handover_incoming i JOIN handover_boundaries b ON b.boundary_id = i.boundary_id
       WHERE i.responder_id = ? ORDER BY i.at DESC LIMIT ?`,
    )
      .all(responderId, limit)
      .map(parse);
  }

  /** Items not handed over in time, still to be flagged. */
  itemsToFlag(now: Date, limit: number): PendingItem[] {
    return cachedStatement<[string, number], PendingItem>(
      this.db,
      `SELECT boundary_id AS boundaryId, escalation_id AS escalationId, hand_over_by AS dueAt FROM handover_items
       WHERE accepted_at IS NULL AND overdue = 0 AND escalation_closed = 0 AND hand_over_by <= ?
       ORDER BY hand_over_by LIMIT ?`,
    ).all(now.toISOString(), limit);
  }

  /** Accepted items whose new DRI is not yet recorded on the escalation. */
  acceptancesToApply(now: Date, limit: number): PendingItem[] {
    return cachedStatement<[string, number], PendingItem>(
      this.db,
      `SELECT boundary_id AS boundaryId, escalation_id AS escalationId, accepted_at AS dueAt FROM handover_items
       WHERE accepted_at IS NOT NULL AND dri_applied = 0 AND escalation_closed = 0 AND accepted_at <= ?
       ORDER BY accepted_at LIMIT ?`,
    ).all(now.toISOString(), limit);
  }

  /** The latest draft handover summary of an escalation. */
  draft(escalationId: string): HandoverDraftData | undefined {
    const row = cachedStatement<[string], { doc: string }>(
      this.db,
      'SELECT doc FROM handover_drafts WHERE escalation_id = ?',
    ).get(escalationId);
    return row ? (JSON.parse(row.doc) as HandoverDraftData) : undefined;
  }

  settings(rotationId: string): HandoverSettings {
    const row = cachedStatement<[string], { doc: string }>(
      this.db,
      'SELECT doc FROM handover_settings WHERE rotation_id = ?',
    ).get(rotationId);
    return row ? (JSON.parse(row.doc) as HandoverSettings) : defaultHandoverSettings(rotationId);
  }

  hasSettings(rotationId: string): boolean {
    return (
      cachedStatement<[string], { n: number }>(
        this.db,
        'SELECT COUNT(*) AS n FROM handover_settings WHERE rotation_id = ?',
      ).get(rotationId)!.n > 0
    );
  }
}
