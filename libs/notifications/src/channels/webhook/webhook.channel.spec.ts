import { Webhook } from 'standardwebhooks';
import { ManualClock } from '@app/core';
import { OutboundHttp } from '../../outbound/outbound-http.js';
import { StandardWebhookSigner } from '../../outbound/standard-webhook-signer.js';
import { NotificationKeys } from '../../secrets/notification-keys.js';
import { LocalReceiver } from '../../testing/local-receiver.js';
import { ChannelError, type OutboundMessage } from '../notification-channel.js';
import { WebhookChannel } from './webhook.channel.js';

const keys = new NotificationKeys('a-test-notification-secret-of-enough-length');

const message: OutboundMessage = {
  deliveryId: '9b2c7e34-5a86-5f0e-9d51-6a1d3f0a7c11',
  kind: 'PAGE',
  subject: '[S2] API error rate up 400%',
  text: 'You are paged for AMER 1 (on call).',
  actions: [{ action: 'ACKNOWLEDGE', label: 'Acknowledge', url: 'https://oncall.example/actions/abc' }],
  pageId: 'page-1',
  endpointId: 'contact-method-1',
  data: { severity: 'S2' },
};

function channel(allowPrivateAddresses: boolean, clock = new ManualClock(new Date())) {
  const http = new OutboundHttp({ allowPrivateAddresses, timeoutMs: 500 });
  return new WebhookChannel(http, new StandardWebhookSigner(keys), clock);
}

describe('WebhookChannel', () => {
  let receiver: LocalReceiver;
  beforeEach(async () => (receiver = await LocalReceiver.start()));
  afterEach(() => receiver.close());

  it('posts a Standard Webhooks message that the standardwebhooks verifier accepts', async () => {
    await channel(true).send(`${receiver.url}/hooks`, message);
    const [request] = receiver.requests;
    expect(request.headers['webhook-id']).toBe(message.deliveryId);
    const verified = new Webhook(keys.webhookSecret('contact-method-1')).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    }) as { type: string; data: Record<string, unknown> };
    expect(verified.type).toBe('notification.page');
    expect(verified.data).toMatchObject({ severity: 'S2', pageId: 'page-1', subject: message.subject });
    expect(() =>
      new Webhook(keys.webhookSecret('another-endpoint')).verify(
        request.body,
        request.headers as Record<string, string>,
      ),
    ).toThrow();
  });

  it('signs with the contact method of data.contactMethodId when no endpointId is given', async () => {
    const { endpointId: _, ...rest } = message;
    await channel(true).send(receiver.url, { ...rest, data: { contactMethodId: 'cm-7' } });
    const [request] = receiver.requests;
    expect(() =>
      new Webhook(keys.webhookSecret('cm-7')).verify(request.body, request.headers as Record<string, string>),
    ).not.toThrow();
  });

  it('classifies answers: 4xx fails at once, 408, 429 and 5xx are retried, redirects are not followed', async () => {
    const outcome = async (status: number) => {
      receiver.answerWith(() => ({
        status,
        headers: status === 302 ? { location: 'http://169.254.169.254/' } : ({} as Record<string, string>),
      }));
      return channel(true)
        .send(receiver.url, message)
        .then(
          () => 'delivered',
          (error: ChannelError) => (error.retryable ? 'retry' : 'failed'),
        );
    };
    expect(await outcome(200)).toBe('delivered');
    expect(await outcome(400)).toBe('failed');
    expect(await outcome(410)).toBe('failed');
    expect(await outcome(408)).toBe('retry');
    expect(await outcome(429)).toBe('retry');
    expect(await outcome(503)).toBe('retry');
    expect(await outcome(302)).toBe('failed');
    expect(receiver.requests).toHaveLength(7);
  });

  it('refuses loopback unless private addresses are allowed, and never reaches link-local addresses', async () => {
    await expect(channel(false).send(receiver.url, message)).rejects.toMatchObject({ retryable: false });
    await expect(channel(false).send(receiver.url.replace('127.0.0.1', 'localhost'), message)).rejects.toMatchObject({
      retryable: false,
    });
    await expect(channel(true).send('http://169.254.169.254/latest/meta-data', message)).rejects.toMatchObject({
      retryable: false,
    });
    expect(receiver.requests).toHaveLength(0);
    expect(channel(false).validateAddress('ftp://example.com/hook')).toMatch(/http or https/);
    expect(channel(false).validateAddress('http://[::1]:8080/')).toMatch(/loopback/);
    expect(channel(false).validateAddress('http://10.1.2.3/')).toMatch(/private/);
    expect(channel(true).validateAddress('http://[fe80::1]/')).toMatch(/link-local/);
    expect(channel(true).validateAddress('http://0.0.0.0:80/')).toMatch(/unspecified/);
    expect(channel(false).validateAddress('https://hooks.example.com/x')).toBeUndefined();
  });

  it('checks the resolved address when connecting, so a name that resolves to loopback is refused', async () => {
    const http = new OutboundHttp({ allowPrivateAddresses: false, timeoutMs: 500 });
    const port = new URL(receiver.url).port;
    await expect(http.post(`http://localhost:${port}/`, '{}', {})).rejects.toThrow(/loopback/);
    expect(await http.destinationProblem(`http://localhost:${port}/`)).toMatch(/local host/);
    expect(await http.destinationProblem(`http://[::ffff:127.0.0.1]:${port}/`)).toMatch(/loopback/);
    expect(receiver.requests).toHaveLength(0);
  });

  it('gives up after the timeout, as a retryable failure', async () => {
    receiver.answerWith(() => ({ status: 200 }));
    const slow = await LocalReceiver.start();
    const server = (slow as unknown as { server: import('node:http').Server }).server;
    server.removeAllListeners('request');
    server.on('request', () => undefined);
    await expect(channel(true).send(slow.url, message)).rejects.toMatchObject({ retryable: true, message: /500 ms/ });
    await slow.close();
  });
});
