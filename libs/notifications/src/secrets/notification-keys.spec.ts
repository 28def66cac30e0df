import { NotificationKeys } from './notification-keys.js';

describe('NotificationKeys', () => {
  const keys = new NotificationKeys('a-notification-secret-of-enough-length-0123');

  it('derives a stable Standard Webhooks secret per endpoint', () => {
    const secret = keys.webhookSecret('endpoint-1');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(keys.webhookSecret('endpoint-1')).toBe(secret);
    expect(keys.webhookSecret('endpoint-2')).not.toBe(secret);
  });

  it('derives different keys from different secrets and for different purposes', () => {
    const other = new NotificationKeys('another-notification-secret-of-enough-length');
    expect(other.webhookSecret('endpoint-1')).not.toBe(keys.webhookSecret('endpoint-1'));
    expect(keys.actionLinkKey().toString('base64')).not.toBe(keys.webhookSecret('endpoint-1').slice(6));
    expect(keys.actionLinkKey()).toHaveLength(32);
  });
});
