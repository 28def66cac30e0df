import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, actorOf } from '@app/core';
import { EventHistoryQuery } from '@app/event-store';
import { ScheduleQueries, SchedulingMapper } from '@app/scheduling';
import type { Page } from '../domain/escalation/escalation.decider.js';
import { escalationStream } from '../domain/escalation/escalation.events.js';
import type { PolicySnapshot } from '../domain/escalation/escalation.types.js';
import type { EscalationAlert } from '../domain/escalation/escalation-alert.types.js';
import type { EscalationAlertModel } from './models/escalation-alert.model.js';
import type { ServiceData } from '../domain/service/service.events.js';
import { EscalationQueries, type ResponderPresence } from '../projections/escalation.queries.js';
import type { EscalationDoc, Note } from '../projections/escalations.projection.js';
import type { EscalationPolicyModel } from './models/escalation-policy.model.js';
import type { EscalationModel, EscalationNoteModel, TimelineEntryModel } from './models/escalation.model.js';
import type { PageModel } from './models/page.model.js';
import type { ResponderPresenceModel } from './models/responder-presence.model.js';
import type { ServiceModel } from './models/service.model.js';
import { describeEscalationEvent } from './timeline.js';
import { EscalationTimelineContributions } from './timeline-contributions.js';

const date = (iso: string | null | undefined) => (iso ? new Date(iso) : undefined);
const orUndefined = <T>(value: T | null): T | undefined => value ?? undefined;

/** Policy steps are numbered from 1 in answers, as the timeline and the messages say them (stored: their index). */
const stepNumber = (index: number) => index + 1;

/**
 * Read-model documents → GraphQL objects. Scalars are copied; everything that costs a lookup
 * (responders, rotations, notes, timeline) is a getter, computed only when a query asks for it.
 */
@Injectable()
export class EscalationsMapper {
  private readonly models = new WeakMap<EscalationDoc, EscalationModel>();

  constructor(
    private readonly schedule: ScheduleQueries,
    private readonly scheduling: SchedulingMapper,
    private readonly queries: EscalationQueries,
    private readonly history: EventHistoryQuery,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly contributions: EscalationTimelineContributions,
  ) {}

  /** Documents are immutable (a change replaces them), so each is mapped once. */
  escalation(doc: EscalationDoc): EscalationModel {
    let model = this.models.get(doc);
    if (!model) this.models.set(doc, (model = this.mapEscalation(doc)));
    return model;
  }

