import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { ESCALATION_STREAM_PREFIX } from '@app/escalations';
import { LiveChanges, type RecordedEvent } from '@app/event-store';
import { handoverStream } from '../domain/handover/handover.events.js';
import { HandoverQueries } from '../projections/handover.queries.js';
import { HandoversMapper } from './handovers.mapper.js';
import { ShiftBoundaryModel } from './models/shift-boundary.model.js';

const HANDOVER_STREAM_PREFIX = handoverStream('');

/** How many boundaries a subscription to all of them follows the items' escalations of (the latest delivered). */
const FOLLOWED_BOUNDARIES = 200;

/**
 * Live handovers: a shift boundary each time its items change, whether through the handover (a
 * summary written, an item accepted or flagged overdue) or through the escalation behind an item
 * (its state, its new DRI once handed over).
 */
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
    const followed = new BoundariesOfEscalations();
    if (boundaryId) followed.follow(boundaryId, this.queries.handover(boundaryId).items);
    return this.live.watch({
      keysOf: (event) => {
        const changed = boundaryOf(event);
        if (changed) return !boundaryId || changed === boundaryId ? [changed] : [];
        return followed.of(event);
      },
      load: (id) => {
        const handover = this.queries.handover(id);
        followed.follow(id, handover.items, boundaryId ? 1 : FOLLOWED_BOUNDARIES);
        return this.mapper.boundary(handover);
      },
    });
  }
}

function boundaryOf(event: RecordedEvent): string | undefined {
  return event.streamId.startsWith(HANDOVER_STREAM_PREFIX)
    ? event.streamId.slice(HANDOVER_STREAM_PREFIX.length)
    : undefined;
}

/** Which followed boundaries hold an escalation as an item; the latest `limit` boundaries are kept. */
class BoundariesOfEscalations {
  private readonly items = new Map<string, readonly string[]>();

  follow(boundaryId: string, items: ReadonlyArray<{ escalationId: string }>, limit = 1): void {
    this.items.delete(boundaryId);
    this.items.set(
      boundaryId,
      items.map((item) => item.escalationId),
    );
    while (this.items.size > limit) this.items.delete(this.items.keys().next().value!);
  }

  of(event: RecordedEvent): string[] {
    if (!event.streamId.startsWith(ESCALATION_STREAM_PREFIX)) return [];
    const escalationId = event.streamId.slice(ESCALATION_STREAM_PREFIX.length);
    return [...this.items].filter(([, escalations]) => escalations.includes(escalationId)).map(([id]) => id);
  }
}
