import { uniqueViolationDetail } from '../database/unique-violation';
import { UniqueUserField } from './user-errors';

const FIELD_BY_COLUMN: Readonly<Record<string, UniqueUserField>> = {
  user_name_key: 'userName',
  email_key: 'email',
  external_id: 'externalId',
};

/** Which unique user attribute a failed write collided on, if it was a unique violation. */
export function violatedUniqueField(error: unknown): UniqueUserField | undefined {
  const detail = uniqueViolationDetail(error);
  if (detail === undefined) return undefined;
  const column = Object.keys(FIELD_BY_COLUMN).find((name) => detail.includes(name));
  return column === undefined ? undefined : FIELD_BY_COLUMN[column];
}
