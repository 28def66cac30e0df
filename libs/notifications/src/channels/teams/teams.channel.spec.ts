import { OutboundHttp } from '../../outbound/outbound-http.js';
import { LocalReceiver } from '../../testing/local-receiver.js';
import type { OutboundMessage } from '../notification-channel.js';
import { TeamsChannel } from './teams.channel.js';

const page: OutboundMessage = {
  deliveryId: 'delivery-1',
  kind: 'PAGE',
  subject: '[S2] API error rate up 400%',
  text: 'You are paged for AMER 1.\n\nAlso paged: Bo.',
  actions: [{ action: 'ACKNOWLEDGE', label: 'Acknowledge', url: 'https://oncall.example/actions/a' }],
  pageId: 'page-1',
  data: {},
};

describe('TeamsChannel', () => {
  const channel = (allowPrivateAddresses = true) =>
    new TeamsChannel(new OutboundHttp({ allowPrivateAddresses, timeoutMs: 1000 }));

  it('posts one Adaptive Card with the text and a button per action link', async () => {
    const receiver = await LocalReceiver.start(() => ({ status: 202 }));
    await channel().send(`${receiver.url}/workflows/abc`, page);
    const [request] = receiver.requests;
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.body);
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const { contentType, content } = body.attachments[0];
    expect(contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(content.body.map((b: { type: string; text: string }) => [b.type, b.text])).toEqual([
      ['TextBlock', '[S2] API error rate up 400%'],
      ['TextBlock', 'You are paged for AMER 1.'],
      ['TextBlock', 'Also paged: Bo.'],
    ]);
    expect(content.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Acknowledge', url: 'https://oncall.example/actions/a' },
    ]);
    receiver.answerWith(() => ({ status: 400, body: 'bad card' }));
    await expect(channel().send(receiver.url, page)).rejects.toMatchObject({
      retryable: false,
      message: /400: bad card/,
    });
    await receiver.close();
  });

  it('takes https Workflows URLs only', () => {
    expect(channel(false).validateAddress('http://prod-1.westus.logic.azure.com/workflows/x')).toMatch(/https/);
    expect(channel(false).validateAddress('https://prod-1.westus.logic.azure.com/workflows/x')).toBeUndefined();
    expect(channel(false).validateAddress('https://127.0.0.1/workflows/x')).toMatch(/loopback/);
  });
});
