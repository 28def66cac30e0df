import type { OutboundMessage } from '../notification-channel.js';

/**
 * A notification as the message a Teams Workflows ("When a Teams webhook request is received")
 * flow posts: one Adaptive Card 1.4 with the subject, the text, and a button per action link.
 */
export function adaptiveCardMessage(message: OutboundMessage) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: message.subject, weight: 'Bolder', size: 'Medium', wrap: true },
            ...message.text
              .split(/\n{2,}/)
              .filter((paragraph) => paragraph.trim() !== '')
              .map((paragraph) => ({ type: 'TextBlock', text: paragraph, wrap: true })),
          ],
          actions: message.actions.map((link) => ({ type: 'Action.OpenUrl', title: link.label, url: link.url })),
        },
      },
    ],
  };
}
