export const CALENDAR_OPTIONS = Symbol('CALENDAR_OPTIONS');

export interface CalendarOptions {
  /** Where people reach the service (PUBLIC_URL, no trailing slash): feed URLs are `{publicUrl}/calendar/<token>.ics`. */
  publicUrl: string;
}

export function calendarOptionsFrom(get: (key: string) => unknown): CalendarOptions {
  return { publicUrl: String(get('PUBLIC_URL') ?? 'http://localhost:3000').replace(/\/+$/, '') };
}
