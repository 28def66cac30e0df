import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { actorName } from '../common/actor.js';
import { ErrorText } from '../common/error-text.js';
import { formatSpan, inBothZones, viewerZone, wallClock } from '../common/format.js';
import type { Me } from '../common/me.js';
import { shiftLabel } from './shift-calendar.js';
import {
  CANCEL_OVERRIDE,
  RESPONDERS,
  SCHEDULE_OVERRIDE,
  SWAP_SHIFTS,
  type RotationDetail,
  type Shift,
} from './schedules.queries.js';

export type PanelMode = 'details' | 'override' | 'swap';

interface Props {
  shift: Shift;
  rotation: RotationDetail;
  me: Me | undefined;
  mode: PanelMode;
  onMode: (mode: PanelMode) => void;
  /** The other shifts shown, for the swap's second side. */
  candidates: Shift[];
  /** The second shift picked by clicking it in the calendar while swapping. */
  swapWith: Shift | undefined;
  onSwapWith: (shift: Shift | undefined) => void;
  onChanged: (message: string) => void;
  onClose: () => void;
}

/** One stretch on call: what it is, and the override and swap forms that start from it. */
export function ShiftPanel(props: Props) {
  const { shift, rotation, mode, onMode, onClose } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [shift]);
  const swappable = shift.shiftId !== null && shift.reason.kind !== 'OVERRIDE';
  return (
    <section className="pg-card sc-panel" aria-labelledby="shift-panel-heading">
      <div className="pg-row">
        <h2 id="shift-panel-heading" tabIndex={-1} ref={heading}>
          {shiftLabel(shift)}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <dl className="pg-facts">
        <dt>From</dt>
        <dd>{inBothZones(shift.start, rotation.timeZone)}</dd>
        <dt>To</dt>
        <dd>{inBothZones(shift.end, rotation.timeZone)}</dd>
        <dt>Why</dt>
        <dd>{reasonWords(shift)}</dd>
      </dl>
      <div className="pg-row" role="group" aria-label="What to do with this shift">
        <button type="button" aria-pressed={mode === 'override'} onClick={() => onMode('override')}>
          Cover with an override
        </button>
        {swappable ? (
          <button type="button" aria-pressed={mode === 'swap'} onClick={() => onMode('swap')}>
            Swap this shift
          </button>
        ) : null}
        {shift.reason.kind === 'OVERRIDE' && shift.reason.overrideId ? <CancelOverride {...props} /> : null}
      </div>
      {mode === 'override' ? <OverrideForm {...props} /> : null}
      {mode === 'swap' && swappable ? <SwapForm {...props} /> : null}
    </section>
  );
}

function reasonWords(shift: Shift): string {
  const { reason } = shift;
  switch (reason.kind) {
    case 'TURN':
      return `Their turn${shift.shiftNumber ? ` (turn ${shift.shiftNumber})` : ''}.`;
    case 'OVERRIDE':
      return `An override scheduled by ${actorName(reason.actor)}${reason.replaced ? `, covering for ${reason.replaced.name}` : ''}.`;
    case 'SWAP':
      return `A swap made by ${actorName(reason.actor)}${reason.swappedWith ? `: the turn of ${reason.swappedWith.name}` : ''}.`;
    case 'VOLUNTEER':
      return 'They volunteered for this weekend slot.';
    case 'AUTOMATIC':
      return 'Assigned by the fairness rules when the slot round closed.';
  }
}

