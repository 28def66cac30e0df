import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import {
  AlertEscalationClosedError,
  AlertEscalationCommand,
  escalationDecider,
  EscalationQueries,
  escalationStream,
  integrationActor,
  isOpenState,
  type EscalationState,
} from '@app/escalations';
import { alertDecider, AlertAlreadyOpenedError } from '../domain/alert/alert.decider.js';
import { alertStream, type AlertOpenedData, type AlertRaise } from '../domain/alert/alert.events.js';
import type { IntegrationKey } from '../domain/integration-key/integration-key.decider.js';
import { MaintenanceWindowsProjection } from '../projections/maintenance-windows.projection.js';
import type { IntakeAction } from './intake-action.js';
import { KeyedQueue } from './keyed-queue.js';

type Trigger = Extract<IntakeAction, { type: 'TRIGGER' }>;
const MAX_ROUNDS = 5;

/**
 * Applies alert events with PagerDuty's dedup rules. Each (key, dedup key) has a stream naming
 * the escalation its alert opened; a trigger while that escalation is open adds an occurrence and
 * pages nobody new; once it is closed (by its alert or by a person) a trigger opens a new one.
 * Acknowledge and resolve of a key with no escalation are accepted and change nothing.
 */
@Injectable()
export class AlertIntake {
  private readonly queue = new KeyedQueue<IntakeAction>((a, b) => a.type === b.type);

  constructor(
    private readonly runner: CommandRunner,
    private readonly commands: CommandBus,
    private readonly escalations: EscalationQueries,
    private readonly windows: MaintenanceWindowsProjection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  accept(key: IntegrationKey, action: IntakeAction, correlationId: string): Promise<void> {
    const stream = alertStream(key.integrationKeyId, action.dedupKey);
    const context: RequestContext = {
      actor: integrationActor(key.integrationKeyId),
      role: 'integration',
      correlationId,
    };
    return this.queue.run(stream, action, (batch) => this.apply(key, stream, batch, context));
  }

  private async apply(key: IntegrationKey, stream: string, batch: IntakeAction[], context: RequestContext) {
    const [first] = batch;
    if (first.type === 'TRIGGER') return this.trigger(key, stream, batch as Trigger[], context);
    const { current } = await this.runner.load(stream, alertDecider);
    if (!current) return;
    await this.ensureRaised(current, context);
    await this.escalate({ type: first.type, escalationId: current.escalationId }, context);
  }

  private async trigger(key: IntegrationKey, stream: string, triggers: Trigger[], context: RequestContext) {
    const latest = triggers[triggers.length - 1];
    const windowId = this.silencingWindow(key);
    for (let round = 1; ; round++) {
      const { current } = await this.runner.load(stream, alertDecider);
      if (current && isOpenState(await this.ensureRaised(current, context))) {
        if (await this.recordOccurrence(current.escalationId, triggers.length, latest, windowId, context)) return;
      }
      try {
        const opened = await this.runner.run(
          stream,
          alertDecider,
          {
            type: 'OpenAlert',
            streamId: stream,
            integrationKeyId: key.integrationKeyId,
            dedupKey: triggers[0].dedupKey,
            replaces: current?.escalationId ?? null,
            raise: this.raiseFor(key, triggers[0], windowId),
          },
          context,
          // The raise that follows waits for the read models (its events come after these).
          { awaitProjections: false },
        );
        const data = opened.state.current!;
        await this.raise(data, context);
        if (triggers.length > 1) {
          await this.recordOccurrence(data.escalationId, triggers.length - 1, latest, windowId, context);
        }
        return;
      } catch (error) {
        // Another writer opened one first: the next round adds to it.
        if (!(error instanceof AlertAlreadyOpenedError) || round >= MAX_ROUNDS) throw error;
      }
    }
  }

  /** False when the escalation was closed meanwhile (the caller opens a new one). */
  private async recordOccurrence(
    escalationId: string,
    count: number,
    trigger: Trigger,
    maintenanceWindowId: string | null,
    context: RequestContext,
  ): Promise<boolean> {
    try {
      await this.escalate(
        { type: 'OCCURRENCE', escalationId, count, content: trigger.content, maintenanceWindowId },
        context,
      );
      return true;
    } catch (error) {
      if (error instanceof AlertEscalationClosedError) return false;
      throw error;
    }
  }

  /**
   * The escalation the alert stream names, raised if a crash came between the two appends (its
   * id and its events' ids are derived from the alert stream, so this completes that very one).
   */
  private async ensureRaised(opened: AlertOpenedData, context: RequestContext): Promise<EscalationState> {
    const known = this.escalations.find(opened.escalationId);
    if (known) return known.state;
    const stored = await this.runner.load(escalationStream(opened.escalationId), escalationDecider);
    if (stored) return stored.state;
    return this.raise(opened, context);
  }

  /** Raising is idempotent (the escalation's id and event ids derive from the alert stream). */
  private async raise(opened: AlertOpenedData, context: RequestContext): Promise<EscalationState> {
    const { integrationKeyId: _, dedupKey: __, replaces: ___, ...raise } = opened;
    const raised = await this.escalate({ type: 'RAISE', ...raise }, context);
    return raised!.state;
  }

  private escalate(action: AlertEscalationCommand['action'], context: RequestContext) {
    return this.commands.execute(new AlertEscalationCommand(action, context));
  }

  private raiseFor(key: IntegrationKey, trigger: Trigger, maintenanceWindowId: string | null): AlertRaise {
    return {
      rotationId: key.rotationId,
      serviceId: key.serviceId,
      severity: trigger.severity ?? key.defaultSeverity,
      title: trigger.content.summary,
      description: trigger.description,
      incidentTag: trigger.groupKey ? groupTag(key.integrationKeyId, trigger.groupKey) : null,
      raisedAt: this.clock.now().toISOString(),
      alert: {
        ...trigger.content,
        integrationKeyId: key.integrationKeyId,
        integrationKeyName: key.name,
        kind: key.kind,
        dedupKey: trigger.dedupKey,
        groupKey: trigger.groupKey,
        maintenanceWindowId,
      },
    };
  }

  private silencingWindow(key: IntegrationKey): string | null {
    const rotationId =
      key.rotationId ?? (key.serviceId ? this.escalations.service(key.serviceId).secondTierRotationId : null);
    return this.windows.silencing(this.clock.now(), key.serviceId, rotationId)?.windowId ?? null;
  }
}

/** One incident tag per Alertmanager group, so a storm of distinct alerts shows as one incident. */
export function groupTag(integrationKeyId: string, groupKey: string): string {
  return `alert-group-${createHash('sha256').update(`${integrationKeyId}\n${groupKey}`).digest('hex').slice(0, 16)}`;
}
