import { Injectable } from '@nestjs/common';
import { actorOrNone } from '@app/core';
import { EscalationQueries, EscalationsMapper, isOpenState, type EscalationDoc } from '@app/escalations';
import type { EscalationStateValue, SeverityValue } from '@app/escalations';
import { ScheduleQueries, SchedulingMapper } from '@app/scheduling';
import type { HandoverDraftData } from '../domain/draft/handover-draft.events.js';
import type { Handover, HandoverItem } from '../domain/handover/handover.decider.js';
import { compareHandoverItems } from '../domain/handover/item-order.js';
import type { HandoverSettings } from '../domain/settings/handover-settings.events.js';
import { handoverMarkdown } from '../markdown/handover-markdown.js';
import type {
  HandoverDraftModel,
  HandoverItemModel,
  HandoverSettingsModel,
  ShiftBoundaryModel,
} from './models/shift-boundary.model.js';

const date = (iso: string | null) => (iso ? new Date(iso) : undefined);

/** Boundary documents joined with the escalations as they are now. */
@Injectable()
export class HandoversMapper {
  constructor(
    private readonly schedule: ScheduleQueries,
    private readonly scheduling: SchedulingMapper,
    private readonly escalations: EscalationQueries,
    private readonly escalationsMapper: EscalationsMapper,
  ) {}

  boundaries(handovers: Handover[]): ShiftBoundaryModel[] {
    const docs = this.escalations.byIds([...new Set(handovers.flatMap((h) => h.items.map((i) => i.escalationId)))]);
    return handovers.map((h) => this.boundary(h, docs));
  }

  boundary(
    recorded: Handover,
    docs = this.escalations.byIds(recorded.items.map((i) => i.escalationId)),
  ): ShiftBoundaryModel {
    const mapper = this;
    const handover = inHandoverOrder(recorded, docs);
    const items = handover.items.map((item) => this.item(item, docs.get(item.escalationId)!));
    return {
      id: handover.boundaryId,
      get rotation() {
        return mapper.scheduling.rotation(mapper.schedule.rotation(handover.rotationId));
      },
      at: new Date(handover.at),
      get outgoing() {
        return handover.outgoingIds.map((id) => mapper.scheduling.responderById(id));
      },
      get incoming() {
        return handover.incomingIds.map((id) => mapper.scheduling.responderById(id));
      },
      endedEarly: handover.endedEarlyBy !== undefined,
      endedEarlyBy: actorOrNone(handover.endedEarlyBy),
      handOverBy: new Date(handover.handOverBy),
      items,
      pendingCount: handover.items.filter((i) => !i.acceptedBy && isOpenState(docs.get(i.escalationId)!.state)).length,
      get markdown() {
        return mapper.markdown(handover, items, docs);
      },
    };
  }

  draft(draft: HandoverDraftData): HandoverDraftModel {
    const mapper = this;
    return {
      get escalation() {
        return mapper.escalationsMapper.escalation(mapper.escalations.escalation(draft.escalationId));
      },
      get rotation() {
        return mapper.scheduling.rotation(mapper.schedule.rotation(draft.rotationId));
      },
      get author() {
        return mapper.scheduling.responderById(draft.authorId);
      },
      status: draft.status,
      tried: draft.tried,
      nextSteps: draft.nextSteps,
      writtenAt: new Date(draft.at),
      shiftEndsAt: new Date(draft.shiftEndsAt),
    };
  }

  settings(settings: HandoverSettings, isDefault: boolean): HandoverSettingsModel {
    const mapper = this;
    return {
      get rotation() {
        return mapper.scheduling.rotation(mapper.schedule.rotation(settings.rotationId));
      },
      graceMinutes: settings.graceMinutes,
      get receivingRotations() {
        return settings.receivingRotationIds.map((id) => mapper.scheduling.rotation(mapper.schedule.rotation(id)));
      },
      isDefault,
    };
  }

  private item(item: HandoverItem, doc: EscalationDoc): HandoverItemModel {
    const mapper = this;
    const escalation = this.escalationsMapper.escalation(doc);
    const summary = item.summary;
    return {
      escalation,
      severity: doc.severity as SeverityValue,
      state: doc.state as EscalationStateValue,
      stateAtBoundary: item.state as EscalationStateValue,
      get dri() {
        return escalation.dri;
      },
      get driAtBoundary() {
        return mapper.scheduling.responderById(item.driId);
      },
      get ageMinutes() {
        return escalation.ageMinutes;
      },
      lastNote: escalation.lastNote,
      summary: summary
        ? {
            status: summary.status,
            tried: summary.tried,
            nextSteps: summary.nextSteps,
            get author() {
              return mapper.scheduling.responderById(summary.authorId);
            },
            writtenAt: new Date(summary.at),
            fromDraft: summary.fromDraft === true,
          }
        : undefined,
      handedOver: item.acceptedBy !== null,
      get acceptedBy() {
        return item.acceptedBy && mapper.schedule.findResponder(item.acceptedBy)
          ? mapper.scheduling.responderById(item.acceptedBy)
          : undefined;
      },
      get newDri() {
        return item.newDriId ? mapper.scheduling.responderById(item.newDriId) : undefined;
      },
      acceptedAt: date(item.acceptedAt),
      overdue: item.overdueAt !== null,
      flaggedOverdueAt: date(item.overdueAt),
    };
  }

  private markdown(handover: Handover, items: HandoverItemModel[], docs: Map<string, EscalationDoc>): string {
    const rotation = this.schedule.rotation(handover.rotationId);
    const handle = (id: string | null) => (id ? (this.schedule.findResponder(id)?.handle ?? id) : null);
    return handoverMarkdown({
      rotationName: rotation.name,
      timeZone: rotation.timeZone,
      at: handover.at,
      handOverBy: handover.handOverBy,
      outgoing: handover.outgoingIds.map((id) => handle(id)!),
      incoming: handover.incomingIds.map((id) => handle(id)!),
      items: handover.items.map((item, i) => {
        const doc = docs.get(item.escalationId)!;
        return {
          severity: doc.severity,
          title: doc.title,
          state: doc.state,
          ageMinutes: items[i].ageMinutes,
          dri: handle(doc.driId),
          links: doc.links,
          summary: item.summary ? { ...item.summary, author: handle(item.summary.authorId)! } : null,
          acceptedBy: handle(item.acceptedBy),
          newDri: handle(item.newDriId),
          overdue: item.overdueAt !== null,
          lastNote: doc.lastNote?.text ?? null,
        };
      }),
    });
  }
}

/** The items most severe first, then oldest (as escalations are now: a severity may have changed). */
function inHandoverOrder(handover: Handover, docs: Map<string, EscalationDoc>): Handover {
  const key = (item: HandoverItem) => {
    const doc = docs.get(item.escalationId);
    return { escalationId: item.escalationId, severity: doc?.severity ?? item.severity, raisedAt: doc?.raisedAt ?? '' };
  };
  return { ...handover, items: [...handover.items].sort((a, b) => compareHandoverItems(key(a), key(b))) };
}
