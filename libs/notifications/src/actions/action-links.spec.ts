import { NotificationKeys } from '../secrets/notification-keys.js';
import type { NotificationsOptions } from '../notifications.options.js';
import { ActionLinks } from './action-links.js';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const now = new Date('2026-07-15T12:00:00Z');

describe('action links', () => {
  const links = new ActionLinks(new NotificationKeys('a-notification-secret-of-enough-length-0123456789'), {
    publicUrl: 'https://incidents.example',
    actionLinkTtlHours: 24,
  } as NotificationsOptions);

  async function token(deliveryId: string): Promise<string> {
    const url = await links.url(deliveryId, 'page-1', 'ana', 'ACKNOWLEDGE', now);
    return url.slice('https://incidents.example/actions/'.length);
  }

  it('accepts a link as it was written', async () => {
    expect(await links.check(await token('d1'), now)).toMatchObject({ ok: true, claims: { responderId: 'ana' } });
  });

  it('refuses every other spelling of its signature, even those that decode to the same bytes', async () => {
    for (let i = 0; i < 20; i++) {
      const written = await token(`d${i}`);
      const last = BASE64URL.indexOf(written.at(-1)!);
      for (let bits = 1; bits < 4; bits++) {
        // a 32-byte signature leaves the last character's two low bits unused
        const respelled = written.slice(0, -1) + BASE64URL[last ^ bits];
        expect(Buffer.from(respelled.split('.')[2], 'base64url')).toEqual(
          Buffer.from(written.split('.')[2], 'base64url'),
        );
        expect(await links.check(respelled, now)).toEqual({ ok: false, reason: 'FORGED' });
      }
    }
  });
});
