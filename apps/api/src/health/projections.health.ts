import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ProjectionRunner } from '@app/event-store';

/** Down until every read model has caught up after a start, and while one is stuck on an event. */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    private readonly projections: ProjectionRunner,
    private readonly health: HealthIndicatorService,
  ) {}

  check() {
    const indicator = this.health.check('projections');
    const { ready, catchingUp, stuck } = this.projections.readiness();
    if (ready) return indicator.up({ count: this.projections.statuses().length });
    return indicator.down({
      catchingUp,
      stuck: stuck.map(({ name, failure }) => ({
        name,
        eventId: failure.eventId,
        streamId: failure.streamId,
        type: failure.type,
        position: failure.position?.toString(),
        error: failure.error,
        attempts: failure.attempts,
      })),
    });
  }
}
