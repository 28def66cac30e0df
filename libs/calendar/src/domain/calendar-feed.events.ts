import type { DomainEvent } from '@app/event-store/pure';

/** What a feed shows: one responder's stretches on call (across rotations), or one rotation's. */
export const FEED_SUBJECT_KINDS = ['RESPONDER', 'ROTATION'] as const;
export type FeedSubjectKind = (typeof FEED_SUBJECT_KINDS)[number];

export interface FeedSubject {
  kind: FeedSubjectKind;
  /** The responder's or the rotation's id. */
  id: string;
}

export interface CalendarFeedCreatedData {
  feedId: string;
  subject: FeedSubject;
  /** SHA-256 of the feed's token (hex): the token itself is shown once, in the feed's URL, and never stored. */
  tokenHash: string;
  createdBy: string;
  /** The creator's role then: a feed answers only while its creator could still create it. */
  createdByRole: string;
  createdAt: string;
}

export interface CalendarFeedRevokedData {
  feedId: string;
  revokedBy: string;
  revokedAt: string;
}

export type CalendarFeedEvent =
  | DomainEvent<'CalendarFeedCreated', CalendarFeedCreatedData>
  | DomainEvent<'CalendarFeedRevoked', CalendarFeedRevokedData>;

export const CALENDAR_FEED_EVENT_TYPES: ReadonlySet<string> = new Set<CalendarFeedEvent['type']>([
  'CalendarFeedCreated',
  'CalendarFeedRevoked',
]);

export const calendarFeedStream = (feedId: string) => `calendar-feed-${feedId}`;
