import { BadUserInputError, ConflictError } from '@app/core/pure';
import { deterministicId } from '@app/event-store/pure';
import { BRIDGE_CLOSES_AFTER_MINUTES, FOLLOW_UP_AFTER_MINUTES, isOpenState, plusMinutes } from './escalation.types.js';
import type { EscalationEvent } from './escalation.events.js';
import type { EscalationDeciderState } from './escalation.state.js';
import type { EscalationCommand } from './escalation.commands.js';
import { existing, stillOpen, downgrade } from './escalation.rules.js';

type CustomerEmergencyCommand = Extract<
  EscalationCommand,
  { type: 'Qualify' | 'RecordCustomerContact' | 'RecordCustomerReply' | 'RecordFollowUpDue' | 'CloseBridge' }
>;

/** Qualifying a customer emergency and the customer-contact timers (15 minutes to a follow-up, 15 more to closing the bridge). */
export function decideCustomerEmergency(
  command: CustomerEmergencyCommand,
  state: EscalationDeciderState,
): EscalationEvent[] {
  switch (command.type) {
    case 'Qualify': {
      const escalation = existing(state, command.escalationId);
      if (escalation.source !== 'CUSTOMER_EMERGENCY') {
        throw new ConflictError('Only customer emergencies are qualified', { escalationId: escalation.escalationId });
      }
      stillOpen(escalation, 'qualify it');
      if (command.qualification === 'NOT_AN_EMERGENCY' && !command.followUpTicket) {
        throw new BadUserInputError('followUpTicket', 'a downgraded emergency needs the follow-up ticket');
      }
      if (escalation.qualification === command.qualification) return [];
      const qualified: EscalationEvent = {
        type: 'EmergencyQualified',
        data: {
          escalationId: escalation.escalationId,
          qualification: command.qualification,
          at: command.at,
          by: command.by,
          note: command.note,
        },
      };
      if (command.qualification !== 'NOT_AN_EMERGENCY') return [qualified];
      return [qualified, ...downgrade(escalation, 'NOT_AN_EMERGENCY', command.followUpTicket, command.at)];
    }

    case 'RecordCustomerContact': {
      const escalation = existing(state, command.escalationId);
      if (escalation.source !== 'CUSTOMER_EMERGENCY') {
        throw new ConflictError('Customer contact is tracked for customer emergencies only', {
          escalationId: escalation.escalationId,
        });
      }
      if (escalation.customerContact) {
        throw new ConflictError(
          `The first contact was already recorded at ${escalation.customerContact.firstContactAt}`,
          {
            escalationId: escalation.escalationId,
          },
        );
      }
      stillOpen(escalation, 'record a customer contact');
      return [
        {
          type: 'CustomerContacted',
          data: {
            escalationId: escalation.escalationId,
            at: command.at,
            followUpDueAt: plusMinutes(command.at, FOLLOW_UP_AFTER_MINUTES),
          },
        },
      ];
    }

    case 'RecordCustomerReply': {
      const escalation = existing(state, command.escalationId);
      const contact = escalation.customerContact;
      if (!contact)
        throw new ConflictError('No customer contact was recorded yet', { escalationId: escalation.escalationId });
      if (contact.repliedAt || contact.bridgeClosedAt) return [];
      return [{ type: 'CustomerReplied', data: { escalationId: escalation.escalationId, at: command.at } }];
    }

    case 'RecordFollowUpDue': {
      const escalation = existing(state, command.escalationId);
      const contact = escalation.customerContact;
      if (!contact || contact.repliedAt || contact.followUpRecordedAt || !isOpenState(escalation.state)) return [];
      return [
        {
          type: 'CustomerFollowUpDue',
          id: deterministicId(command.stepId, 'follow-up-due'),
          data: {
            escalationId: escalation.escalationId,
            at: command.at,
            bridgeClosesAt: plusMinutes(command.at, BRIDGE_CLOSES_AFTER_MINUTES),
          },
        },
      ];
    }

    case 'CloseBridge': {
      const escalation = existing(state, command.escalationId);
      const contact = escalation.customerContact;
      if (!contact || contact.repliedAt || contact.bridgeClosedAt || !contact.followUpRecordedAt) return [];
      if (!isOpenState(escalation.state)) return [];
      const idOf = (part: string) => deterministicId(command.stepId, part);
      return [
        {
          type: 'CustomerBridgeClosed',
          id: idOf('bridge-closed'),
          data: { escalationId: escalation.escalationId, at: command.at },
        },
        ...downgrade(escalation, 'NO_CUSTOMER_REPLY', null, command.at, idOf),
      ];
    }
  }
}
