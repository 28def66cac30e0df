import { ConflictError, NotFoundError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import type { ServiceData, ServiceEvent } from './service.events.js';

export type ServiceState = ServiceData | null;

export type ServiceCommand =
  | ({ type: 'RegisterService'; at: string; by: string } & ServiceData)
  | ({ type: 'ChangeOwnership'; at: string; by: string } & Omit<ServiceData, 'name'>);

/** A service, its owning team and that team's second-tier rotation. */
export const serviceDecider: Decider<ServiceCommand, ServiceState, ServiceEvent> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'RegisterService': {
        if (state) throw new ConflictError(`Service ${command.serviceId} already exists`);
        const { type: _, ...data } = command;
        return [{ type: 'ServiceRegistered', data }];
      }
      case 'ChangeOwnership': {
        if (!state) throw new NotFoundError('Service', command.serviceId);
        if (state.owningTeam === command.owningTeam && state.secondTierRotationId === command.secondTierRotationId) {
          return [];
        }
        const { type: _, ...data } = command;
        return [{ type: 'ServiceOwnershipChanged', data: { ...data, name: state.name } }];
      }
    }
  },

  evolve(_state, event) {
    const { at: _, by: __, ...service } = event.data;
    return service;
  },
};
