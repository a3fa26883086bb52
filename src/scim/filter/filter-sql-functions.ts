import { foldCase } from './fold-case';

/**
 * The SQL function the compiled filters call to fold case, `foldCase` in SQL. Both databases need
 * it installed before a filter on a case-insensitive attribute without a canonical column runs.
 */
export const SCIM_FOLD_FUNCTION = 'scim_fold';

/** The part of a better-sqlite3 `Database` this module needs (no import of the driver here). */
export interface SqliteFunctionRegistry {
  function(
    name: string,
    options: { deterministic: boolean; varargs?: boolean },
    implementation: (value: unknown) => unknown,
  ): unknown;
}

/**
 * Registers `scim_fold(x)` on a better-sqlite3 connection (TypeORM: the `prepareDatabase` option).
 * SQLite's own `lower()` folds ASCII only, so `lower('ÉCOLE')` is `'École'`; this is `foldCase`
 * itself. Non-text values fold to NULL, so they never equal a string, as in memory.
 */
export function registerSqliteFilterFunctions(database: SqliteFunctionRegistry): void {
  database.function(SCIM_FOLD_FUNCTION, { deterministic: true }, (value) =>
    typeof value === 'string' ? foldCase(value) : null,
  );
}

/**
 * Creates `scim_fold(text)` on PostgreSQL (run it from a migration). It mirrors `foldCase`: NFC,
 * then full Unicode lower-casing by ICU's root locale. The database's default collation would not
 * do: under libc's C.UTF-8, `lower('İ')` is `i` where JavaScript gives `i̇`, and final sigma is
 * lost (`ΣΑΣ` → `σασ`, JavaScript `σας`). Checked over every code point on PostgreSQL 15 with
 * ICU 72: identical to Node 20's `toLowerCase` except 55 characters added in Unicode 16–17, which
 * the server's ICU does not know yet.
 *
 * IMMUTABLE is what lets expression indexes use it; rebuild such indexes after an ICU upgrade.
 * Needs PostgreSQL 13+ (normalize), built with ICU, in a UTF8 database.
 */
export const POSTGRES_FILTER_FUNCTIONS_SQL = `CREATE OR REPLACE FUNCTION ${SCIM_FOLD_FUNCTION}(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT lower(normalize(value, NFC) COLLATE "und-x-icu") $$`;
