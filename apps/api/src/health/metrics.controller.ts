import { Controller, Get, Header } from '@nestjs/common';
import { ProjectionRunner, projectionMetrics } from '@app/event-store';

/** Prometheus text exposition of the read models' progress, failures and skipped events. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly projections: ProjectionRunner) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): string {
    return projectionMetrics(this.projections.statuses(), this.projections.readiness());
  }
}
