/**
 * Case-insensitive comparison for SCIM (RFC 7643 §2.2 caseExact=false): Unicode NFC, then
 * lower case. The database's unique indexes hold this key, computed here rather than by SQL,
 * so SQLite and PostgreSQL agree on non-ASCII letters.
 */
export function foldCase(value: string): string {
  return value.normalize('NFC').toLowerCase();
}

/** The unique key of an email or userName: surrounding blanks are never significant. */
export function canonicalKey(value: string): string {
  return foldCase(value.trim());
}
