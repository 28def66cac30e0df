import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { actorName } from '../common/actor.js';
import { ErrorText } from '../common/error-text.js';
import { formatDate, formatInstant, formatSpan, inBothZones } from '../common/format.js';
import { isLead, type Me } from '../common/me.js';
import {
  SLOT_ROUNDS,
  VOLUNTEER,
  WITHDRAW,
  type RotationDetail,
  type Slot,
  type SlotRound,
} from './schedules.queries.js';

const EXCLUSION_WORDS = {
  ON_CALL: 'on call elsewhere then',
  RESTRICTED: 'restricted by local law',
  UNAVAILABLE: 'unavailable',
} as const;

/** The weekend and holiday slot rounds of a rotation: volunteer while open, the fair assignment once closed. */
export function SlotRounds({ rotation, me }: { rotation: RotationDetail; me: Me | undefined }) {
  const [{ data, fetching, error }, refetch] = useQuery<{ slotRounds: { nodes: SlotRound[] } }>({
    query: SLOT_ROUNDS,
    variables: { rotationId: rotation.id },
  });
  const rounds = data?.slotRounds.nodes ?? [];
  return (
    <section className="pg-card" aria-labelledby="slot-rounds-heading">
      <h2 id="slot-rounds-heading">Weekend slot rounds</h2>
      {fetching && !data ? <p>Loading slot rounds…</p> : null}
      <ErrorText error={error} what="Loading the slot rounds" />
      {data && rounds.length === 0 ? <p>No slot rounds for {rotation.name} yet.</p> : null}
      {rounds.map((round) => (
        <article key={round.id} className="sr-round" aria-labelledby={`round-${round.id}`}>
          <h3 id={`round-${round.id}`}>{round.title}</h3>
          <p>
            Published by {actorName(round.publishedBy)}.{' '}
            {round.closed
              ? `Closed ${round.closedAt ? formatInstant(round.closedAt) : ''}: empty slots were assigned fairly.`
              : `Volunteering closes ${inBothZones(round.volunteerDeadline, round.timeZone)}.`}
          </p>
          <ul className="sr-slots">
            {round.slots.map((slot) => (
              <li key={slot.id}>
                <SlotRow
                  round={round}
                  slot={slot}
                  me={me}
                  people={rotation.participants.map((p) => p.responder)}
                  onChanged={() => refetch({ requestPolicy: 'network-only' })}
                />
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}

interface SlotRowProps {
  round: SlotRound;
  slot: Slot;
  me: Me | undefined;
  people: { id: string; name: string }[];
  onChanged: () => void;
}

function SlotRow({ round, slot, me, people, onChanged }: SlotRowProps) {
  const mine = me?.actor.responder;
  const lead = isLead(me);
  const [chosen, setChosen] = useState(mine?.id ?? people[0]?.id ?? '');
  const [volunteered, volunteer] = useMutation(VOLUNTEER);
  const [withdrawn, withdraw] = useMutation(WITHDRAW);
  const span = formatSpan(slot.start, slot.end, round.timeZone);
  const holder = slot.assignee ?? slot.volunteer;

  async function act(kind: 'volunteer' | 'withdraw', responderId: string) {
    const run = kind === 'volunteer' ? volunteer : withdraw;
    const answer = await run({ input: { roundId: round.id, slotId: slot.id, responderId } });
    if (!answer.error) onChanged();
  }

  return (
    <div className="sr-slot">
      <p>
        <strong>{span}</strong> ({round.timeZone}):{' '}
        {holder
          ? `${holder.name}${slot.how === 'AUTOMATIC' ? ', assigned fairly' : slot.how === 'VOLUNTEER' || !round.closed ? ', volunteered' : ''}`
          : round.closed
            ? 'left open'
            : 'open'}
      </p>
      {!round.closed ? (
        <div className="pg-row">
          {!slot.volunteer && (lead || mine) ? (
            <>
              {lead ? (
                <label>
                  Volunteer
                  <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
                    {people.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
              <button
                type="button"
                disabled={volunteered.fetching || !chosen}
                onClick={() => act('volunteer', lead ? chosen : mine!.id)}
              >
                {lead ? 'Volunteer them' : `Volunteer for ${span}`}
              </button>
            </>
          ) : null}
          {slot.volunteer && (lead || slot.volunteer.id === mine?.id) ? (
            <button type="button" disabled={withdrawn.fetching} onClick={() => act('withdraw', slot.volunteer!.id)}>
              Withdraw {slot.volunteer.id === mine?.id ? 'me' : slot.volunteer.name}
            </button>
          ) : null}
        </div>
      ) : null}
      <ErrorText error={volunteered.error} what="Volunteering" />
      <ErrorText error={withdrawn.error} what="Withdrawing" />
      {slot.explanation ? <Explanation explanation={slot.explanation} /> : null}
    </div>
  );
}

function Explanation({ explanation }: { explanation: NonNullable<Slot['explanation']> }) {
  return (
    <details className="sr-explanation">
      <summary>Why this assignment</summary>
      <p>
        Among those not excluded: fewest weekend slots in {explanation.quarter}, then fewest on-call hours from{' '}
        {formatDate(explanation.hoursFrom)} to {formatDate(explanation.hoursTo)}, then longest since their last slot,
        then turn order.
      </p>
      <div className="pg-table-wrap">
        <table>
          <caption>Candidates compared</caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Responder</th>
              <th scope="col">Weekend slots this quarter</th>
              <th scope="col">On-call hours, 12 months</th>
              <th scope="col">Last slot ended</th>
            </tr>
          </thead>
          <tbody>
            {explanation.candidates.map((c) => (
              <tr key={c.responder.id}>
                <td>{c.rank ?? `excluded: ${c.excluded ? EXCLUSION_WORDS[c.excluded] : ''}`}</td>
                <th scope="row">{c.responder.name}</th>
                <td>{c.weekendSlotsThisQuarter}</td>
                <td>{c.onCallHoursLast12Months.toFixed(1)}</td>
                <td>{c.lastSlotEnd ? formatInstant(c.lastSlotEnd) : 'never'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
