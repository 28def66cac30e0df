import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { CurrentRequest, type RequestContext } from '@app/core';
import { LiveChanges } from '@app/event-store';
import { rapidActionStream } from '../domain/rapid-action/rapid-action.events.js';
import { RapidActionStatusQueries } from '../projections/rapid-action-status.queries.js';
import { RapidActionModel } from './models/rapid-action.model.js';
import { RapidActionsMapper } from './rapid-actions.mapper.js';

const RAPID_ACTION_STREAM_PREFIX = rapidActionStream('');

/**
 * Live rapid actions. Each change is read through the same queries as `rapidAction(id)`, so the
 * access policy decides per event and per subscriber: a confidential action reaches only its DRI,
 * sub-DRIs, stakeholders and admins, and stops reaching someone removed from its team.
 */
@Resolver(() => RapidActionModel)
export class RapidActionChangesResolver {
  constructor(
    private readonly live: LiveChanges,
    private readonly queries: RapidActionStatusQueries,
    private readonly mapper: RapidActionsMapper,
  ) {}

  @Subscription(() => RapidActionModel, {
    description:
      'Each rapid action the caller may see as it changes (declared, revised, updated, resolved), in the shape `rapidAction(id)` answers; with `id`, only that one (NOT_FOUND when it does not exist or is confidential to others)',
    resolve: (action: RapidActionModel) => action,
  })
  rapidActionUpdated(
    @Args('id', { type: () => ID, nullable: true }) id: string | null | undefined,
    @CurrentRequest() context: RequestContext,
  ): AsyncIterableIterator<RapidActionModel> {
    if (id) this.queries.action(context, id);
    return this.live.watch({
      keysOf: (event) => {
        if (!event.streamId.startsWith(RAPID_ACTION_STREAM_PREFIX)) return [];
        const actionId = event.streamId.slice(RAPID_ACTION_STREAM_PREFIX.length);
        return !id || actionId === id ? [actionId] : [];
      },
      load: (actionId) => this.mapper.action(this.queries.action(context, actionId)),
    });
  }
}
