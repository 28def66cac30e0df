import { BadUserInputError, ForbiddenError } from '@app/core/pure';
import type { RapidActionEvent, RapidActionUpdateData } from './rapid-action.events.js';
import { localDate, updateDueAfter } from './update-cadence.js';
import { assertRequiredParts, noneToNull } from './update-parts.js';
import type { RapidAction } from './rapid-action.state.js';
import type { RapidActionCommand } from './rapid-action.commands.js';
import { updateKey } from './rapid-action.rules.js';

/** A daily status update: by the DRI or a sub-DRI; a second one of the same date and scope amends the first. */
export type PostUpdate = Extract<RapidActionCommand, { type: 'PostUpdate' }>;

export function postUpdate(action: RapidAction, command: PostUpdate): RapidActionEvent {
  const subDri = action.subDris.find((s) => s.responderId === command.actor);
  if (command.actor !== action.driId && !subDri) {
    throw new ForbiddenError('Only the DRI or a sub-DRI of this rapid action may post its status updates');
  }
  assertRequiredParts(command);
  const zone = command.posterTimeZone ?? action.driTimeZone;
  const today = localDate(command.now, zone);
  const date = command.date ?? today;
  if (date > today) {
    throw new BadUserInputError('date', `date cannot be later than today (${today} in ${zone})`);
  }
  const declaredOn = localDate(action.declaredAt, zone);
  if (date < declaredOn) {
    throw new BadUserInputError(
      'date',
      `date cannot be before the rapid action was declared (${declaredOn} in ${zone})`,
    );
  }
  const scope = command.actor === action.driId ? null : subDri!.scope;
  const previous = action.updateVersions[updateKey(date, scope)];
  const data: RapidActionUpdateData = {
    rapidActionId: action.rapidActionId,
    updateId: command.updateId,
    date,
    scope,
    postedBy: command.actor,
    postedAs: scope ? 'sub-dri' : 'dri',
    postedAt: command.now,
    progressSinceLastUpdate: command.progressSinceLastUpdate.trim(),
    progressExpectedByNextUpdate: command.progressExpectedByNextUpdate.trim(),
    blockers: noneToNull(command.blockers),
    praise: noneToNull(command.praise),
    version: previous ? previous.version + 1 : 1,
    amendsUpdateId: previous?.updateId ?? null,
    updateDueBy: updateDueAfter(command.now, action.driTimeZone),
  };
  return { type: previous ? 'RapidActionUpdateAmended' : 'RapidActionUpdatePosted', data };
}