  private mapEscalation(doc: EscalationDoc): EscalationModel {
    const mapper = this;
    const contact = doc.customerContact;
    const raisedAt = Date.parse(doc.raisedAt);
    return {
      id: doc.escalationId,
      source: doc.source,
      alert: doc.alert ? alertModel(doc.alert) : undefined,
      severity: doc.severity,
      kind: orUndefined(doc.kind),
      title: doc.title,
      description: doc.description,
      links: doc.links,
      get rotation() {
        return mapper.scheduling.rotation(mapper.schedule.rotation(doc.rotationId));
      },
      get service() {
        return doc.serviceId ? mapper.service(mapper.queries.service(doc.serviceId)) : undefined;
      },
      routedToServiceOwner: doc.routedToServiceOwner,
      incidentTag: orUndefined(doc.incidentTag),
      raisedAt: new Date(raisedAt),
      raisedBy: actorOf(doc.raisedBy),
      state: doc.state,
      get dri() {
        return doc.driId ? mapper.scheduling.responderById(doc.driId) : undefined;
      },
      driSince: date(doc.driSince),
      get ageMinutes() {
        const until = doc.closedAt ? Date.parse(doc.closedAt) : mapper.clock.now().getTime();
        return Math.max(0, Math.floor((until - raisedAt) / 60_000));
      },
      get pages() {
        return doc.pages.map((page) => mapper.page(doc, page));
      },
      get currentPage() {
        const waiting = doc.pages.filter((p) => p.status === 'TRIGGERED').at(-1);
        return waiting ? mapper.page(doc, waiting) : undefined;
      },
      get notes() {
        return mapper.queries.notes(doc.escalationId).map(note);
      },
      lastNote: doc.lastNote ? note(doc.lastNote) : undefined,
      qualification: orUndefined(doc.qualification),
      neededMoreInformation: doc.neededMoreInformation,
      customerContact: contact
        ? {
            firstContactAt: new Date(contact.firstContactAt),
            followUpDueAt: new Date(contact.followUpDueAt),
            followUpRecordedAt: date(contact.followUpRecordedAt),
            bridgeClosesAt: date(contact.bridgeClosesAt),
            bridgeClosedAt: date(contact.bridgeClosedAt),
            repliedAt: date(contact.repliedAt),
          }
        : undefined,
      downgrade: doc.downgrade
        ? {
            reason: doc.downgrade.reason,
            priority: doc.downgrade.priority,
            followUpTicket: orUndefined(doc.downgrade.followUpTicket),
            at: new Date(doc.downgrade.at),
          }
        : undefined,
      policyExhaustedAt: date(doc.policyExhaustedAt),
      firstAcknowledgedAt: date(doc.firstAcknowledgedAt),
      secondsToFirstAcknowledgement: doc.firstAcknowledgedAt
        ? Math.round((Date.parse(doc.firstAcknowledgedAt) - Date.parse(doc.raisedAt)) / 1000)
        : undefined,
      mitigatedAt: date(doc.mitigatedAt),
      closedAt: date(doc.closedAt),
      get policy() {
        return mapper.policy(doc.policy, false);
      },
      get timeline() {
        return mapper.timeline(doc.escalationId);
      },
    };
  }

  page(doc: EscalationDoc, page: Page): PageModel {
    const mapper = this;
    const responders = (ids: string[]) => ids.map((id) => mapper.scheduling.responderById(id));
    return {
      id: page.pageId,
      escalationId: doc.escalationId,
      trigger: page.trigger,
      step: page.step === null ? undefined : stepNumber(page.step),
      layer: page.layer,
      get rotation() {
        return page.rotationId ? mapper.scheduling.rotation(mapper.schedule.rotation(page.rotationId)) : undefined;
      },
      get recipients() {
        return responders(page.recipients);
      },
      get shadows() {
        return responders(page.shadowIds);
      },
      state: page.status,
      pagedAt: new Date(page.pagedAt),
      ackDeadline: new Date(page.ackDeadline),
      get acknowledgedBy() {
        return page.acknowledgedBy ? mapper.scheduling.responderById(page.acknowledgedBy) : undefined;
      },
      acknowledgedAt: date(page.acknowledgedAt),
      secondsToAcknowledge: orUndefined(page.secondsToAcknowledge),
      ackSloSeconds: page.ackSloSeconds,
      withinSlo: orUndefined(page.withinSlo),
      resolvedAt: date(page.resolvedAt),
      closedAt: date(page.closedAt),
      cancelReason: orUndefined(page.cancelReason),
      get selection() {
        return {
          rule: page.selection.rule,
          candidates: page.selection.candidates.map((c) => ({
            get responder() {
              return mapper.scheduling.responderById(c.responderId);
            },
            online: c.online,
            lastEscalatedAt: date(c.lastEscalatedAt),
            busyWithEscalationId: orUndefined(c.busyWith),
            isDri: c.isDri,
            chosen: c.chosen,
          })),
        };
      },
      skippedSteps: page.skippedSteps.map((s) => ({
        step: stepNumber(s.step),
        layer: s.layer,
        reason: s.reason,
        busyWithEscalationId: s.busyWith,
      })),
    };
  }

