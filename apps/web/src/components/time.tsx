/** Times in the viewer's zone and in another (a rotation's, a responder's), through Intl. */
export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const formats = new Map<string, Intl.DateTimeFormat>();
function format(zone: string): Intl.DateTimeFormat {
  let found = formats.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(zone, found);
  }
  return found;
}

export function formatIn(instant: string | Date, zone: string): string {
  return format(zone).format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** "Tue 14 Jul, 14:00 your time (Europe/Berlin) · Tue 14 Jul, 08:00 America/New_York" */
export function DualTime({ at, zone, zoneLabel }: { at: string; zone: string; zoneLabel?: string }) {
  const mine = formatIn(at, viewerZone);
  const theirs = formatIn(at, zone);
  return (
    <time dateTime={at} className="dual-time">
      <span>{mine}</span> <span className="zone">your time ({viewerZone})</span>
      {zone !== viewerZone ? (
        <>
          {' · '}
          <span>{theirs}</span> <span className="zone">{zoneLabel ?? zone}</span>
        </>
      ) : null}
    </time>
  );
}

export function ViewerTime({ at }: { at: string }) {
  return <time dateTime={at}>{formatIn(at, viewerZone)}</time>;
}

/** "in 3 h 20 min" / "12 min ago" from now */
export function relative(at: string, now = Date.now()): string {
  const minutes = Math.round((new Date(at).getTime() - now) / 60_000);
  const size = Math.abs(minutes);
  const words =
    size < 60
      ? `${size} min`
      : size < 48 * 60
        ? `${Math.floor(size / 60)} h ${size % 60} min`
        : `${Math.round(size / 1440)} days`;
  return minutes >= 0 ? `in ${words}` : `${words} ago`;
}
