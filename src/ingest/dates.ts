import * as chrono from 'chrono-node';
import { validIsoDate } from '../corpus/parse';

// "2020-11-18", "2020-11-18T23:30:00-05:00": the calendar date is the one written, whatever the offset.
const ISO_DATE_PREFIX = /^\s*(\d{4}-\d{2}-\d{2})(?:$|[T\s])/;

/**
 * The calendar date a page's timestamp states, as `YYYY-MM-DD`, never shifted to another time
 * zone. Other written forms ("Wed, 18 Nov 2020 23:30:00 -0500") go through chrono's strict
 * parser, which reads what is written and never resolves "today"; a timestamp without a full
 * day, month and year gives null rather than a guess.
 */
export function calendarDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const iso = ISO_DATE_PREFIX.exec(value);
  if (iso) return validIsoDate(iso[1]!);
  const [parsed] = chrono.strict.parse(value);
  const start = parsed?.start;
  if (!start || !start.isCertain('year') || !start.isCertain('month') || !start.isCertain('day')) return null;
  const pad = (n: number | null, width: number) => String(n).padStart(width, '0');
  return validIsoDate(`${pad(start.get('year'), 4)}-${pad(start.get('month'), 2)}-${pad(start.get('day'), 2)}`);
}