  policy(policy: PolicySnapshot, isDefault: boolean): EscalationPolicyModel {
    const mapper = this;
    return {
      get rotation() {
        return mapper.scheduling.rotation(mapper.schedule.rotation(policy.rotationId));
      },
      pagingMode: policy.pagingMode,
      ackSloMinutes: policy.ackSloMinutes,
      get steps() {
        return policy.steps.map((step) => ({
          layer: step.layer,
          rotation: step.rotationId ? mapper.scheduling.rotation(mapper.schedule.rotation(step.rotationId)) : undefined,
          responders: (step.responderIds ?? []).map((id) => mapper.scheduling.responderById(id)),
          ackTimeoutMinutes: step.ackTimeoutMinutes,
        }));
      },
      get backupPool() {
        return policy.backupPoolIds.map((id) => mapper.scheduling.responderById(id));
      },
      isDefault,
    };
  }

  service(service: ServiceData): ServiceModel {
    const mapper = this;
    return {
      id: service.serviceId,
      name: service.name,
      owningTeam: orUndefined(service.owningTeam),
      get secondTierRotation() {
        return service.secondTierRotationId
          ? mapper.scheduling.rotation(mapper.schedule.rotation(service.secondTierRotationId))
          : undefined;
      },
    };
  }

  presence(presence: ResponderPresence): ResponderPresenceModel {
    return {
      responder: this.scheduling.responderById(presence.responderId),
      state: presence.status ?? 'AWAY',
      since: date(presence.since),
      lastEscalatedAt: date(presence.lastPagedAt),
    };
  }

  async timeline(escalationId: string): Promise<TimelineEntryModel[]> {
    const nameOf = (id: string) => this.schedule.findResponder(id)?.name ?? id;
    const entries = await this.history.forStream(escalationStream(escalationId));
    const recipients = new Map<string, string[]>();
    for (const entry of entries) {
      if (entry.type === 'ResponderPaged') {
        const paged = entry.data as { pageId: string; recipients: string[] };
        recipients.set(paged.pageId, paged.recipients);
      }
    }
    const own = entries.map((entry) => ({
      at: instantOf(entry.data) ?? entry.occurredAt,
      actor: entry.actor,
      type: entry.type,
      ...describeEscalationEvent(entry, nameOf, (pageId) => recipients.get(pageId) ?? []),
    }));
    const added = this.contributions.for(escalationId);
    const lines = added.length === 0 ? own : [...own, ...added].sort((a, b) => a.at.localeCompare(b.at));
    return lines.map((line) => {
      const mapper = this;
      return {
        at: new Date(line.at),
        actor: actorOf(line.actor),
        type: line.type,
        description: line.description,
        get responders() {
          return [...new Set(line.responderIds)]
            .filter((id) => mapper.schedule.findResponder(id))
            .map((id) => mapper.scheduling.responderById(id));
        },
      };
    });
  }
}

/** The instant the event is about (a time-driven step may be recorded a little after it). */
function instantOf(data: Record<string, unknown>): string | undefined {
  const value = data.at ?? data.pagedAt ?? data.raisedAt;
  return typeof value === 'string' ? value : undefined;
}

function alertModel(alert: EscalationAlert): EscalationAlertModel {
  const pairs = (record: Record<string, string>) => Object.entries(record).map(([name, value]) => ({ name, value }));
  return {
    integrationKeyId: alert.integrationKeyId,
    dedupKey: alert.dedupKey,
    occurrences: alert.occurrences,
    firstOccurredAt: new Date(alert.firstOccurredAt),
    lastOccurredAt: new Date(alert.lastOccurredAt),
    summary: alert.summary,
    labels: pairs(alert.labels),
    annotations: pairs(alert.annotations),
    links: alert.links.map((l) => ({ href: l.href, text: orUndefined(l.text) })),
    details: JSON.stringify(alert.details),
    groupKey: orUndefined(alert.groupKey),
    maintenanceWindowId: orUndefined(alert.maintenanceWindowId),
    acknowledgedAt: date(alert.acknowledgedAt),
  };
}

function note(n: Note): EscalationNoteModel {
  return { id: n.noteId, kind: n.kind, text: n.text, author: actorOf(n.author), at: new Date(n.at) };
}
