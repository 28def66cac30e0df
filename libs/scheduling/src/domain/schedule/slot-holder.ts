import type { AssignedSlot, Swap } from './schedule.types.js';

export interface SlotHolder {
  responderId: string;
  /** The swap that gave the slot to its holder, if any. */
  swap?: { swapId: string; swappedWith: string };
}

/** Who holds an assigned slot once the rotation's swaps (in order) have traded it. */
export function slotHolder(slot: Pick<AssignedSlot, 'start' | 'responderId'>, swaps: Swap[]): SlotHolder {
  const start = Date.parse(slot.start);
  let holder: SlotHolder = { responderId: slot.responderId };
  for (const swap of swaps) {
    for (const [mine, theirs] of [
      [swap.first, swap.second],
      [swap.second, swap.first],
    ] as const) {
      if (Date.parse(mine.shiftStart) !== start || mine.responderId !== holder.responderId) continue;
      holder = { responderId: theirs.responderId, swap: { swapId: swap.swapId, swappedWith: mine.responderId } };
      break;
    }
  }
  return holder;
}
