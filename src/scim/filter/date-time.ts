/**
 * RFC 7643 §2.3.5: a dateTime is an xsd:dateTime with a time zone, e.g. `2011-05-13T04:42:34Z`.
 * Years are limited to 0001–9999, the range both SQLite's date functions and PostgreSQL's
 * timestamptz read the same way.
 */
const XSD_DATE_TIME =
  /^(?!0000)\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/** Milliseconds since the epoch, or NaN when `text` is not an xsd:dateTime with a zone. */
export function parseDateTime(text: string): number {
  const match = XSD_DATE_TIME.exec(text);
  if (!match) return Number.NaN;
  // Date.parse rolls 2011-02-30 over to March; xsd:dateTime has no such day.
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (day > daysInMonth(year, month)) return Number.NaN;
  return Date.parse(text);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeapYear(year) ? 1 : 0);
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The form dateTimes take in SQL parameters and in SQLite columns: UTC, millisecond precision,
 * `YYYY-MM-DDTHH:MM:SS.sssZ` (`Date.prototype.toISOString`), so that text order is time order.
 */
export function canonicalDateTime(milliseconds: number): string {
  return new Date(milliseconds).toISOString();
}
