import type { DomainEvent } from '@app/event-store/pure';
import type { PageAction } from '../../channels/notification-channel.js';

export type ActionLinkEvent = DomainEvent<
  'ActionLinkUsed',
  { linkId: string; pageId: string; responderId: string; action: PageAction; at: string }
>;

/** One stream per link, appended with expected `no_stream`: the store keeps a link single-use. */
export const actionLinkStream = (linkId: string) => `action-link-${linkId}`;
