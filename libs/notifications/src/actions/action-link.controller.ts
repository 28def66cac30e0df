import { randomUUID } from 'node:crypto';
import { Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { AppError, CLOCK, type AppErrorCode, type Clock, type RequestContext } from '@app/core';
import { AnswerPageCommand, EscalationQueries } from '@app/escalations';
import { EVENT_STORE, WrongExpectedRevisionError, type EventStore } from '@app/event-store';
import { ScheduleQueries } from '@app/scheduling';
import type { PageAction } from '../channels/notification-channel.js';
import { actionLinkStream } from '../domain/action-link/action-link.events.js';
import { ActionLinks, type ActionLinkClaims } from './action-links.js';
import { actionPage } from './action-page.html.js';

const VERBS: Record<PageAction, { button: string; done: string }> = {
  ACKNOWLEDGE: { button: 'Acknowledge the page', done: 'Acknowledged: you are now the DRI.' },
  RESOLVE: { button: 'Resolve the page', done: 'Resolved: the page is closed (the escalation stays open).' },
  ESCALATE: { button: 'Escalate to the next step', done: 'Escalated: the next step of the policy is paged.' },
};

const STATUS: Record<AppErrorCode, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  REQUEST_TIMEOUT: 503,
  TOO_MANY_REQUESTS: 429,
};

/**
 * `{PUBLIC_URL}/actions/<token>`: GET only shows what the link would do (mail scanners and link
 * previews follow GET links); POST does it, once. A forged link answers 400, an expired or used
 * one 410. The single use is kept on the store: a stream per link, appended with `no_stream`.
 */
@Controller('actions')
export class ActionLinkController {
  constructor(
    private readonly links: ActionLinks,
    private readonly commands: CommandBus,
    private readonly escalations: EscalationQueries,
    private readonly schedule: ScheduleQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':token')
  async show(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const claims = await this.valid(token, res);
    if (!claims) return;
    if ((await this.store.readStream(actionLinkStream(claims.linkId), { maxCount: 1 })).length > 0) {
      return this.reply(res, 410, 'Link already used', ['This link has already been used.']);
    }
    const name = this.schedule.findResponder(claims.responderId)?.name ?? 'you';
    this.reply(res, 200, VERBS[claims.action].button, [...this.describe(claims.pageId), `As ${name}.`], {
      button: VERBS[claims.action].button,
    });
  }

  @Post(':token')
  async act(@Param('token') token: string, @Res() res: Response): Promise<void> {
    const claims = await this.valid(token, res);
    if (!claims) return;
    const correlationId = randomUUID();
    const at = this.clock.now().toISOString();
    try {
      await this.store.append(
        actionLinkStream(claims.linkId),
        [
          {
            id: randomUUID(),
            type: 'ActionLinkUsed',
            data: {
              linkId: claims.linkId,
              pageId: claims.pageId,
              responderId: claims.responderId,
              action: claims.action,
              at,
            },
            metadata: { actor: claims.responderId, correlationId, causationId: null, occurredAt: at, schemaVersion: 1 },
          },
        ],
        'no_stream',
      );
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) {
        return this.reply(res, 410, 'Link already used', ['This link has already been used.']);
      }
      throw error;
    }
    const context: RequestContext = { actor: claims.responderId, role: 'responder', correlationId };
    try {
      await this.commands.execute(new AnswerPageCommand(claims.action, claims.pageId, context));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return this.reply(res, STATUS[error.code], 'Nothing was changed', [error.message]);
    }
    this.reply(res, 200, 'Done', [VERBS[claims.action].done, ...this.describe(claims.pageId)]);
  }

  private async valid(token: string, res: Response): Promise<ActionLinkClaims | undefined> {
    const check = await this.links.check(token, this.clock.now());
    if (check.ok) return check.claims;
    if (check.reason === 'EXPIRED') this.reply(res, 410, 'Link expired', ['This link has expired.']);
    else this.reply(res, 400, 'Invalid link', ['This link is not valid.']);
    return undefined;
  }

  private describe(pageId: string): string[] {
    const escalationId = this.escalations.find(this.safeEscalationId(pageId) ?? '')?.escalationId;
    const escalation = escalationId ? this.escalations.escalation(escalationId) : undefined;
    return escalation ? [`${escalation.severity}: ${escalation.title}`] : [];
  }

  private safeEscalationId(pageId: string): string | undefined {
    try {
      return this.escalations.escalationIdOfPage(pageId);
    } catch {
      return undefined;
    }
  }

  private reply(res: Response, status: number, title: string, lines: string[], form?: { button: string }): void {
    res
      .status(status)
      .set({
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        'x-frame-options': 'DENY',
      })
      .send(actionPage(title, lines, form));
  }
}
