import { BadUserInputError } from '@app/core/pure';
import type { Decider } from '@app/event-store/pure';
import type { HandoverSettings, HandoverSettingsEvent } from './handover-settings.events.js';

export type HandoverSettingsState = HandoverSettings | null;

export type HandoverSettingsCommand = { type: 'Configure'; settings: HandoverSettings; at: string; by: string };

/** A rotation's handover rules: the grace period and the rotations that receive its work. */
export const handoverSettingsDecider: Decider<HandoverSettingsCommand, HandoverSettingsState, HandoverSettingsEvent> = {
  initialState: () => null,

  decide({ settings, at, by }, state) {
    if (settings.receivingRotationIds.includes(settings.rotationId)) {
      throw new BadUserInputError('receivingRotationIds', 'a rotation does not receive its own handovers');
    }
    if (state && JSON.stringify(state) === JSON.stringify(settings)) return [];
    return [{ type: 'HandoverSettingsChanged', data: { ...settings, at, by } }];
  },

  evolve(_state, event) {
    const { at: _, by: __, ...settings } = event.data;
    return settings;
  },
};
