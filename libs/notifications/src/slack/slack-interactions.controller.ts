import { randomUUID } from 'node:crypto';
import { Controller, HttpCode, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { AppError, CLOCK, correlationIdFrom, type Clock, type RequestContext } from '@app/core';
import { AnswerPageCommand, type PageAnswer } from '@app/escalations';
import { SLACK_ACK_ACTION, SLACK_RESOLVE_ACTION } from '../channels/slack/slack-blocks.js';
import { SlackChannel } from '../channels/slack/slack.channel.js';
import { SLACK_OPTIONS, type SlackOptions } from '../channels/slack/slack.options.js';
import { slackRequestProblem } from './slack-signature.js';
import { SLACK_USER_DIRECTORY, type SlackUserDirectory } from './slack-user-directory.js';

export const SLACK_INTERACTIONS_PATH = 'integrations/slack/interactions';

const ANSWERS: Record<string, PageAnswer> = { [SLACK_ACK_ACTION]: 'ACKNOWLEDGE', [SLACK_RESOLVE_ACTION]: 'RESOLVE' };

interface BlockActionsPayload {
  type: string;
  user?: { id?: string };
  channel?: { id?: string };
  actions?: { action_id?: string; value?: string }[];
}

/**
 * Slack's interactivity Request URL: a click on a page's Acknowledge or Resolve button answers
 * the page as the responder whose verified Slack contact method is the clicking user. Only
 * signed, fresh requests are read (401 otherwise). Slack wants a 200 within 3 seconds whatever
 * happens, so a refusal of the answer itself is told to the user as an ephemeral message; the
 * page's messages are updated from the store once the answer is recorded (SlackMessageUpdates).
 */
@Controller()
export class SlackInteractionsController {
  private readonly logger = new Logger(SlackInteractionsController.name);

  constructor(
    private readonly commands: CommandBus,
    private readonly slack: SlackChannel,
    @Inject(SLACK_OPTIONS) private readonly options: SlackOptions,
    @Inject(SLACK_USER_DIRECTORY) private readonly directory: SlackUserDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(SLACK_INTERACTIONS_PATH)
  @HttpCode(200)
  async interact(@Req() req: Request, @Res() res: Response): Promise<void> {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : undefined;
    const problem = !this.options.signingSecret
      ? 'Slack interactions are not configured (SLACK_SIGNING_SECRET is unset)'
      : !rawBody
        ? 'The request body must be form-encoded (application/x-www-form-urlencoded)'
        : slackRequestProblem(
            this.options.signingSecret,
            {
              timestamp: req.header('x-slack-request-timestamp'),
              signature: req.header('x-slack-signature'),
              rawBody,
            },
            this.clock.now(),
          );
    if (problem) {
      res.status(401).json({ error: problem });
      return;
    }
    const payload = parsePayload(rawBody!);
    if (!payload) {
      res.status(400).json({ error: 'The request has no JSON `payload` field' });
      return;
    }
    const action = payload.actions?.find((a) => a.action_id && ANSWERS[a.action_id] && a.value);
    if (payload.type !== 'block_actions' || !action) {
      res.status(200).end();
      return;
    }
    const text = await this.answer(ANSWERS[action.action_id!], action.value!, payload, correlationIdFrom(req.headers));
    if (!text) {
      res.status(200).end();
      return;
    }
    res.status(200).json({ response_type: 'ephemeral', replace_original: false, text });
    this.tellUser(payload, text);
  }

  /** Answers the page; returns what to tell the user when that was refused. */
  private async answer(
    answer: PageAnswer,
    pageId: string,
    payload: BlockActionsPayload,
    correlationId: string,
  ): Promise<string | undefined> {
    const slackUserId = payload.user?.id;
    const responderId = slackUserId ? this.directory.responderForSlackUser(slackUserId) : undefined;
    if (!responderId) {
      return 'Your Slack account is not a verified contact method of any responder, so this page cannot be answered from here.';
    }
    const context: RequestContext = {
      actor: responderId,
      role: 'responder',
      correlationId: correlationId || randomUUID(),
    };
    try {
      await this.commands.execute(new AnswerPageCommand(answer, pageId, context));
      return undefined;
    } catch (error) {
      if (error instanceof AppError) return error.message;
      this.logger.error(`Answering page ${pageId} from Slack failed: ${(error as Error).message}`);
      return 'The page could not be answered just now; please try again.';
    }
  }

  /** Block actions ignore the answer's body: an ephemeral message is posted, best effort. */
  private tellUser(payload: BlockActionsPayload, text: string): void {
    const channel = payload.channel?.id;
    const user = payload.user?.id;
    if (!channel || !user) return;
    this.slack.postEphemeral(channel, user, text).catch((error: Error) => {
      this.logger.warn(`Could not tell a Slack user why their click was refused: ${error.message}`);
    });
  }
}

function parsePayload(rawBody: Buffer): BlockActionsPayload | undefined {
  const field = new URLSearchParams(rawBody.toString('utf8')).get('payload');
  if (!field) return undefined;
  try {
    const parsed: unknown = JSON.parse(field);
    return parsed && typeof parsed === 'object' ? (parsed as BlockActionsPayload) : undefined;
  } catch {
    return undefined;
  }
}
