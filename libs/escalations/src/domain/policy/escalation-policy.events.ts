import type { DomainEvent } from '@app/event-store/pure';
import type { PolicySnapshot } from '../escalation/escalation.types.js';

export type EscalationPolicyEvent = DomainEvent<'EscalationPolicySet', PolicySnapshot & { setBy: string; at: string }>;

export const escalationPolicyStream = (rotationId: string) => `escalationpolicy-${rotationId}`;
