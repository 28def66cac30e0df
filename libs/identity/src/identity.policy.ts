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

  /** A session is started for the one who signed in, with their own context. */
  assertCanStartSession(context: RequestContext, subject: string): void {
    if (context.role !== 'system' && context.actor !== subject) {
      throw new ForbiddenError('A session is started only by the one it signs in');
    }
  }

  /** Only the session itself signs out. */
  assertCanEndSession(context: RequestContext, sessionId: string): void {
    if (context.role !== 'system' && context.sessionId !== sessionId) {
      throw new ForbiddenError('A session is ended only by itself (sign out)');
    }
  }

  assertCanList(context: RequestContext): void {
    this.assertAdmin(context, 'list API tokens');
  }

  private assertAdmin(context: RequestContext, what: string): void {
    if (context.role !== 'admin') throw new ForbiddenError(`Only an admin may ${what}`);
  }
}
