import { SortableUserColumn } from '../../users/users.service';

/**
 * RFC 7644 §3.4.2.3 sortBy: the attributes a user list can be ordered by, keyed by canonical
 * path, and the store's column for each. They are the mapped attributes every user has, so
 * the order is total and keyset cursors never meet a missing value. `emails` is not among
 * them: RFC 7644 §3.4.2.3 sorts it by the primary email, which no column holds.
 */
export const USER_SORT_COLUMNS: Readonly<Record<string, SortableUserColumn>> = {
  id: 'id',
  userName: 'user_name_key',
  'name.givenName': 'first_name',
  'name.familyName': 'last_name',
  'meta.created': 'created_at',
  'meta.lastModified': 'updated_at',
};
