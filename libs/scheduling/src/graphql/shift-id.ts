import { BadUserInputError } from '@app/core';

const PREFIX = 'shift_';

/**
 * The id of a shift in `shifts`: its rotation and start instant, opaque to callers but stable
 * (the same shift always has the same id) so `swapShifts` can name it.
 */
export function shiftIdOf(rotationId: string, shiftStart: Date): string {
  return PREFIX + Buffer.from(JSON.stringify([rotationId, shiftStart.toISOString()]), 'utf8').toString('base64url');
}

/** The start of the shift an id names, for this rotation; BAD_USER_INPUT on `field` otherwise. */
export function shiftStartOf(shiftId: string, rotationId: string, field: string): Date {
  if (shiftId.startsWith(PREFIX) && shiftId.length < 300) {
    try {
      const parsed = JSON.parse(Buffer.from(shiftId.slice(PREFIX.length), 'base64url').toString('utf8')) as unknown;
      if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === rotationId && typeof parsed[1] === 'string') {
        const start = new Date(parsed[1]);
        if (!Number.isNaN(start.getTime()) && start.toISOString() === parsed[1]) return start;
      }
    } catch {
      // reported below
    }
  }
  throw new BadUserInputError(field, `${field} must be the id of a shift of this rotation, as shifts answers it`);
}
