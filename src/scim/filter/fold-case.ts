/**
 * The one case-folding rule of every case-insensitive comparison (RFC 7644 §3.4.2.2: strings
 * compare case-insensitively unless the attribute is `caseExact`), in memory and in SQL alike:
 * NFC, then Unicode's locale-independent full lower-casing.
 *
 * The SQL side mirrors it exactly: canonical key columns hold `foldCase(value)`, and the
 * `scim_fold()` SQL function is this function on SQLite and `lower(normalize(x, NFC) COLLATE
 * "und-x-icu")` on PostgreSQL (see `filter-sql-functions.ts`).
 */
export function foldCase(value: string): string {
  return value.normalize('NFC').toLowerCase();
}

/**
 * Orders strings by Unicode code point, as SQLite's BINARY collation and PostgreSQL's `COLLATE "C"`
 * order UTF-8 text. JavaScript's `<` compares UTF-16 code units instead, which disagrees for
 * characters above U+FFFF against U+E000–U+FFFF.
 */
export function compareCodePoints(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const a = left.codePointAt(index) ?? 0;
    const b = right.codePointAt(index) ?? 0;
    if (a !== b) return a < b ? -1 : 1;
    // Both strings hold the same surrogate pair here; skip its second half.
    if (a > 0xffff) index++;
  }
  return Math.sign(left.length - right.length);
}
