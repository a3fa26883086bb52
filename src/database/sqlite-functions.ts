import type Database from 'better-sqlite3';
import { foldCase } from '../users/canonical-key';

/**
 * SQLite's lower() folds ASCII only; PostgreSQL's folds all of Unicode. Registering the
 * app's own folding keeps case-insensitive filters identical on both databases.
 */
export function registerSqliteFunctions(db: Database.Database): void {
  db.function('scim_fold', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? foldCase(value) : value,
  );
}
