import { BadUserInputError } from '@app/core';
import { ChannelRegistry } from './channel-registry.js';
import type { NotificationChannel } from './notification-channel.js';

const email: NotificationChannel = {
  kind: 'EMAIL',
  validateAddress: (address) => (address.includes('@') ? undefined : 'not an e-mail address'),
  send: async () => ({}),
};

describe('ChannelRegistry', () => {
  const registry = new ChannelRegistry([email]);

  it('finds a channel by kind and checks the address with it', () => {
    expect(registry.validated('EMAIL', 'ana@example.com')).toBe(email);
    expect(() => registry.validated('EMAIL', 'ana')).toThrow(
      expect.objectContaining({ field: 'address', message: 'not an e-mail address' }),
    );
  });

  it('refuses a kind no channel is registered for, naming the kind', () => {
    let thrown: unknown;
    try {
      registry.validated('SLACK', 'U123');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BadUserInputError);
    expect(thrown).toMatchObject({ field: 'kind', message: 'No SLACK channel is available in this service' });
    expect(registry.find('TEAMS')).toBeUndefined();
  });
});
