import { calendarReadAccess } from '@app/calendar';
import { coreReadAccess, FieldAccess } from '@app/core';
import { escalationsReadAccess } from '@app/escalations';
import { eventStoreReadAccess } from '@app/event-store';
import { figuresReadAccess } from '@app/figures';
import { handoversReadAccess } from '@app/handovers';
import { identityReadAccess } from '@app/identity';
import { integrationsReadAccess } from '@app/integrations';
import { notificationsReadAccess } from '@app/notifications';
import { rapidActionsReadAccess } from '@app/rapid-actions';
import { schedulingReadAccess } from '@app/scheduling';

/** Who may read each field of the schema: every bounded context's table, in one place. */
export const fieldAccess = new FieldAccess(
  coreReadAccess,
  eventStoreReadAccess,
  identityReadAccess,
  schedulingReadAccess,
  escalationsReadAccess,
  rapidActionsReadAccess,
  handoversReadAccess,
  figuresReadAccess,
  integrationsReadAccess,
  notificationsReadAccess,
  calendarReadAccess,
);
