import { Injectable } from '@nestjs/common';
import { SchedulingMapper } from '@app/scheduling';
import type { ContactMethod } from '../domain/contact-method/contact-method.decider.js';
import type { DeliveryRow } from '../projections/delivery.queries.js';
import type { ContactMethodModel, NotificationModel } from './models/contact-method.model.js';

@Injectable()
export class NotificationsMapper {
  constructor(private readonly scheduling: SchedulingMapper) {}

  contactMethod(method: ContactMethod): ContactMethodModel {
    return {
      id: method.contactMethodId,
      kind: method.kind,
      address: method.address,
      verified: method.verified,
      verifiedAt: method.verifiedAt ? new Date(method.verifiedAt) : undefined,
    };
  }

  notification(row: DeliveryRow): NotificationModel {
    const scheduling = this.scheduling;
    return {
      id: row.deliveryId,
      kind: row.messageKind,
      get recipient() {
        return scheduling.responderById(row.responderId);
      },
      channel: row.channel,
      destination: row.address,
      state: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      dueAt: new Date(row.dueAt),
      sentAt: row.sentAt ? new Date(row.sentAt) : undefined,
    };
  }
}
