import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@app/core';
import { CommandRunner, deterministicId } from '@app/event-store';
import { EscalationQueries } from '@app/escalations';
import { ScheduleQueries } from '@app/scheduling';
import { DRAFT_WINDOW_MINUTES } from '../domain/boundary/shift-end.js';
import { handoverDraftDecider } from '../domain/draft/handover-draft.decider.js';
import { handoverDraftStream } from '../domain/draft/handover-draft.events.js';
import { handoverDecider, type Handover } from '../domain/handover/handover.decider.js';
import { handoverStream, type AttachedDraft, type BoundaryItem } from '../domain/handover/handover.events.js';
import { compareHandoverItems } from '../domain/handover/item-order.js';
import { plusMinutesIso } from '../domain/time.js';
import { HandoverQueries } from '../projections/handover.queries.js';

export function boundaryId(rotationId: string, at: string): string {
  return deterministicId('shift-boundary', rotationId, at);
}

export interface BoundaryToRecord {
  rotationId: string;
  at: Date;
  outgoing: string[];
  /** Derives the event ids: the same step recorded twice is recorded once. */
  stepId: string;
}

/**
 * Records a shift boundary: who goes off call, who takes over, the open escalations the outgoing
 * responders are DRI of (most severe first, then oldest), and the drafts their DRIs wrote in the
 * last hour of the shift, attached as the items' first summaries.
 */
@Injectable()
export class BoundaryRecorder {
  constructor(
    private readonly runner: CommandRunner,
    private readonly schedule: ScheduleQueries,
    private readonly queries: HandoverQueries,
    private readonly escalations: EscalationQueries,
  ) {}

  async record(boundary: BoundaryToRecord, context: RequestContext): Promise<Handover> {
    const at = boundary.at.toISOString();
    const settings = this.queries.settings(boundary.rotationId);
    const docs = this.escalations.openWithDri(boundary.outgoing).sort(compareHandoverItems);
    const items: BoundaryItem[] = docs.map((e) => ({
      escalationId: e.escalationId,
      driId: e.driId!,
      severity: e.severity,
      state: e.state,
      title: e.title,
    }));
    const id = boundaryId(boundary.rotationId, at);
    const outcome = await this.runner.run(
      handoverStream(id),
      handoverDecider,
      {
        type: 'RecordBoundary',
        eventId: deterministicId(boundary.stepId, 'recorded'),
        boundaryId: id,
        rotationId: boundary.rotationId,
        at,
        outgoingIds: boundary.outgoing,
        incomingIds: this.incoming(boundary.rotationId, boundary.at, settings.receivingRotationIds, boundary.outgoing),
        handOverBy: plusMinutesIso(at, settings.graceMinutes),
        items,
        ...this.endedEarly(boundary.rotationId, at, boundary.outgoing),
        drafts: await this.drafts(items, boundary.at.getTime()),
      },
      context,
    );
    return outcome.state!;
  }

  /**
   * A boundary where an override covering the rest of an outgoing responder's shift starts was
   * made by `endShiftNow`: whichever path records it (the command, or the boundary walker first),
   * it names who ended the shift.
   */
  private endedEarly(rotationId: string, at: string, outgoing: string[]): { endedEarlyBy?: string } {
    const override = this.schedule
      .rotationFrom(rotationId, new Date(at))
      .overrides.find(
        (o) =>
          o.endsShiftEarly &&
          Date.parse(o.start) === Date.parse(at) &&
          o.replacesResponderId !== undefined &&
          outgoing.includes(o.replacesResponderId),
      );
    return override ? { endedEarlyBy: override.createdBy } : {};
  }

  /** The latest draft of each item, by its DRI, written in the hour before the boundary. */
  private async drafts(items: BoundaryItem[], at: number): Promise<AttachedDraft[]> {
    const drafts: AttachedDraft[] = [];
    for (const item of items) {
      const draft = await this.runner.load(handoverDraftStream(item.escalationId), handoverDraftDecider);
      if (!draft || draft.authorId !== item.driId) continue;
      const writtenAt = Date.parse(draft.at);
      if (writtenAt > at || at - writtenAt > DRAFT_WINDOW_MINUTES * 60_000) continue;
      const { escalationId, authorId, status, tried, nextSteps } = draft;
      drafts.push({ escalationId, authorId, at: draft.at, status, tried, nextSteps });
    }
    return drafts;
  }

  /**
   * Who takes over: the rotation's own on-call responders right after the boundary; when there
   * are none, those of its receiving rotations (in order), or else of the team's other rotations;
   * DRIs first.
   */
  private incoming(rotationId: string, at: Date, receiving: string[], outgoing: string[]): string[] {
    const rotation = this.schedule.rotation(rotationId);
    const own = this.onCall(at, [rotationId]);
    const others = receiving.length
      ? this.onCall(at, receiving)
      : this.onCall(
          at,
          this.schedule
            .rotations(rotation.team)
            .map((r) => r.rotationId)
            .filter((id) => id !== rotationId),
          true,
        );
    const candidates = own.length > 0 ? own : others;
    return [...new Set(candidates)].filter((id) => !outgoing.includes(id));
  }

  private onCall(at: Date, rotationIds: string[], driFirstAcross = false): string[] {
    const entries = this.schedule
      .onCallAt(at, rotationIds)
      .flatMap((entry) => [...entry.onCall].sort((a, b) => Number(b.isDri) - Number(a.isDri)));
    const ordered = driFirstAcross ? [...entries].sort((a, b) => Number(b.isDri) - Number(a.isDri)) : entries;
    return ordered.map((s) => s.responderId);
  }
}
