import type { DomainEvent } from '@app/event-store/pure';

export interface HandoverSettings {
  rotationId: string;
  /** Minutes after a boundary by which each item should be handed over (the seeds plan 15-30). */
  graceMinutes: number;
  /**
   * Where work goes when nobody in the rotation takes over right away (e.g. AMER 1 → AMER 2),
   * in order of preference; empty: the on-call responders of the team's other rotations, DRI first.
   */
  receivingRotationIds: string[];
}

export const DEFAULT_GRACE_MINUTES = 30;

export function defaultHandoverSettings(rotationId: string): HandoverSettings {
  return { rotationId, graceMinutes: DEFAULT_GRACE_MINUTES, receivingRotationIds: [] };
}

export type HandoverSettingsEvent = DomainEvent<
  'HandoverSettingsChanged',
  HandoverSettings & { at: string; by: string }
>;

export const handoverSettingsStream = (rotationId: string) => `handoversettings-${rotationId}`;
