import { Injectable } from '@nestjs/common';
import { ForbiddenError, type Role } from '@app/core';
import { ScheduleQueries } from '@app/scheduling';
import type { OidcMatchField } from '../identity.options.js';
import { SignInEmailsProjection } from '../projections/sign-in-emails.projection.js';

export interface MatchedResponder {
  responderId: string;
  role: Role;
}

/**
 * Finds the responder an identity provider's claim names: by a verified e-mail address (the
 * default), or by handle. Nobody matched, more than one, or a deactivated responder: FORBIDDEN,
 * and nothing is created.
 */
@Injectable()
export class ResponderMatch {
  constructor(
    private readonly emails: SignInEmailsProjection,
    private readonly schedule: ScheduleQueries,
  ) {}

  find(field: OidcMatchField, value: string, now: Date): MatchedResponder {
    const ids =
      field === 'email'
        ? this.emails.respondersWithVerified(value)
        : [this.schedule.responderByHandle(value)?.responderId].filter((id): id is string => id !== undefined);
    const what = field === 'email' ? 'verified e-mail address' : 'handle';
    if (ids.length === 0) throw new ForbiddenError(`No responder has the ${what} ${value}; ask an admin to add you`);
    if (ids.length > 1) throw new ForbiddenError(`More than one responder has the ${what} ${value}; ask an admin`);
    const responder = this.schedule.findResponder(ids[0]);
    if (!responder) throw new ForbiddenError(`No responder has the ${what} ${value}; ask an admin to add you`);
    if (!this.schedule.isPageable(responder.responderId, now)) {
      throw new ForbiddenError('Your responder has been deactivated');
    }
    return { responderId: responder.responderId, role: responder.role === 'engineer' ? 'responder' : 'manager' };
  }
}
