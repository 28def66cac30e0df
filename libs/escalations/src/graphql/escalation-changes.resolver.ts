import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { LiveChanges } from '@app/event-store';
import { ESCALATION_STREAM_PREFIX } from '../domain/escalation/escalation.events.js';
import { EscalationQueries } from '../projections/escalation.queries.js';
import { EscalationsMapper } from './escalations.mapper.js';
import { EscalationModel } from './models/escalation.model.js';

/** Live escalations: each change (its pages, notes and timeline included) once the read models have it. */
@Resolver(() => EscalationModel)
export class EscalationChangesResolver {
  constructor(
    private readonly live: LiveChanges,
    private readonly queries: EscalationQueries,
    private readonly mapper: EscalationsMapper,
  ) {}

  @Subscription(() => EscalationModel, {
    description:
      'Each escalation as it changes (raised, paged, acknowledged, noted, reassigned, resolved), in the shape `escalation(id)` answers; with `id`, only that one (NOT_FOUND when it does not exist)',
    resolve: (escalation: EscalationModel) => escalation,
  })
  escalationChanged(
    @Args('id', { type: () => ID, nullable: true }) id?: string | null,
  ): AsyncIterableIterator<EscalationModel> {
    if (id) this.queries.escalation(id);
    return this.live.watch({
      keysOf: (event) => {
        if (!event.streamId.startsWith(ESCALATION_STREAM_PREFIX)) return [];
        const escalationId = event.streamId.slice(ESCALATION_STREAM_PREFIX.length);
        return !id || escalationId === id ? [escalationId] : [];
      },
      load: (escalationId) => this.mapper.escalation(this.queries.escalation(escalationId)),
    });
  }
}
