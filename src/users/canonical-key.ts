import { foldCase } from '../scim/filter/fold-case';

/**
 * The unique key of an email or userName: SCIM's case folding (RFC 7643 §2.2 caseExact=false).
 * Computed here rather than in SQL, so SQLite and PostgreSQL agree on non-ASCII letters, and
 * stored in the columns the unique indexes cover and `userName eq` looks up.
 */
export function canonicalKey(value: string): string {
  return foldCase(value);
}
