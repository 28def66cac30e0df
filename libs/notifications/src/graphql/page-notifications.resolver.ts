import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PageModel } from '@app/escalations';
import { DeliveryQueries } from '../projections/delivery.queries.js';
import { NotificationModel } from './models/contact-method.model.js';
import { NotificationsMapper } from './notifications.mapper.js';

/** What was sent for a page: a field added to the escalations context's Page. */
@Resolver(() => PageModel)
export class PageNotificationsResolver {
  constructor(
    private readonly deliveries: DeliveryQueries,
    private readonly mapper: NotificationsMapper,
  ) {}

  @ResolveField(() => [NotificationModel], { description: 'Each message sent or planned for this page, by due time' })
  notifications(@Parent() page: PageModel): NotificationModel[] {
    return this.deliveries.forPage(page.id).map((row) => this.mapper.notification(row));
  }
}
