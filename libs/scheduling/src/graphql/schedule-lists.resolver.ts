import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PageArgs, pageOfList } from '@app/core';
import { ResponderModel, UnavailableSpanConnection } from './models/responder.model.js';
import { OverrideConnection, RotationModel, SwapConnection } from './models/rotation.model.js';

/** A rotation's overrides and swaps grow with time: connections, in time order. */
@Resolver(() => RotationModel)
export class RotationListsResolver {
  @ResolveField(() => OverrideConnection, { description: 'Scheduled overrides, by start' })
  overrides(@Parent() rotation: RotationModel, @Args() page: PageArgs): OverrideConnection {
    return pageOfList(rotation.overrides, page, (o) => [o.start.toISOString(), o.id], 2);
  }

  @ResolveField(() => SwapConnection, { description: 'Swaps, by the start of their first shift' })
  swaps(@Parent() rotation: RotationModel, @Args() page: PageArgs): SwapConnection {
    return pageOfList(rotation.swaps, page, (s) => [s.first.shiftStart.toISOString(), s.id], 2);
  }
}

/** A responder's unavailable spans grow with time: a connection, by start. */
@Resolver(() => ResponderModel)
export class ResponderListsResolver {
  @ResolveField(() => UnavailableSpanConnection, { description: 'Unavailable spans, by start' })
  unavailability(@Parent() responder: ResponderModel, @Args() page: PageArgs): UnavailableSpanConnection {
    return pageOfList(responder.unavailability, page, (s) => [s.start.toISOString(), s.spanId], 2);
  }
}
