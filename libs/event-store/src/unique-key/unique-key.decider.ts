import type { Decider, DomainEvent } from '../decider/decider.js';

/** Who holds a unique key: the id of the aggregate it was claimed for. */
export interface UniqueKeyClaim {
  key: string;
  ownerId: string;
}

export type UniqueKeyClaimed = DomainEvent<'UniqueKeyClaimed', UniqueKeyClaim>;

export interface ClaimUniqueKey extends UniqueKeyClaim {
  type: 'ClaimUniqueKey';
}

/**
 * A rule that says "only one" (one responder per handle, one service per name): a stream per
 * normalised key, whose first event names its owner. Claiming a key already held appends nothing,
 * and the state tells who holds it.
 */
export const uniqueKeyDecider: Decider<ClaimUniqueKey, UniqueKeyClaim | null, UniqueKeyClaimed> = {
  initialState: () => null,
  evolve: (state, event) => state ?? event.data,
  decide(command, state) {
    if (state) return [];
    return [{ type: 'UniqueKeyClaimed', data: { key: command.key, ownerId: command.ownerId } }];
  },
};

/** Keys compare as people read them: Unicode NFC, case-folded, surrounding spaces ignored. */
export function normaliseUniqueKey(value: string): string {
  return value.normalize('NFC').trim().toLowerCase();
}
