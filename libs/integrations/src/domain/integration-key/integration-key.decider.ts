import { BadUserInputError, ConflictError, NotFoundError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import type { IntegrationKeyCreatedData, IntegrationKeyEvent } from './integration-key.events.js';

export interface IntegrationKey extends IntegrationKeyCreatedData {
  revokedAt: string | null;
  revokedBy: string | null;
}

export type IntegrationKeyCommand =
  | ({ type: 'CreateIntegrationKey' } & IntegrationKeyCreatedData)
  | { type: 'RevokeIntegrationKey'; integrationKeyId: string; at: string; by: string };

export const integrationKeyDecider: Decider<IntegrationKeyCommand, IntegrationKey | null, IntegrationKeyEvent> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'CreateIntegrationKey': {
        if (state) throw new ConflictError(`Integration key ${command.integrationKeyId} already exists`);
        if ((command.serviceId === null) === (command.rotationId === null)) {
          throw new BadUserInputError('serviceId', 'name either a service or a rotation for the alerts');
        }
        const { type: _, ...data } = command;
        return [{ type: 'IntegrationKeyCreated', data }];
      }
      case 'RevokeIntegrationKey': {
        if (!state) throw new NotFoundError('Integration key', command.integrationKeyId);
        if (state.revokedAt) throw new ConflictError(`Integration key ${command.integrationKeyId} is already revoked`);
        return [
          {
            type: 'IntegrationKeyRevoked',
            data: { integrationKeyId: command.integrationKeyId, revokedAt: command.at, revokedBy: command.by },
          },
        ];
      }
      default: {
        const unknown: never = command;
        throw new Error(`Unknown command ${JSON.stringify(unknown)}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'IntegrationKeyCreated':
        return { ...event.data, revokedAt: null, revokedBy: null };
      case 'IntegrationKeyRevoked':
        return state && { ...state, revokedAt: event.data.revokedAt, revokedBy: event.data.revokedBy };
      default: {
        const unknown: never = event;
        return unknown;
      }
    }
  },
};
