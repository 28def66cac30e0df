import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, actorOf } from '@app/core';
import { ScheduleQueries, SchedulingMapper, type ResponderModel } from '@app/scheduling';
import { openBlockers } from '../domain/rapid-action/open-blockers.js';
import { updateKey, type ExitCriterion, type RapidAction } from '../domain/rapid-action/rapid-action.decider.js';
import type { SubDriScope } from '../domain/rapid-action/rapid-action.events.js';
import { daysBetween } from '../domain/rapid-action/update-cadence.js';
import { digestMarkdown, updateMarkdown } from '../domain/rapid-action/update-markdown.js';
import {
  RapidActionStatusQueries,
  type DigestItem,
  type StoredUpdate,
} from '../projections/rapid-action-status.queries.js';
import type { ExitCriterionModel, RapidActionModel, DigestModel } from './models/rapid-action.model.js';
import type { RapidActionUpdateModel, SubDriScopeModel } from './models/rapid-action-update.model.js';

const date = (iso: string | null | undefined) => (iso ? new Date(iso) : undefined);
const orUndefined = <T>(value: T | null) => value ?? undefined;

/**
 * Read-model documents → GraphQL objects. What costs a lookup (responders, updates) is a getter,
 * resolved only when a query asks for it. Day counts are computed at read time, from the clock.
 */
@Injectable()
export class RapidActionsMapper {
  constructor(
    private readonly scheduling: SchedulingMapper,
    private readonly schedule: ScheduleQueries,
    private readonly queries: RapidActionStatusQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  action(action: RapidAction): RapidActionModel {
    const mapper = this;
    let stored: StoredUpdate[] | undefined;
    const allUpdates = () => (stored ??= this.queries.updatesOf(action));
    let updates: RapidActionUpdateModel[] | undefined;
    const currentUpdates = () => (updates ??= this.updates(allUpdates()));
    const criteria = action.exitCriteria.map((c) => this.criterion(c));
    const open = action.state === 'open';
    const since = open
      ? daysBetween(action.lastUpdateAt ?? action.declaredAt, this.clock.now().toISOString(), action.driTimeZone)
      : undefined;
    return {
      id: action.rapidActionId,
      title: action.title,
      problemStatement: action.problemStatement,
      problems: action.problems,
      severity: action.severity,
      issuesInScope: action.issuesInScope,
      confidential: action.confidential,
      madePublicAt: date(action.madePublicAt),
      state: action.state,
      get dri() {
        return mapper.scheduling.responderById(action.driId);
      },
      driTimeZone: action.driTimeZone,
      get subDris() {
        return action.subDris.map((s) => ({
          responder: mapper.scheduling.responderById(s.responderId),
          scope: scope(s.scope),
          assignedAt: new Date(s.assignedAt),
        }));
      },
      get stakeholders() {
        return action.stakeholderIds.map((id) => mapper.scheduling.responderById(id));
      },
      exitCriteria: criteria,
      exitCriteriaMet: criteria.filter((c) => c.met).length,
      exitCriteriaTotal: criteria.length,
      get latestUpdate() {
        return currentUpdates()[0];
      },
      get updates() {
        return currentUpdates();
      },
      daysSinceLastUpdate: since?.calendar,
      businessDaysSinceLastUpdate: since?.business,
      nextUpdateDueBy: open ? new Date(action.updateDueBy) : undefined,
      overdue: open && action.overdueSince !== null,
      overdueSince: open ? date(action.overdueSince) : undefined,
      get openBlockers() {
        return openBlockers(
          action,
          allUpdates().filter((u) => u.current),
        ).map((b) => ({ ...b, scope: b.scope ? scope(b.scope) : undefined }));
      },
      declaredAt: new Date(action.declaredAt),
      declaredBy: actorOf(action.declaredBy),
      get resolution() {
        const r = action.resolution;
        if (!r) return undefined;
        return {
          resolvedAt: new Date(r.resolvedAt),
          resolvedBy: mapper.responder(r.resolvedBy),
          summary: orUndefined(r.summary),
          overridden: r.overriddenCriterionIds.length > 0,
          overrideReason: orUndefined(r.overrideReason),
          overriddenCriteria: criteria.filter((c) => r.overriddenCriterionIds.includes(c.id)),
        };
      },
      get followUps() {
        return action.followUps.map((f) => ({
          id: f.followUpId,
          description: f.description,
          issueUrl: orUndefined(f.issueUrl),
          owner: f.ownerId ? mapper.responder(f.ownerId) : undefined,
        }));
      },
      retrospective: action.retrospective
        ? {
            summary: action.retrospective.summary,
            documentUrl: orUndefined(action.retrospective.documentUrl),
            heldOn: orUndefined(action.retrospective.heldOn),
            recordedAt: new Date(action.retrospective.recordedAt),
          }
        : undefined,
    };
  }

  digest(day: string, items: DigestItem[]): DigestModel {
    const entries = items.map((item) => ({
      rapidAction: this.action(item.action),
      updates: item.updates.map((u) => this.update(u, [])),
    }));
    const sections = items.map((item) => ({
      title: item.action.title,
      severity: item.action.severity,
      driName: this.schedule.findResponder(item.action.driId)?.name ?? item.action.driId,
      updates: item.updates,
    }));
    return { date: day, entries, markdown: digestMarkdown(day, sections) };
  }

  /** The current version of each update, newest first, each with the versions it replaced. */
  private updates(stored: StoredUpdate[]): RapidActionUpdateModel[] {
    const byKey = new Map<string, StoredUpdate[]>();
    for (const update of stored) {
      const key = updateKey(update.date, update.scope);
      byKey.set(key, [...(byKey.get(key) ?? []), update]);
    }
    return stored
      .filter((u) => u.current)
      .map((current) => {
        const earlier = byKey
          .get(updateKey(current.date, current.scope))!
          .filter((u) => u !== current)
          .sort((a, b) => b.version - a.version);
        return this.update(
          current,
          earlier.map((u) => this.update(u, [])),
        );
      });
  }

  private update(update: StoredUpdate, previousVersions: RapidActionUpdateModel[]): RapidActionUpdateModel {
    const mapper = this;
    return {
      id: update.updateId,
      date: update.date,
      scope: update.scope ? scope(update.scope) : undefined,
      get postedBy() {
        return mapper.responder(update.postedBy);
      },
      postedAs: update.postedAs,
      postedAt: new Date(update.postedAt),
      progressSinceLastUpdate: update.progressSinceLastUpdate,
      progressExpectedByNextUpdate: update.progressExpectedByNextUpdate,
      blockers: orUndefined(update.blockers),
      praise: orUndefined(update.praise),
      version: update.version,
      current: update.current,
      previousVersions,
      get markdown() {
        return updateMarkdown(update);
      },
    };
  }

  private criterion(c: ExitCriterion): ExitCriterionModel {
    const mapper = this;
    return {
      id: c.criterionId,
      description: c.description,
      dashboardUrl: orUndefined(c.dashboardUrl),
      met: c.met !== null,
      evidence: c.met?.evidence,
      metAt: date(c.met?.at),
      get metBy() {
        return c.met ? mapper.responder(c.met.by) : undefined;
      },
    };
  }

  /** Actors are responder ids; one that is not (an automation) shows as null. */
  private responder(id: string): ResponderModel | undefined {
    const responder = this.schedule.findResponder(id);
    return responder ? this.scheduling.responder(responder) : undefined;
  }
}

function scope(s: SubDriScope): SubDriScopeModel {
  return { kind: s.kind, description: s.description };
}
