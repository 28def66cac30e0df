import { Injectable } from '@nestjs/common';
import { ForbiddenError, type RequestContext } from '@app/core';
import type { SubjectKind } from './domain/api-token/api-token.events.js';

/** Who may manage API tokens: admins; operator tokens only by the system itself (the first-admin command). */
@Injectable()
export class IdentityPolicy {
  assertCanIssue(context: RequestContext, subjectKind: SubjectKind): void {
    if (context.role === 'system') return;
    if (subjectKind === 'operator') throw new ForbiddenError('Operator tokens are issued from the command line only');
    this.assertAdmin(context, 'issue API tokens');
  }

  assertCanRevoke(context: RequestContext): void {
    if (context.role !== 'system') this.assertAdmin(context, 'revoke API tokens');
  }

  assertCanList(context: RequestContext): void {
    this.assertAdmin(context, 'list API tokens');
  }

  private assertAdmin(context: RequestContext, what: string): void {
    if (context.role !== 'admin') throw new ForbiddenError(`Only an admin may ${what}`);
  }
}
