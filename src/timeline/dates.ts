/** Calendar arithmetic on plain UTC dates: no time of day, no time zone. */

export interface Ymd {
  y: number;
  /** 1-12 */
  m: number;
  /** 1-31 */
  d: number;
}

const DAY_MS = 86_400_000;

export function parseIsoDay(iso: string | null): Ymd | null {
  if (!iso) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const ymd = { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
  return isValidDay(ymd.y, ymd.m, ymd.d) ? ymd : null;
}

export function isValidDay(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function dayNumber({ y, m, d }: Ymd): number {
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function fromDayNumber(n: number): Ymd {
  const date = new Date(n * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

export function addDays(ymd: Ymd, days: number): Ymd {
  return fromDayNumber(dayNumber(ymd) + days);
}

/** 0 = Sunday ... 6 = Saturday, as chrono and `Date.getUTCDay` count. */
export function weekdayOf(ymd: Ymd): number {
  return new Date(Date.UTC(ymd.y, ymd.m - 1, ymd.d)).getUTCDay();
}

/** The Monday starting the (Monday-first) week that holds `ymd`. */
export function mondayOf(ymd: Ymd): Ymd {
  return addDays(ymd, -((weekdayOf(ymd) + 6) % 7));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatDay({ y, m, d }: Ymd): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

export function formatMonth(y: number, m: number): string {
  return `${pad(y, 4)}-${pad(m)}`;
}

export function formatYear(y: number): string {
  return pad(y, 4);
}

/**
 * Whether a date at any precision starts after `publication` ('2020-12' starts after
 * '2020-11-18'; '2020-11' and '2020' do not, as they hold it).
 */
export function startsAfter(date: string, publication: string): boolean {
  return date > publication.slice(0, date.length);
}
