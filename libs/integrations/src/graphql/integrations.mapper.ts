import { Injectable } from '@nestjs/common';
import { actorOf } from '@app/core';
import { EscalationQueries, EscalationsMapper } from '@app/escalations';
import { ScheduleQueries, SchedulingMapper } from '@app/scheduling';
import type { IntegrationKey } from '../domain/integration-key/integration-key.decider.js';
import type { MaintenanceWindow } from '../domain/maintenance-window/maintenance-window.decider.js';
import type { IntegrationKeyModel, MaintenanceWindowModel } from './models/integration-key.model.js';

const date = (iso: string | null) => (iso ? new Date(iso) : undefined);

/** Read-model documents → GraphQL objects; lookups are getters, done only when asked for. */
@Injectable()
export class IntegrationsMapper {
  constructor(
    private readonly schedule: ScheduleQueries,
    private readonly scheduling: SchedulingMapper,
    private readonly escalations: EscalationQueries,
    private readonly escalationsMapper: EscalationsMapper,
  ) {}

  key(key: IntegrationKey): IntegrationKeyModel {
    const mapper = this;
    return {
      id: key.integrationKeyId,
      name: key.name,
      kind: key.kind,
      ...this.target(key.serviceId, key.rotationId),
      defaultSeverity: key.defaultSeverity,
      createdAt: new Date(key.createdAt),
      get createdBy() {
        return actorOf(key.createdBy);
      },
      revokedAt: date(key.revokedAt),
      get revokedBy() {
        return key.revokedBy ? actorOf(key.revokedBy) : undefined;
      },
    };
  }

  window(window: MaintenanceWindow): MaintenanceWindowModel {
    const mapper = this;
    return {
      id: window.windowId,
      ...this.target(window.serviceId, window.rotationId),
      start: new Date(window.startsAt),
      end: new Date(window.endsAt),
      reason: window.reason,
      scheduledAt: new Date(window.scheduledAt),
      get scheduledBy() {
        return actorOf(window.scheduledBy);
      },
      endedAt: date(window.endedAt),
      get endedBy() {
        return window.endedBy ? actorOf(window.endedBy) : undefined;
      },
    };
  }

  private target(serviceId: string | null, rotationId: string | null) {
    const mapper = this;
    return {
      get service() {
        return serviceId ? mapper.escalationsMapper.service(mapper.escalations.service(serviceId)) : undefined;
      },
      get rotation() {
        return rotationId ? mapper.scheduling.rotation(mapper.schedule.rotation(rotationId)) : undefined;
      },
    };
  }
}
