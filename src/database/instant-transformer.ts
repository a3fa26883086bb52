import type { ValueTransformer } from 'typeorm';

/**
 * Instants are stored as fixed-width ISO 8601 UTC text (`2026-12-04T21:25:00.000Z`) on both
 * databases: they sort and compare as text exactly as in time, and a filter on
 * `meta.lastModified` compiles to the same SQL on SQLite and PostgreSQL.
 */
export const instantTransformer: ValueTransformer = {
  to: (value: Date | null | undefined) => (value instanceof Date ? value.toISOString() : value),
  from: (value: string | null) => instantFromColumn(value),
};

/** An instant column as read by plain SQL (hot paths that skip the ORM). */
export function instantFromColumn(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}
