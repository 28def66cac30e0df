import { createContext, useContext, useMemo, type SyntheticEvent } from 'react';
import { Calendar, luxonLocalizer, Views, type EventProps, type View } from 'react-big-calendar';
import { DateTime } from 'luxon';
import 'react-big-calendar/lib/css/react-big-calendar.css';
import { actorName } from '../common/actor.js';
import { formatSpan } from '../common/format.js';
import type { Shift } from './schedules.queries.js';

const localizer = luxonLocalizer(DateTime, { firstDayOfWeek: 1 });

export interface ShiftEvent {
  title: string;
  start: Date;
  end: Date;
  shift: Shift;
  key: string;
}

/** What a stretch on call is, in words: the responder, and how they came to be on call (and who made it so). */
export function shiftLabel(shift: Shift): string {
  const { reason } = shift;
  switch (reason.kind) {
    case 'TURN':
      return shift.responder.name;
    case 'OVERRIDE':
      return `${shift.responder.name} · override by ${actorName(reason.actor)}${reason.replaced ? ` for ${reason.replaced.name}` : ''}`;
    case 'SWAP':
      return `${shift.responder.name} · swap by ${actorName(reason.actor)}`;
    case 'VOLUNTEER':
      return `${shift.responder.name} · volunteered`;
    case 'AUTOMATIC':
      return `${shift.responder.name} · assigned fairly`;
  }
}

export const shiftKey = (shift: Shift) => `${shift.responder.id}|${shift.start}|${shift.end}`;

/** The visible span of a calendar view around a date, padded so stretches crossing its edges show. */
export function visibleRange(date: Date, view: View): { from: Date; to: Date } {
  const at = DateTime.fromJSDate(date);
  if (view === Views.WEEK)
    return { from: at.startOf('week').toJSDate(), to: at.endOf('week').plus({ days: 1 }).toJSDate() };
  if (view === Views.AGENDA)
    return { from: at.startOf('day').toJSDate(), to: at.startOf('day').plus({ days: 31 }).toJSDate() };
  return {
    from: at.startOf('month').startOf('week').minus({ days: 1 }).toJSDate(),
    to: at.endOf('month').endOf('week').plus({ days: 1 }).toJSDate(),
  };
}

const SelectShift = createContext<(shift: Shift) => void>(() => undefined);

function ShiftButton({ event }: EventProps<ShiftEvent>) {
  const select = useContext(SelectShift);
  return (
    <button
      type="button"
      className="sc-shift-button"
      onClick={(e) => {
        e.stopPropagation();
        select(event.shift);
      }}
      aria-label={`${event.title}, ${formatSpan(event.start, event.end)}`}
      data-shift-id={event.shift.shiftId ?? undefined}
    >
      {event.title}
    </button>
  );
}

interface Props {
  shifts: Shift[];
  date: Date;
  view: View;
  selectedKey?: string;
  onNavigate: (date: Date) => void;
  onView: (view: View) => void;
  onSelect: (shift: Shift) => void;
}

/** A rotation's stretches on call over weeks; each one is a button that selects it. */
export function ShiftCalendar({ shifts, date, view, selectedKey, onNavigate, onView, onSelect }: Props) {
  const events = useMemo<ShiftEvent[]>(
    () =>
      shifts.map((shift) => ({
        title: shiftLabel(shift),
        start: new Date(shift.start),
        end: new Date(shift.end),
        shift,
        key: shiftKey(shift),
      })),
    [shifts],
  );
  const selected = events.find((e) => e.key === selectedKey);
  return (
    <div className="sc-calendar">
      <SelectShift.Provider value={onSelect}>
        <Calendar<ShiftEvent>
          localizer={localizer}
          events={events}
          date={date}
          view={view}
          views={[Views.MONTH, Views.WEEK, Views.AGENDA]}
          onNavigate={onNavigate}
          onView={onView}
          selected={selected}
          onSelectEvent={(event) => onSelect(event.shift)}
          onKeyPressEvent={(event, e: SyntheticEvent) => {
            const key = (e as unknown as KeyboardEvent).key;
            if (key === 'Enter' || key === ' ') onSelect(event.shift);
          }}
          eventPropGetter={(event) => ({ className: `sc-reason-${event.shift.reason.kind.toLowerCase()}` })}
          components={{ month: { event: ShiftButton }, agenda: { event: ShiftButton } }}
          popup
          length={31}
          style={{ minHeight: 640 }}
        />
      </SelectShift.Provider>
    </div>
  );
}
