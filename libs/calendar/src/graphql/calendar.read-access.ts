import type { ReadAccessTable } from '@app/core';

/** Who may read each field of the calendar context's GraphQL types (see FieldAccess in @app/core). */
export const calendarReadAccess: ReadAccessTable = {
  CalendarFeed: {
    readers: [
      'createdAt',
      'createdBy',
      'id',
      'responder',
      'revokedAt',
      'revokedBy',
      'rotation',
      'state',
      'subjectKind',
    ],
  },
  CalendarFeedConnection: { readers: ['nodes', 'pageInfo', 'totalCount'] },
  CreatedCalendarFeed: { readers: ['feed', 'id', 'url'] },
};
