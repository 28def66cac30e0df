import type { Decider, DomainEvent } from '../decider/decider.js';

/** Who holds a unique key: the id of the aggregate it was claimed for. */
export interface UniqueKeyClaim {
  key: string;
  ownerId: string;
}

export type UniqueKeyClaimed = DomainEvent<'UniqueKeyClaimed', UniqueKeyClaim>;
export type UniqueKeyReleased = DomainEvent<'UniqueKeyReleased', UniqueKeyClaim>;
export type UniqueKeyEvent = UniqueKeyClaimed | UniqueKeyReleased;

export interface ClaimUniqueKey extends UniqueKeyClaim {
  type: 'ClaimUniqueKey';
}

/** Its owner gives a key up (a responder renamed to another handle); anyone else's release changes nothing. */
export interface ReleaseUniqueKey extends UniqueKeyClaim {
  type: 'ReleaseUniqueKey';
}

export type UniqueKeyCommand = ClaimUniqueKey | ReleaseUniqueKey;

/**
 * A rule that says "only one" (one responder per handle, one service per name): a stream per
 * normalised key, whose first event names its owner. Claiming a key already held appends nothing,
 * and the state tells who holds it. A released key may be claimed again.
 */
export const uniqueKeyDecider: Decider<UniqueKeyCommand, UniqueKeyClaim | null, UniqueKeyEvent> = {
  initialState: () => null,
  evolve: (state, event) => (event.type === 'UniqueKeyReleased' ? null : (state ?? event.data)),
  decide(command, state) {
    const data = { key: command.key, ownerId: command.ownerId };
    switch (command.type) {
      case 'ClaimUniqueKey':
        return state ? [] : [{ type: 'UniqueKeyClaimed', data }];
      case 'ReleaseUniqueKey':
        return state?.ownerId === command.ownerId ? [{ type: 'UniqueKeyReleased', data }] : [];
      default: {
        const unknown: never = command;
        throw new Error(`Unknown unique-key command ${JSON.stringify(unknown)}`);
      }
    }
  },
};

/** Keys compare as people read them: Unicode NFC, case-folded, surrounding spaces ignored. */
export function normaliseUniqueKey(value: string): string {
  return value.normalize('NFC').trim().toLowerCase();
}
