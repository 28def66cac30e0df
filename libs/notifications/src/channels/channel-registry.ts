import { Inject, Injectable } from '@nestjs/common';
import { BadUserInputError } from '@app/core';
import { NOTIFICATION_CHANNELS, type ContactMethodKind, type NotificationChannel } from './notification-channel.js';

/** The channels this service was built with, by kind. */
@Injectable()
export class ChannelRegistry {
  private readonly byKind: Map<ContactMethodKind, NotificationChannel>;

  constructor(@Inject(NOTIFICATION_CHANNELS) channels: NotificationChannel[]) {
    this.byKind = new Map(channels.map((channel) => [channel.kind, channel]));
  }

  find(kind: ContactMethodKind): NotificationChannel | undefined {
    return this.byKind.get(kind);
  }

  /** The channel of `kind`, with the address checked by it; BAD_USER_INPUT otherwise. */
  validated(kind: ContactMethodKind, address: string): NotificationChannel {
    const channel = this.byKind.get(kind);
    if (!channel) throw new BadUserInputError('kind', `No ${kind} channel is available in this service`);
    const problem = channel.validateAddress(address);
    if (problem) throw new BadUserInputError('address', problem);
    return channel;
  }
}
