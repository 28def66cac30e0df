import { notificationsOptionsFrom } from '../notifications.options.js';
import { EmailChannel } from './email.channel.js';

describe('EmailChannel', () => {
  const channel = new EmailChannel({
    ...notificationsOptionsFrom(() => undefined),
    smtpUrl: 'smtp://mailer:pa55@127.0.0.1:1',
  });

  it.each(['ana@example.com', 'ana+pager@mail.example.org', 'a.b@localhost'])('accepts %s', (address) => {
    expect(channel.validateAddress(address)).toBeUndefined();
  });

  it.each(['ana', 'ana@', '@example.com', 'Ana <ana@example.com>', 'ana@exa mple.com', `${'a'.repeat(250)}@x.io`])(
    'refuses %s',
    (address) => {
      expect(channel.validateAddress(address)).toMatch(/is not an e-mail address/);
    },
  );

  it('fails retryably when the server cannot be reached, without the password in the error', async () => {
    const error = await channel
      .send('ana@example.com', {
        deliveryId: 'd1',
        kind: 'PAGE',
        subject: 's',
        text: 't',
        actions: [],
        data: {},
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ retryable: true });
    expect((error as Error).message).toMatch(/^SMTP: /);
    expect((error as Error).message).not.toContain('pa55');
    channel.onModuleDestroy();
  });

  it('fails for good when no SMTP server is configured', async () => {
    const unconfigured = new EmailChannel(notificationsOptionsFrom(() => undefined));
    await expect(
      unconfigured.send('ana@example.com', {
        deliveryId: 'd',
        kind: 'PAGE',
        subject: '',
        text: '',
        actions: [],
        data: {},
      }),
    ).rejects.toMatchObject({ retryable: false, message: 'SMTP_URL is not configured' });
  });
});
