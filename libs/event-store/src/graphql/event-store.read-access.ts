import type { ReadAccessTable } from '@app/core';

/**
 * Who may read each field of the event-store context's GraphQL types (see FieldAccess in @app/core).
 * Event history and projection status. Raw event data is for readers; a responder's history, which holds their unavailability reasons, is classified by scheduling.
 */
export const eventStoreReadAccess: ReadAccessTable = {
  HistoryEntry: { readers: ['actor', 'correlationId', 'data', 'occurredAt', 'revision', 'type'] },
  HistoryEntryConnection: { readers: ['nodes', 'pageInfo', 'totalCount'] },
  ProjectionStatus: {
    readers: [
      'caughtUp',
      'error',
      'failure',
      'lastSkippedEvent',
      'name',
      'position',
      'skippedByReason',
      'skippedEvents',
      'state',
      'version',
    ],
  },
  ProjectionFailure: { readers: ['attempts', 'error', 'eventId', 'position', 'streamId', 'type'] },
  SkippedEventCount: { readers: ['count', 'reason'] },
  SkippedEvent: { readers: ['eventId', 'position', 'reason', 'streamId', 'type'] },
};