function OverrideForm({ shift, rotation, me, onChanged }: Props) {
  const zone = rotation.timeZone;
  const people = rotation.participants.map((p) => p.responder);
  const [everyone] = useQuery<{ responders: { nodes: { id: string; name: string; team: string }[] } }>({
    query: RESPONDERS,
  });
  const others = (everyone.data?.responders.nodes ?? []).filter((r) => !people.some((p) => p.id === r.id));
  const mine = me?.actor.responder;
  const defaultCover =
    mine && mine.id !== shift.responder.id ? mine.id : (people.find((p) => p.id !== shift.responder.id)?.id ?? '');
  const [responderId, setResponderId] = useState(defaultCover);
  const [start, setStart] = useState(wallClock(shift.start, zone));
  const [end, setEnd] = useState(wallClock(shift.end, zone));
  const [coversFor, setCoversFor] = useState(true);
  const [note, setNote] = useState('');
  const [result, schedule] = useMutation(SCHEDULE_OVERRIDE);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const input = {
      rotationId: rotation.id,
      responderId,
      start,
      end,
      timeZone: zone,
      ...(coversFor ? { replacesResponderId: shift.responder.id } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const answer = await schedule({ input });
    if (!answer.error)
      onChanged(
        `Override scheduled: ${answer.data.scheduleOverride.responder.name} covers ${formatSpan(answer.data.scheduleOverride.start, answer.data.scheduleOverride.end, zone)} (${zone}).`,
      );
  }

  return (
    <form className="pg-form" onSubmit={submit} aria-label="Schedule an override">
      <h3>Cover with an override</h3>
      <label>
        Who covers
        <select value={responderId} onChange={(e) => setResponderId(e.target.value)} required>
          <optgroup label={`In ${rotation.name}`}>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.id === mine?.id ? ' (me)' : ''}
              </option>
            ))}
          </optgroup>
          {others.length > 0 ? (
            <optgroup label="Everyone else">
              {others.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.team}){p.id === mine?.id ? ' (me)' : ''}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </label>
      <label>
        From ({zone}, the rotation's zone)
        <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} required />
      </label>
      <label>
        To ({zone})
        <input type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} required />
      </label>
      <label className="pg-check">
        <input type="checkbox" checked={coversFor} onChange={(e) => setCoversFor(e.target.checked)} />
        Covers for {shift.responder.name} (unticked: extra coverage)
      </label>
      <label>
        Note (optional)
        <input type="text" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <p className="pg-hint">
        Prefilled with this shift: {formatSpan(shift.start, shift.end, zone)} in {zone} (
        {formatSpan(shift.start, shift.end, viewerZone())} your time).
      </p>
      <button type="submit" disabled={result.fetching || !responderId}>
        Schedule the override
      </button>
      <ErrorText error={result.error} what="Scheduling the override" />
    </form>
  );
}

function SwapForm({ shift, rotation, candidates, swapWith, onSwapWith, onChanged }: Props) {
  const [result, swap] = useMutation(SWAP_SHIFTS);
  const others = dedupeByShift(
    candidates.filter(
      (c) =>
        c.shiftId &&
        c.shiftId !== shift.shiftId &&
        c.responder.id !== shift.responder.id &&
        c.reason.kind !== 'OVERRIDE',
    ),
  );
  const secondKey = swapWith ? `${swapWith.shiftId}|${swapWith.responder.id}` : '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!swapWith?.shiftId || !shift.shiftId) return;
    const answer = await swap({
      input: {
        rotationId: rotation.id,
        first: { responderId: shift.responder.id, shiftId: shift.shiftId },
        second: { responderId: swapWith.responder.id, shiftId: swapWith.shiftId },
      },
    });
    if (!answer.error) onChanged(`Swapped: ${shift.responder.name} and ${swapWith.responder.name} traded shifts.`);
  }

  return (
    <form className="pg-form" onSubmit={submit} aria-label="Swap shifts">
      <h3>Swap this shift</h3>
      <p className="pg-hint">Click the other shift in the calendar, or choose it here.</p>
      <label>
        Swap with
        <select
          value={secondKey}
          onChange={(e) => onSwapWith(others.find((o) => `${o.shiftId}|${o.responder.id}` === e.target.value))}
          required
        >
          <option value="">Choose a shift</option>
          {others.map((o) => (
            <option key={`${o.shiftId}|${o.responder.id}`} value={`${o.shiftId}|${o.responder.id}`}>
              {o.responder.name}: {formatSpan(o.shiftStart ?? o.start, o.shiftEnd ?? o.end)}
            </option>
          ))}
        </select>
      </label>
      {swapWith ? (
        <p>
          {shift.responder.name} takes {swapWith.responder.name}'s shift of{' '}
          {formatSpan(swapWith.shiftStart ?? swapWith.start, swapWith.shiftEnd ?? swapWith.end)};{' '}
          {swapWith.responder.name} takes {shift.responder.name}'s shift of{' '}
          {formatSpan(shift.shiftStart ?? shift.start, shift.shiftEnd ?? shift.end)}.
        </p>
      ) : null}
      <button type="submit" disabled={result.fetching || !swapWith}>
        Swap the shifts
      </button>
      <ErrorText error={result.error} what="Swapping" />
    </form>
  );
}

function dedupeByShift(shifts: Shift[]): Shift[] {
  const seen = new Set<string>();
  return shifts.filter((s) => {
    const key = `${s.shiftId}|${s.responder.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function CancelOverride({ shift, rotation, onChanged }: Props) {
  const [result, cancel] = useMutation(CANCEL_OVERRIDE);
  return (
    <>
      <button
        type="button"
        disabled={result.fetching}
        onClick={async () => {
          const answer = await cancel({ overrideId: shift.reason.overrideId, rotationId: rotation.id });
          if (!answer.error) onChanged('Override cancelled.');
        }}
      >
        Cancel this override
      </button>
      <ErrorText error={result.error} what="Cancelling the override" />
    </>
  );
}
