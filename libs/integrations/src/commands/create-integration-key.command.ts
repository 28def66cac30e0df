import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BadUserInputError, CLOCK, type Clock, type RequestContext } from '@app/core';
import { CommandRunner } from '@app/event-store';
import { EscalationQueries, type AlertIntegrationKind, type Severity } from '@app/escalations';
import { ScheduleQueries } from '@app/scheduling';
import { integrationKeyDecider } from '../domain/integration-key/integration-key.decider.js';
import { integrationKeyStream } from '../domain/integration-key/integration-key.events.js';
import { hashKeySecret, newKeySecret } from '../intake/key-secret.js';
import { IntegrationsPolicy } from '../integrations.policy.js';

export interface CreateIntegrationKey {
  name: string;
  kind: AlertIntegrationKind;
  serviceId?: string;
  rotationId?: string;
  defaultSeverity: Severity;
}

export interface CreatedIntegrationKey {
  integrationKeyId: string;
  /** The secret: shown once, only its hash is stored. */
  key: string;
}

export class CreateIntegrationKeyCommand extends Command<CreatedIntegrationKey> {
  constructor(
    readonly input: CreateIntegrationKey,
    readonly context: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CreateIntegrationKeyCommand)
export class CreateIntegrationKeyHandler implements ICommandHandler<CreateIntegrationKeyCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly policy: IntegrationsPolicy,
    private readonly escalations: EscalationQueries,
    private readonly schedule: ScheduleQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: CreateIntegrationKeyCommand): Promise<CreatedIntegrationKey> {
    this.policy.assertCanManageKeys(context);
    if (input.serviceId && input.rotationId) {
      throw new BadUserInputError('rotationId', 'name either a service or a rotation, not both');
    }
    if (input.serviceId) {
      if (!this.escalations.service(input.serviceId).secondTierRotationId) {
        throw new BadUserInputError('serviceId', 'the service’s owning team has no second-tier rotation to page');
      }
    } else if (input.rotationId) {
      this.schedule.rotation(input.rotationId);
    }
    const integrationKeyId = randomUUID();
    const key = newKeySecret();
    await this.runner.run(
      integrationKeyStream(integrationKeyId),
      integrationKeyDecider,
      {
        type: 'CreateIntegrationKey',
        integrationKeyId,
        name: input.name,
        kind: input.kind,
        serviceId: input.serviceId ?? null,
        rotationId: input.rotationId ?? null,
        defaultSeverity: input.defaultSeverity,
        keyHash: hashKeySecret(key),
        createdAt: this.clock.now().toISOString(),
        createdBy: context.actor,
      },
      context,
    );
    return { integrationKeyId, key };
  }
}
