import type { KnownBlock } from '@slack/web-api';
import type { OutboundMessage } from '../notification-channel.js';

/** action_id of the page buttons; their value is the page id (the clicker is Slack's user id). */
export const SLACK_ACK_ACTION = 'ack';
export const SLACK_RESOLVE_ACTION = 'resolve';

const MAX_TEXT = 2900;

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: text.slice(0, MAX_TEXT) },
});

/** A notification as Block Kit: its text, then Acknowledge/Resolve buttons and link buttons for a page. */
export function slackBlocks(message: OutboundMessage): KnownBlock[] {
  const blocks: KnownBlock[] = [section(`*${message.subject}*\n${message.text}`)];
  const buttons = [];
  if (message.pageId && (message.kind === 'PAGE' || message.kind === 'PAGE_ESCALATED')) {
    buttons.push(
      {
        type: 'button' as const,
        action_id: SLACK_ACK_ACTION,
        text: { type: 'plain_text' as const, text: 'Acknowledge' },
        style: 'primary' as const,
        value: message.pageId,
      },
      {
        type: 'button' as const,
        action_id: SLACK_RESOLVE_ACTION,
        text: { type: 'plain_text' as const, text: 'Resolve' },
        value: message.pageId,
      },
    );
  }
  for (const link of message.actions.filter((a) => a.action === 'ESCALATE').slice(0, 3)) {
    buttons.push({
      type: 'button' as const,
      action_id: `link-${link.action.toLowerCase()}`,
      text: { type: 'plain_text' as const, text: link.label.slice(0, 75) },
      url: link.url,
    });
  }
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'page-actions', elements: buttons });
  return blocks;
}

/** The message after the page changed state: its text, and what happened instead of the buttons. */
export function answeredBlocks(subject: string, text: string, outcome: string): KnownBlock[] {
  return [section(`*${subject}*\n${text}`), { type: 'context', elements: [{ type: 'mrkdwn', text: outcome }] }];
}
