import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentRequest, type RequestContext } from '@app/core';
import { OnCallShiftModel, ResponderModel } from '@app/scheduling';
import { NotificationsAccessPolicy } from '../notifications.policy.js';
import { ContactMethodQueries } from '../projections/contact-method.queries.js';
import { ContactMethodModel, NotificationRuleModel } from './models/contact-method.model.js';
import { NotificationsMapper } from './notifications.mapper.js';

const REACHABLE = 'False when the responder has no verified contact method: a page would reach nobody';

/** How a responder is reached: fields added to the scheduling context's Responder. */
@Resolver(() => ResponderModel)
export class ResponderNotificationsResolver {
  constructor(
    private readonly methods: ContactMethodQueries,
    private readonly access: NotificationsAccessPolicy,
    private readonly mapper: NotificationsMapper,
  ) {}

  @ResolveField(() => [ContactMethodModel], {
    nullable: true,
    description: 'Seen by the responder, managers and admins (FORBIDDEN for others)',
  })
  contactMethods(@Parent() responder: ResponderModel, @CurrentRequest() context: RequestContext): ContactMethodModel[] {
    this.access.assertCanRead(context, responder.id);
    return this.methods.forResponder(responder.id).map((m) => this.mapper.contactMethod(m));
  }

  @ResolveField(() => [NotificationRuleModel], {
    nullable: true,
    description: 'The rules in force: the ones set, or by default every verified method at once',
  })
  notificationRules(
    @Parent() responder: ResponderModel,
    @CurrentRequest() context: RequestContext,
  ): NotificationRuleModel[] {
    this.access.assertCanRead(context, responder.id);
    return this.methods.rulesFor(responder.id).map((rule) => ({
      contactMethod: this.mapper.contactMethod(this.methods.require(rule.contactMethodId)),
      delayMinutes: rule.delayMinutes,
    }));
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: 'Minutes before a shift the responder is reminded they go on call (null: never)',
  })
  onCallReminderMinutes(@Parent() responder: ResponderModel, @CurrentRequest() context: RequestContext): number | null {
    this.access.assertCanRead(context, responder.id);
    return this.methods.reminderMinutes(responder.id);
  }

  @ResolveField(() => Boolean, { description: REACHABLE })
  reachable(@Parent() responder: ResponderModel): boolean {
    return this.methods.reachable(responder.id);
  }
}

/** `reachable` on each on-call entry, so the on-call answer shows who a page would not reach. */
@Resolver(() => OnCallShiftModel)
export class OnCallReachabilityResolver {
  constructor(private readonly methods: ContactMethodQueries) {}

  @ResolveField(() => Boolean, { description: REACHABLE })
  reachable(@Parent() shift: OnCallShiftModel): boolean {
    return this.methods.reachable(shift.responder.id);
  }
}
