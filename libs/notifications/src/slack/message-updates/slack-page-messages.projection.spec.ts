import { deterministicId } from '@app/event-store/pure';
import { projectionSpecification } from '@app/event-store/testing';
import { SlackPageMessagesProjection } from './slack-page-messages.projection.js';

const spec = projectionSpecification((readModels) => new SlackPageMessagesProjection(readModels));
const slackMethod = {
  type: 'ContactMethodAdded',
  data: { contactMethodId: 'm1', responderId: 'ana', kind: 'SLACK', address: 'U123' },
};
const paged = (recipients: string[]) => ({
  type: 'ResponderPaged',
  data: { escalationId: 'e1', pageId: 'p1', recipients },
});
const sendStarted = {
  type: 'NotificationSendStarted',
  data: { channel: 'SLACK', pageId: 'p1', escalationId: 'e1' },
};
const delivered = (externalId: string, channel = 'SLACK') => ({
  type: 'NotificationDelivered',
  data: { channel, pageId: 'p1', escalationId: 'e1', externalId },
  metadata: { occurredAt: '2026-07-15T12:00:00.000Z' },
});
const pagedToAna = [slackMethod, paged(['ana'])];
const acknowledged = {
  id: '7f7a3d0e-8d0e-4c39-9f7e-2b8ad1f1c001',
  type: 'PageAcknowledged',
  data: { pageId: 'p1', escalationId: 'e1', responderId: 'ana', at: '2026-07-15T12:03:00.000Z' },
  metadata: { occurredAt: '2026-07-15T12:03:00.000Z' },
};

describe('slack-page-messages projection', () => {
  it('queues one message update per Slack message when the page is answered', () => {
    spec
      .given([...pagedToAna, delivered('C1:111.1'), delivered('C2:222.2'), delivered('mail-1', 'EMAIL')])
      .when([acknowledged])
      .then((messages) => {
        expect(messages.outcome('p1')).toEqual({
          pageId: 'p1',
          escalationId: 'e1',
          kind: 'ACKNOWLEDGED',
          responderId: 'ana',
          detail: null,
          at: '2026-07-15T12:03:00.000Z',
        });
        expect(messages.due(new Date('2026-07-15T12:02:59Z'), 10)).toEqual([]);
        expect(
          messages
            .due(new Date('2026-07-15T12:03:00Z'), 10)
            .map((u) => u.externalId)
            .sort(),
        ).toEqual(['C1:111.1', 'C2:222.2']);
      });
  });

  it('updates a message sent after the answer at once, and forgets an update once done', () => {
    spec
      .given([...pagedToAna, acknowledged])
      .when([delivered('C1:111.1')])
      .then((messages) => {
        const [update] = messages.due(new Date('2026-07-15T12:00:00Z'), 10);
        expect(update).toMatchObject({ pageId: 'p1', externalId: 'C1:111.1', attempts: 0 });
      });
    spec
      .given([...pagedToAna, delivered('C1:111.1'), acknowledged])
      .when([{ type: 'SlackMessageUpdated', data: { taskId: deterministicId(acknowledged.id, 'C1:111.1') } }])
      .then((messages) => expect(messages.due(new Date('2026-07-15T13:00:00Z'), 10)).toEqual([]));
  });

  it('keeps what became of a page only when its escalation can have Slack messages', () => {
    spec
      .given([slackMethod, paged(['bob'])])
      .when([acknowledged])
      .then((messages) => expect(messages.outcome('p1')).toBeUndefined());
    spec
      .given([paged(['bob']), sendStarted])
      .when([acknowledged, delivered('C1:111.1')])
      .then((messages) => {
        expect(messages.outcome('p1')).toMatchObject({ kind: 'ACKNOWLEDGED' });
        expect(messages.due(new Date('2026-07-15T12:00:00Z'), 10)).toHaveLength(1);
      });
  });
});
