import { instantFromColumn } from '../database/instant-transformer';
import { UserEntity } from './user.entity';

/**
 * Hot reads skip the ORM's query building and hydration (they cost more CPU than the query
 * itself): plain SQL over these columns, rows mapped here. Writes keep going through TypeORM.
 */
export const USER_COLUMNS = [
  'id',
  'user_name',
  'user_name_key',
  'email',
  'email_key',
  'first_name',
  'last_name',
  'external_id',
  'suspended',
  'phone',
  'job',
  'location',
  'business_unit',
  'scim_profile',
  'deprovisioned_at',
  'created_by',
  'updated_by',
  'created_at',
  'updated_at',
  'version',
] as const;

export type UserRow = Record<(typeof USER_COLUMNS)[number], string | number | boolean | null>;

export const USER_SELECT_LIST = USER_COLUMNS.map((column) => `"u"."${column}"`).join(', ');

const text = (value: UserRow[keyof UserRow]) => (value === null ? null : String(value));

/** A users row, as either driver returns it (SQLite booleans are 0/1), as the entity. */
export function userFromRow(row: UserRow): UserEntity {
  return Object.assign(new UserEntity(), {
    id: String(row.id),
    userName: String(row.user_name),
    userNameKey: String(row.user_name_key),
    email: String(row.email),
    emailKey: String(row.email_key),
    firstName: String(row.first_name),
    lastName: String(row.last_name),
    externalId: text(row.external_id),
    suspended: row.suspended === true || row.suspended === 1,
    phone: text(row.phone),
    job: text(row.job),
    location: text(row.location),
    businessUnit: text(row.business_unit),
    scimProfile: String(row.scim_profile),
    deprovisionedAt: instantFromColumn(text(row.deprovisioned_at)),
    createdBy: String(row.created_by),
    updatedBy: String(row.updated_by),
    createdAt: new Date(String(row.created_at)),
    updatedAt: new Date(String(row.updated_at)),
    version: Number(row.version),
  });
}
