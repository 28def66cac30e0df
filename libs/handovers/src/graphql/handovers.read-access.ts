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
  HandoverDraft: {
    readers: ['author', 'escalation', 'nextSteps', 'rotation', 'shiftEndsAt', 'status', 'tried', 'writtenAt'],
  },
  HandoverSettings: { readers: ['graceMinutes', 'isDefault', 'receivingRotations', 'rotation'] },
  HandoverSummary: { readers: ['author', 'fromDraft', 'nextSteps', 'status', 'tried', 'writtenAt'] },
  ShiftBoundary: {
    readers: [
      'at',
      'endedEarly',
      'endedEarlyBy',
      'handOverBy',
      'id',
      'incoming',
      'items',
      'markdown',
      'outgoing',
      'pendingCount',
      'rotation',
    ],
  },
  ShiftBoundaryConnection: { readers: ['nodes', 'pageInfo', 'totalCount'] },
};
