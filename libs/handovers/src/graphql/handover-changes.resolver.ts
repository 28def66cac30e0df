import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { LiveChanges } from '@app/event-store';
import { handoverStream } from '../domain/handover/handover.events.js';
import { HandoverQueries } from '../projections/handover.queries.js';
import { HandoversMapper } from './handovers.mapper.js';
import { ShiftBoundaryModel } from './models/shift-boundary.model.js';

const HANDOVER_STREAM_PREFIX = handoverStream('');

/** Live handovers: a shift boundary's items as they are summarised, accepted or flagged overdue. */
@Resolver(() => ShiftBoundaryModel)
export class HandoverChangesResolver {
  constructor(
    private readonly live: LiveChanges,
    private readonly queries: HandoverQueries,
    private readonly mapper: HandoversMapper,
  ) {}

  @Subscription(() => ShiftBoundaryModel, {
    description:
      'A shift boundary (every boundary without `boundaryId`: new ones too) each time its handover items change, in the shape `handover(boundaryId)` answers',
    resolve: (boundary: ShiftBoundaryModel) => boundary,
  })
  handoverItemsChanged(
    @Args('boundaryId', { type: () => ID, nullable: true }) boundaryId?: string | null,
  ): AsyncIterableIterator<ShiftBoundaryModel> {
    if (boundaryId) this.queries.handover(boundaryId);
    return this.live.watch({
      keysOf: (event) => {
        if (!event.streamId.startsWith(HANDOVER_STREAM_PREFIX)) return [];
        const id = event.streamId.slice(HANDOVER_STREAM_PREFIX.length);
        return !boundaryId || id === boundaryId ? [id] : [];
      },
      load: (id) => this.mapper.boundary(this.queries.handover(id)),
    });
  }
}
