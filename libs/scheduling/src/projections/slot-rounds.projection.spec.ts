import { projectionSpecification } from '@app/event-store/testing';
import type { SlotRoundEvent } from '../domain/slot-round/slot-round.events.js';
import { SlotRoundsProjection } from './slot-rounds.projection.js';

const spec = projectionSpecification(() => new SlotRoundsProjection());
const published = (roundId: string, deadline: string, start: string, end: string): SlotRoundEvent => ({
  type: 'SlotRoundPublished',
  data: {
    roundId,
    rotationId: 'rot',
    title: 'Weekend',
    timeZone: 'UTC',
    slots: [{ slotId: `${roundId}-s1`, start, end }],
    deadline,
    publishedBy: 'manager',
    publishedAt: '2026-07-01T00:00:00.000Z',
  },
});
const first = published('r1', '2026-07-17T10:00:00.000Z', '2026-07-18T00:00:00.000Z', '2026-07-19T00:00:00.000Z');
const second = published('r2', '2026-07-24T10:00:00.000Z', '2026-07-25T00:00:00.000Z', '2026-07-26T00:00:00.000Z');

describe('slot-rounds projection', () => {
  it('lists a rotation’s rounds by their first slot and finds a round with its volunteers', () => {
    spec
      .given([second, first])
      .when([
        {
          type: 'SlotVolunteered',
          data: {
            roundId: 'r1',
            rotationId: 'rot',
            slotId: 'r1-s1',
            responderId: 'ana',
            at: '2026-07-02T00:00:00.000Z',
          },
        },
      ])
      .then((rounds) => {
        expect(rounds.roundsOf('rot').map((r) => r.roundId)).toEqual(['r1', 'r2']);
        expect(rounds.roundsOf('other')).toEqual([]);
        expect(JSON.stringify(rounds.round('r1'))).toContain('ana');
        expect(rounds.round('r3')).toBeUndefined();
      });
  });

  it('offers the rounds whose deadline has passed as due, earliest first', () => {
    spec.given([second, first]).then((rounds) => {
      expect(rounds.dueRounds(new Date('2026-07-17T09:59:59Z'), 10)).toEqual([]);
      expect(rounds.dueRounds(new Date('2026-07-30T00:00:00Z'), 10).map((r) => r.roundId)).toEqual(['r1', 'r2']);
      expect(rounds.dueRounds(new Date('2026-07-30T00:00:00Z'), 1).map((r) => r.roundId)).toEqual(['r1']);
    });
  });
});
