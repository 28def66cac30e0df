/** The kinds of contact method a responder can add, one channel each. */
export const CONTACT_METHOD_KINDS = ['EMAIL', 'SLACK', 'TEAMS', 'WEBHOOK'] as const;
export type ContactMethodKind = (typeof CONTACT_METHOD_KINDS)[number];

/** Why a message is sent. */
export const MESSAGE_KINDS = [
  'VERIFICATION',
  'PAGE',
  'PAGE_ESCALATED',
  'PAGE_ANSWERED',
  'HANDOVER_WAITING',
  'ON_CALL_REMINDER',
  'RAPID_ACTION_DUE',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export type PageAction = 'ACKNOWLEDGE' | 'RESOLVE' | 'ESCALATE';

/** One message, rendered once and handed to a channel; each channel formats it its own way. */
export interface OutboundMessage {
  /** Deterministic id of this delivery: the idempotency id a receiver sees (webhook-id). */
  deliveryId: string;
  kind: MessageKind;
  /** A short title (e-mail subject, Slack fallback text). */
  subject: string;
  /** Plain text, short, readable on a phone. */
  text: string;
  /** Signed action links under PUBLIC_URL/actions/ (pages only). */
  actions: { action: PageAction; label: string; url: string }[];
  pageId?: string;
  escalationId?: string;
  responderId?: string;
  /**
   * The endpoint a webhook message is signed for (its contact method's id): the key of
   * NotificationKeys.webhookSecret. Optional; WebhookChannel falls back to `data.contactMethodId`.
   */
  endpointId?: string;
  /** The 6-digit code of a VERIFICATION message. */
  verificationCode?: string;
  /** Structured facts for machine receivers (webhooks), JSON-serialisable. */
  data: Record<string, unknown>;
}

export interface DeliveryResult {
  /** The receiver's id for what was sent, when it has one (a Slack message's `channel:ts`), for later updates. */
  externalId?: string;
}

/** A failed send; `retryable` false marks it failed at once (a 4xx, an unknown address). */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** One way of reaching a person. Implementations are registered under NOTIFICATION_CHANNELS. */
export interface NotificationChannel {
  readonly kind: ContactMethodKind;
  /** A message naming what is wrong with an address of this kind, or undefined when it is valid. */
  validateAddress(address: string): string | undefined;
  /** Sends one message; throws ChannelError (or any error, taken as retryable) when it did not go through. */
  send(address: string, message: OutboundMessage): Promise<DeliveryResult>;
}

export const NOTIFICATION_CHANNELS = Symbol('NOTIFICATION_CHANNELS');
