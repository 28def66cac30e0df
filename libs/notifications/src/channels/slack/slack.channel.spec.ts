import { LocalSlackApi } from '../../testing/local-receiver.js';
import type { OutboundMessage } from '../notification-channel.js';
import { SLACK_ACK_ACTION, SLACK_RESOLVE_ACTION } from './slack-blocks.js';
import { SlackChannel } from './slack.channel.js';

const page: OutboundMessage = {
  deliveryId: 'delivery-1',
  kind: 'PAGE',
  subject: '[S1] Checkout down',
  text: 'You are paged for AMER 1: on call now.',
  actions: [
    { action: 'ACKNOWLEDGE', label: 'Acknowledge', url: 'https://oncall.example/actions/a' },
    { action: 'ESCALATE', label: 'Escalate to the next step', url: 'https://oncall.example/actions/e' },
  ],
  pageId: 'page-42',
  data: {},
};

describe('SlackChannel', () => {
  let api: LocalSlackApi;
  beforeEach(async () => (api = await LocalSlackApi.start()));
  afterEach(() => api.close());

  const channel = (botToken: string | undefined = 'xoxb-test-token') =>
    new SlackChannel({ botToken, apiUrl: api.apiUrl, timeoutMs: 1000 });

  it('posts the page with Acknowledge and Resolve buttons and answers channel:ts', async () => {
    const result = await channel().send('U0123456789', page);
    const [call] = api.calls('chat.postMessage');
    expect(call.token).toBe('Bearer xoxb-test-token');
    expect(call.args.channel).toBe('U0123456789');
    expect(call.args.text).toContain('[S1] Checkout down');
    const actions = call.args.blocks.find((b: { type: string }) => b.type === 'actions');
    expect(
      actions.elements.map((e: { action_id: string; value?: string; url?: string }) => [e.action_id, e.value ?? e.url]),
    ).toEqual([
      [SLACK_ACK_ACTION, 'page-42'],
      [SLACK_RESOLVE_ACTION, 'page-42'],
      ['link-escalate', 'https://oncall.example/actions/e'],
    ]);
    expect(result.externalId).toMatch(/^D0123456789:1700000000\.\d{6}$/);
  });

  it('updates a message by its channel:ts', async () => {
    await channel().update('C0123456789:1700000000.000001', 'Acknowledged', []);
    expect(api.calls('chat.update')[0].args).toMatchObject({ channel: 'C0123456789', ts: '1700000000.000001' });
  });

  it('fails at once on a Slack refusal or without a token, and retries transient errors', async () => {
    api.receiver.answerWith(() => ({ status: 200, body: '{"ok":false,"error":"channel_not_found"}' }));
    await expect(channel().send('C0123456789', page)).rejects.toMatchObject({
      retryable: false,
      message: /channel_not_found/,
    });
    api.receiver.answerWith(() => ({ status: 200, body: '{"ok":false,"error":"internal_error"}' }));
    await expect(channel().send('C0123456789', page)).rejects.toMatchObject({ retryable: true });
    api.receiver.answerWith(() => ({ status: 503, body: 'unavailable' }));
    await expect(channel().send('C0123456789', page)).rejects.toMatchObject({ retryable: true });
    api.receiver.answerWith(() => ({ status: 429, headers: { 'retry-after': '30' } }));
    await expect(channel().send('C0123456789', page)).rejects.toMatchObject({ retryable: true });
    await expect(new SlackChannel({ timeoutMs: 1000 }).send('C0123456789', page)).rejects.toMatchObject({
      retryable: false,
    });
    expect(api.receiver.requests).toHaveLength(4);
  });

  it('accepts Slack user and channel ids only', () => {
    for (const ok of ['U0123ABCD', 'W0123456789', 'C01234567AB', 'G012345678', 'D0123456789']) {
      expect(channel().validateAddress(ok)).toBeUndefined();
    }
    for (const bad of ['u0123abcd', 'X0123456789', 'U0123', 'U012345678901', '#general', '@ana']) {
      expect(channel().validateAddress(bad)).toMatch(/Slack address/);
    }
  });
});
