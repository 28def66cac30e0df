import { BadUserInputError, ConflictError } from '@app/core/pure';
import { deterministicId, type Decider } from '@app/event-store/pure';
import { isOpenState, plusMinutes } from './escalation.types.js';
import { decideAlert } from './escalation-alert.decide.js';
import type { EscalationEvent } from './escalation.events.js';
import type { Escalation, EscalationDeciderState } from './escalation.state.js';
import type { EscalationCommand } from './escalation.commands.js';
import {
  existing,
  stillOpen,
  findPage,
  cancelTriggered,
  pageFromPolicy,
  acknowledge,
  pageNoLongerWaiting,
} from './escalation.rules.js';
import { decideCustomerEmergency } from './escalation-customer.decide.js';
import { evolveEscalation } from './escalation.evolve.js';

export type { CustomerContact, Escalation, EscalationDeciderState, Page } from './escalation.state.js';
export type { EscalationCommand } from './escalation.commands.js';

export const escalationDecider: Decider<EscalationCommand, EscalationDeciderState, EscalationEvent> = {
  initialState: () => null,

  decide(command, state) {
    switch (command.type) {
      case 'RaiseAlert':
      case 'RecordAlertOccurrence':
      case 'AcknowledgeAlert':
      case 'ResolveAlert':
        return decideAlert(command, state);

      case 'Raise': {
        if (state) throw new ConflictError(`Escalation ${command.escalationId} already exists`);
        const { type: _, pageId, paging, ...data } = command;
        return [
          { type: 'EscalationRaised', data },
          pageFromPolicy(data.escalationId, data.policy, paging, 0, pageId, 'RAISED', data.raisedAt),
        ];
      }

      case 'AcknowledgePage': {
        const escalation = existing(state, command.escalationId);
        const page = findPage(escalation, command.pageId);
        if (page.acknowledgedBy === command.responderId) return [];
        stillOpen(escalation, 'acknowledge the page');
        if (page.status !== 'TRIGGERED') throw pageNoLongerWaiting(page);
        return acknowledge(escalation, page, command.responderId, command.at);
      }

      case 'ResolvePage': {
        const escalation = existing(state, command.escalationId);
        const page = findPage(escalation, command.pageId);
        if (page.status === 'RESOLVED' && page.acknowledgedBy === command.responderId) return [];
        if (page.status === 'ACKNOWLEDGED' && page.acknowledgedBy === command.responderId) {
          return [
            {
              type: 'PageResolved',
              data: {
                escalationId: escalation.escalationId,
                pageId: page.pageId,
                responderId: command.responderId,
                at: command.at,
              },
            },
          ];
        }
        stillOpen(escalation, 'resolve the page');
        if (page.status !== 'TRIGGERED') throw pageNoLongerWaiting(page);
        return [
          ...acknowledge(escalation, page, command.responderId, command.at),
          {
            type: 'PageResolved',
            data: {
              escalationId: escalation.escalationId,
              pageId: page.pageId,
              responderId: command.responderId,
              at: command.at,
            },
          },
        ];
      }

      case 'TimeOutPage': {
        const escalation = existing(state, command.escalationId);
        const page = escalation.pages.find((p) => p.pageId === command.pageId);
        if (!page || page.status !== 'TRIGGERED') return [];
        const id = (part: string) => deterministicId(command.stepId, part);
        const events: EscalationEvent[] = [
          {
            type: 'PageTimedOut',
            id: id('timed-out'),
            data: {
              escalationId: escalation.escalationId,
              pageId: page.pageId,
              at: command.at,
              ackSloSeconds: page.ackSloSeconds,
              ...(command.escalatedBy ? { escalatedBy: command.escalatedBy } : {}),
            },
          },
        ];
        if (page.kind === 'POLICY_STEP' && page.step !== null) {
          events.push(
            pageFromPolicy(
              escalation.escalationId,
              escalation.policy,
              command.paging,
              page.step + 1,
              id('page'),
              'ACK_TIMEOUT',
              command.at,
              { paged: id('paged'), exhausted: id('exhausted') },
            ),
          );
        }
        return events;
      }

      case 'AddNote': {
        existing(state, command.escalationId);
        const { type: _, ...data } = command;
        return [{ type: 'EscalationNoteAdded', data }];
      }

      case 'AssignDri': {
        const escalation = existing(state, command.escalationId);
        if (command.reason === 'HANDOVER') {
          if (command.boundaryId && escalation.handoverBoundaryIds.includes(command.boundaryId)) return [];
          if (!isOpenState(escalation.state) && command.stepId) return [];
        } else if (escalation.driId === command.driId) {
          return [];
        }
        stillOpen(escalation, command.reason === 'HANDOVER' ? 'hand it over' : 'reassign it');
        const idOf = command.stepId ? (part: string) => deterministicId(command.stepId!, part) : undefined;
        return [
          {
            type: 'DriAssigned',
            ...(idOf ? { id: idOf('dri') } : {}),
            data: {
              escalationId: escalation.escalationId,
              driId: command.driId,
              previousDriId: escalation.driId,
              reason: command.reason,
              at: command.at,
              by: command.by,
              boundaryId: command.boundaryId,
              note: command.note,
            },
          },
          ...cancelTriggered(
            escalation,
            command.at,
            'DRI_ASSIGNED',
            undefined,
            idOf && ((pageId) => idOf(`cancel-${pageId}`)),
          ),
        ];
      }

      case 'Mitigate': {
        const escalation = existing(state, command.escalationId);
        if (escalation.state === 'MITIGATED') return [];
        stillOpen(escalation, 'mitigate it');
        return [
          {
            type: 'EscalationMitigated',
            data: { escalationId: escalation.escalationId, at: command.at, by: command.by, note: command.note },
          },
        ];
      }

      case 'Resolve': {
        const escalation = existing(state, command.escalationId);
        // a repeated transition is answered like the first: nothing more to record (see README)
        if (escalation.state === 'RESOLVED') return [];
        stillOpen(escalation, 'resolve it');
        return [
          {
            type: 'EscalationResolved',
            data: { escalationId: escalation.escalationId, at: command.at, by: command.by, note: command.note },
          },
          ...cancelTriggered(escalation, command.at, 'ESCALATION_CLOSED'),
        ];
      }

      case 'Qualify':
      case 'RecordCustomerContact':
      case 'RecordCustomerReply':
      case 'RecordFollowUpDue':
      case 'CloseBridge':
        return decideCustomerEmergency(command, state);

      case 'PageBackupPool': {
        const escalation = existing(state, command.escalationId);
        stillOpen(escalation, 'page the backup pool');
        if (command.pool.length === 0) {
          throw new ConflictError(`The escalation policy of this rotation has no backup pool`, {
            escalationId: escalation.escalationId,
          });
        }
        if (escalation.pages.some((p) => p.kind === 'BACKUP_POOL' && p.status === 'TRIGGERED')) {
          throw new ConflictError('The backup pool has already been paged and not answered yet', {
            escalationId: escalation.escalationId,
          });
        }
        return [
          {
            type: 'ResponderPaged',
            data: {
              escalationId: escalation.escalationId,
              pageId: command.pageId,
              kind: 'BACKUP_POOL',
              trigger: 'BACKUP_POOL_REQUESTED',
              step: null,
              layer: 'BACKUP_POOL',
              rotationId: null,
              recipients: command.pool.map((c) => c.responderId),
              shadowIds: [],
              pagedAt: command.at,
              ackDeadline: plusMinutes(command.at, escalation.policy.ackSloMinutes),
              ackSloSeconds: escalation.policy.ackSloMinutes * 60,
              selection: { rule: 'LISTED', candidates: command.pool.map((c) => ({ ...c, chosen: true })) },
              skippedSteps: [],
            },
          },
        ];
      }

      case 'Tag': {
        const escalation = existing(state, command.escalationId);
        if (escalation.incidentTag === command.incidentTag) return [];
        return [
          {
            type: 'EscalationTagged',
            data: {
              escalationId: escalation.escalationId,
              incidentTag: command.incidentTag,
              at: command.at,
              by: command.by,
            },
          },
        ];
      }

      case 'Reroute': {
        const escalation = existing(state, command.escalationId);
        stillOpen(escalation, 'reroute it');
        if (escalation.rotationId === command.rotationId) {
          throw new BadUserInputError('rotationId', 'the escalation already targets this rotation');
        }
        return [
          {
            type: 'EscalationRerouted',
            data: {
              escalationId: escalation.escalationId,
              fromRotationId: escalation.rotationId,
              rotationId: command.rotationId,
              serviceId: command.serviceId,
              policy: command.policy,
              at: command.at,
              by: command.by,
            },
          },
          ...cancelTriggered(escalation, command.at, 'REROUTED'),
          pageFromPolicy(
            escalation.escalationId,
            command.policy,
            command.paging,
            0,
            command.pageId,
            'REROUTED',
            command.at,
          ),
        ];
      }
    }
  },

  evolve: evolveEscalation,
};
