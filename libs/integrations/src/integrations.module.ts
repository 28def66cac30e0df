import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EscalationsModule } from '@app/escalations';
import { SchedulingModule } from '@app/scheduling';
import { CreateIntegrationKeyHandler } from './commands/create-integration-key.command.js';
import {
  EndMaintenanceWindowHandler,
  ScheduleMaintenanceWindowHandler,
} from './commands/maintenance-window.commands.js';
import { RevokeIntegrationKeyHandler } from './commands/revoke-integration-key.command.js';
import { IntegrationActorSource } from './graphql/integration-actor.source.js';
import { IntegrationsMapper } from './graphql/integrations.mapper.js';
import { EscalationAlertResolver, IntegrationsResolver } from './graphql/integrations.resolver.js';
import { AlertWebhookController } from './http/alert-webhook.controller.js';
import { EventsV2Controller } from './http/events-v2.controller.js';
import { AlertIntake } from './intake/alert-intake.js';
import { IntakeGate } from './intake/intake-gate.js';
import { INTEGRATIONS_OPTIONS, type IntegrationsOptions } from './integrations.options.js';
import { IntegrationKeyAuditSource, MaintenanceWindowAuditSource } from './integrations.audit.js';
import { IntegrationsPolicy } from './integrations.policy.js';
import { IntegrationKeysProjection } from './projections/integration-keys.projection.js';
import { MaintenanceWindowsProjection } from './projections/maintenance-windows.projection.js';

/** Integrations: integration keys, alert intake (Events API v2, Alertmanager, Grafana), dedup, maintenance windows. */
@Module({
  imports: [SchedulingModule, EscalationsModule],
  controllers: [EventsV2Controller, AlertWebhookController],
  providers: [
    {
      provide: INTEGRATIONS_OPTIONS,
      inject: [ConfigService],
      useFactory: (config: ConfigService): IntegrationsOptions => ({
        alertRateLimitPerMinute: config.get<number>('ALERT_RATE_LIMIT_PER_MINUTE') ?? 6000,
      }),
    },
    IntegrationKeysProjection,
    MaintenanceWindowsProjection,
    IntegrationsPolicy,
    IntegrationsMapper,
    IntegrationActorSource,
    IntakeGate,
    AlertIntake,
    CreateIntegrationKeyHandler,
    RevokeIntegrationKeyHandler,
    ScheduleMaintenanceWindowHandler,
    EndMaintenanceWindowHandler,
    IntegrationsResolver,
    EscalationAlertResolver,
    IntegrationKeyAuditSource,
    MaintenanceWindowAuditSource,
  ],
  exports: [IntegrationKeysProjection],
})
export class IntegrationsModule {}
