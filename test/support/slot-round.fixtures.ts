import type { GraphQLClient } from './test-app.js';

export const SLOT_ROUND_FIELDS = `
  id title timeZone volunteerDeadline closed closedAt publishedBy { id }
  slots {
    id start end how
    volunteer { handle }
    assignee { handle }
    explanation {
      quarter hoursFrom hoursTo
      candidates { responder { handle } rank excluded weekendSlotsThisQuarter onCallHoursLast12Months lastSlotEnd }
    }
  }`;

export const PUBLISH_SLOTS = `
  mutation Publish($input: PublishSlotRoundInput!) { publishWeekendSlots(input: $input) { ${SLOT_ROUND_FIELDS} } }`;

export const VOLUNTEER = `
  mutation Volunteer($input: SlotVolunteerInput!) { volunteerForSlot(input: $input) { ${SLOT_ROUND_FIELDS} } }`;

export const WITHDRAW = `
  mutation Withdraw($input: SlotVolunteerInput!) { withdrawFromSlot(input: $input) { ${SLOT_ROUND_FIELDS} } }`;

export const SLOT_ROUND = `query Round($id: ID!) { slotRound(id: $id) { ${SLOT_ROUND_FIELDS} } }`;

export interface PublishedRound {
  id: string;
  slots: Array<{ id: string; start: string; end: string }>;
}

/** Publishes a round of slots given as [start, end] wall-clock pairs in `timeZone`. */
export async function publishSlots(
  client: GraphQLClient,
  input: { rotationId: string; title?: string; timeZone: string; slots: Array<[string, string]>; deadline: string },
): Promise<PublishedRound> {
  const data = await client.ok(PUBLISH_SLOTS, {
    input: {
      rotationId: input.rotationId,
      title: input.title ?? 'Weekend',
      timeZone: input.timeZone,
      slots: input.slots.map(([start, end]) => ({ start, end })),
      volunteerDeadline: input.deadline,
    },
  });
  return data.publishWeekendSlots;
}
