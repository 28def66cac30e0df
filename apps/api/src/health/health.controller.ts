import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EventStoreHealthIndicator } from './event-store.health.js';
import { ProjectionsHealthIndicator } from './projections.health.js';

/**
 * Liveness (`/health/live`: the process answers; restart it when it does not) and readiness
 * (`/health/ready`, also `/health`: the store answers, every read model has caught up after the
 * start and none is stuck; send it traffic only then).
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly eventStore: EventStoreHealthIndicator,
    private readonly projections: ProjectionsHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([
      () => this.indicators.check('process').up({ uptimeSeconds: Math.round(process.uptime()) }),
    ]);
  }

  @Get(['ready', ''])
  @HealthCheck()
  ready() {
    return this.health.check([() => this.eventStore.check(), () => this.projections.check()]);
  }
}
