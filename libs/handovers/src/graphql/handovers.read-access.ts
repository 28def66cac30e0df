import type { ReadAccessTable } from '@app/core';

/**
 * Who may read each field of the handovers context's GraphQL types (see FieldAccess in @app/core).
 * Readers.
 */
export const handoversReadAccess: ReadAccessTable = {
  HandoverItem: {
    readers: [
      'acceptedAt',
      'acceptedBy',
      'ageMinutes',
      'dri',
      'driAtBoundary',
      'escalation',
      'flaggedOverdueAt',
      'handedOver',
      'lastNote',
      'newDri',
      'overdue',
      'severity',
      'state',
      'stateAtBoundary',
      'summary',
    ],
  },
  HandoverSettings: { readers: ['graceMinutes', 'isDefault', 'receivingRotations', 'rotation'] },
  HandoverSummary: { readers: ['author', 'nextSteps', 'status', 'tried', 'writtenAt'] },
  ShiftBoundary: {
    readers: ['at', 'handOverBy', 'id', 'incoming', 'items', 'markdown', 'outgoing', 'pendingCount', 'rotation'],
  },
  ShiftBoundaryConnection: { readers: ['nodes', 'pageInfo', 'totalCount'] },
};
