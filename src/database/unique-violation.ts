import { QueryFailedError } from 'typeorm';

interface DriverError {
  readonly code?: unknown;
  readonly constraint?: unknown;
  readonly message?: unknown;
}

/**
 * The name (PostgreSQL: the constraint, SQLSTATE 23505) or description (SQLite: the columns,
 * in the message) of the unique index a failed write collided with, or undefined.
 */
export function uniqueViolationDetail(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as DriverError | undefined;
  if (driverError?.code === '23505' && typeof driverError.constraint === 'string')
    return driverError.constraint;
  if (driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof driverError.message === 'string') {
    return driverError.message;
  }
  return undefined;
}

export function violatesUniqueIndex(error: unknown): boolean {
  return uniqueViolationDetail(error) !== undefined;
}
