import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { useLiveRefetch } from '../api/live.js';
import { LiveNote } from '../components/live-note.js';
import { Views, type View } from 'react-big-calendar';
import { ErrorText } from './common/error-text.js';
import { useMe } from './common/me.js';
import { ShiftCalendar, shiftKey, visibleRange } from './schedules/shift-calendar.js';
import { ShiftPanel, type PanelMode } from './schedules/shift-panel.js';
import { SlotRounds } from './schedules/slot-rounds.js';
import {
  ROTATIONS,
  ROTATION_SHIFTS,
  ON_CALL_LIVE,
  type RotationDetail,
  type RotationSummary,
  type Shift,
} from './schedules/schedules.queries.js';
import './pages.css';

const narrow = () => typeof window !== 'undefined' && window.matchMedia?.('(max-width: 640px)').matches;

/** A rotation's shifts over weeks: click one to cover it with an override or swap it; weekend slot rounds below. */
export default function SchedulesPage() {
  const me = useMe();
  const [rotations] = useQuery<{ rotations: { nodes: RotationSummary[] } }>({ query: ROTATIONS });
  const list = rotations.data?.rotations.nodes ?? [];
  const [chosenId, setChosenId] = useState<string>(
    () => new URLSearchParams(window.location.search).get('rotation') ?? '',
  );
  const rotation = list.find((r) => r.id === chosenId) ?? list[0];

  const [date, setDate] = useState(() => new Date());
  const [view, setView] = useState<View>(() => (narrow() ? Views.AGENDA : Views.MONTH));
  const range = useMemo(() => visibleRange(date, view), [date, view]);
  const [shifts, refetchShifts] = useQuery<{ rotation: RotationDetail & { shifts: Shift[] } }>({
    query: ROTATION_SHIFTS,
    variables: { id: rotation?.id, from: range.from.toISOString(), to: range.to.toISOString() },
    pause: !rotation,
  });

  const live = useLiveRefetch(ON_CALL_LIVE, { rotationId: rotation?.id ?? null }, () =>
    refetchShifts({ requestPolicy: 'network-only' }),
  );
  const detail: RotationDetail | undefined =
    rotation && (shifts.data?.rotation.id === rotation.id ? shifts.data.rotation : { ...rotation, participants: [] });
  const [selected, setSelected] = useState<Shift>();
  const [mode, setMode] = useState<PanelMode>('details');
  const [swapWith, setSwapWith] = useState<Shift>();
  const [message, setMessage] = useState('');

  function select(shift: Shift) {
    setMessage('');
    if (selected && mode === 'swap' && shiftKey(shift) !== shiftKey(selected)) {
      setSwapWith(shift);
      return;
    }
    setSelected(shift);
    setMode('details');
    setSwapWith(undefined);
  }

  function changed(words: string) {
    setMessage(words);
    setSelected(undefined);
    setSwapWith(undefined);
    setMode('details');
    refetchShifts({ requestPolicy: 'network-only' });
  }

  return (
    <div className="pg-page">
      <h1>Schedules</h1>
      <LiveNote mode={live} />
      <ErrorText error={rotations.error} what="Loading the rotations" />
      {rotations.data && list.length === 0 ? <p>There are no rotations yet.</p> : null}
      {rotation && detail ? (
        <>
          <div className="pg-row">
            <label>
              Rotation
              <select
                value={rotation.id}
                onChange={(e) => {
                  setChosenId(e.target.value);
                  setSelected(undefined);
                }}
              >
                {list.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} ({r.team}, {r.timeZone})
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="pg-hint">
            Times in the calendar are in your zone. Click a shift (or focus it and press Enter) to cover it with an
            override or to swap it. Each shift says why: a turn (blue), an override (purple) or a swap (orange) with who
            made it, a volunteered (green) or fairly assigned (grey) weekend slot.
          </p>
          <p role="status" aria-live="polite" className="pg-status">
            {message}
          </p>
          <ErrorText error={shifts.error} what="Loading the shifts" />
          {shifts.fetching && !shifts.data ? <p>Loading shifts…</p> : null}
          <div className="sc-layout">
            <ShiftCalendar
              shifts={shifts.data?.rotation.shifts ?? []}
              date={date}
              view={view}
              selectedKey={selected ? shiftKey(selected) : undefined}
              onNavigate={setDate}
              onView={setView}
              onSelect={select}
            />
            {selected ? (
              <ShiftPanel
                shift={selected}
                rotation={detail}
                me={me}
                mode={mode}
                onMode={(m) => {
                  setMode(m);
                  setSwapWith(undefined);
                }}
                candidates={shifts.data?.rotation.shifts ?? []}
                swapWith={swapWith}
                onSwapWith={setSwapWith}
                onChanged={changed}
                onClose={() => setSelected(undefined)}
              />
            ) : null}
          </div>
          <SlotRounds key={rotation.id} rotation={detail} me={me} />
        </>
      ) : null}
    </div>
  );
}
