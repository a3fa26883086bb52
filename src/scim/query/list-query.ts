import { isJsonObject } from '../scim-resource';
import { ScimError } from '../errors/scim-error';
import { USER_SORT_COLUMNS } from '../mapping/user-sort-columns';
import { resolveAttribute, userResourceSchema } from '../schema/resource-schema';
import { SEARCH_REQUEST_SCHEMA } from '../schema/schema-urns';
import { SortableUserColumn } from '../../users/users.service';
import { parseProjection, Projection } from './projection';

/** The largest page served; advertised as filter.maxResults and pagination.maxPageSize. */
export const MAX_PAGE_SIZE = 200;
/** RFC 9865 defaultPageSize: what a query without `count` gets. */
export const DEFAULT_PAGE_SIZE = 100;

export interface SortSpec {
  readonly column: SortableUserColumn;
  readonly descending: boolean;
  /** As the client named it, canonicalised; part of what a cursor is bound to. */
  readonly path: string;
}

/** A query on /Users, from GET parameters or a POST /.search SearchRequest. */
export interface ListQuery {
  readonly filter?: string;
  readonly sort?: SortSpec;
  readonly projection: Projection;
  readonly count: number;
  /** Index paging (RFC 7644 §3.4.2.4), 1-based; or cursor paging (RFC 9865) when `cursor` is set. */
  readonly page:
    | { readonly kind: 'index'; readonly startIndex: number }
    | { readonly kind: 'cursor'; readonly cursor: string };
}

/** Query parameters as they arrive in a URL. */
export interface RawListQuery {
  readonly filter?: string;
  readonly sortBy?: string;
  readonly sortOrder?: string;
  readonly startIndex?: string;
  readonly count?: string;
  readonly cursor?: string;
  readonly attributes?: string;
  readonly excludedAttributes?: string;
}

export function parseListQuery(raw: RawListQuery): ListQuery {
  const startIndex = integerParam(raw.startIndex, 'startIndex');
  if (raw.cursor !== undefined && startIndex !== undefined) {
    throw ScimError.badRequest('invalidValue', 'Use either "cursor" or "startIndex" paging, not both.');
  }
  const count = integerParam(raw.count, 'count');
  return {
    filter: raw.filter === undefined || raw.filter.trim() === '' ? undefined : raw.filter,
    sort: parseSort(raw.sortBy, raw.sortOrder),
    projection: parseProjection(raw.attributes, raw.excludedAttributes),
    // RFC 7644 §3.4.2.4: a negative count is read as 0, one above the maximum is capped.
    count: Math.min(MAX_PAGE_SIZE, Math.max(0, count ?? DEFAULT_PAGE_SIZE)),
    page:
      raw.cursor === undefined
        ? { kind: 'index', startIndex: Math.max(1, startIndex ?? 1) }
        : { kind: 'cursor', cursor: raw.cursor },
  };
}

/**
 * RFC 7644 §3.4.3: a SearchRequest carries the same parameters in a body, with `attributes`
 * and `excludedAttributes` as arrays and numbers as numbers.
 */
export function parseSearchRequest(body: unknown): ListQuery {
  if (!isJsonObject(body)) {
    throw ScimError.badRequest('invalidSyntax', 'The SearchRequest body must be a JSON object.');
  }
  const request: Record<string, unknown> = body;
  const schemas = request.schemas;
  if (
    !Array.isArray(schemas) ||
    !schemas.some(
      (urn) => typeof urn === 'string' && urn.toLowerCase() === SEARCH_REQUEST_SCHEMA.toLowerCase(),
    )
  ) {
    throw ScimError.badRequest('invalidSyntax', `"schemas" must contain "${SEARCH_REQUEST_SCHEMA}".`);
  }
  return parseListQuery({
    filter: stringMember(request, 'filter'),
    sortBy: stringMember(request, 'sortBy'),
    sortOrder: stringMember(request, 'sortOrder'),
    startIndex: numberMember(request, 'startIndex'),
    count: numberMember(request, 'count'),
    cursor: stringMember(request, 'cursor'),
    attributes: listMember(request, 'attributes'),
    excludedAttributes: listMember(request, 'excludedAttributes'),
  });
}

function parseSort(sortBy: string | undefined, sortOrder: string | undefined): SortSpec | undefined {
  const order = sortOrder?.trim().toLowerCase();
  if (order !== undefined && order !== '' && order !== 'ascending' && order !== 'descending') {
    throw ScimError.badRequest('invalidValue', '"sortOrder" must be "ascending" or "descending".');
  }
  if (sortBy === undefined || sortBy.trim() === '') return undefined;
  const resolved = resolveAttribute(userResourceSchema, sortBy.trim());
  const path = resolved && [resolved.attribute.name, resolved.subAttribute?.name].filter(Boolean).join('.');
  const column = path === undefined || resolved?.isExtension ? undefined : USER_SORT_COLUMNS[path];
  if (path === undefined || column === undefined) {
    const sortable = Object.keys(USER_SORT_COLUMNS).join(', ');
    throw ScimError.badRequest('invalidValue', `"sortBy" must name a sortable attribute: ${sortable}.`);
  }
  return { column, descending: order === 'descending', path };
}

function integerParam(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^-?\d+$/.test(raw.trim())) {
    throw ScimError.badRequest('invalidValue', `"${name}" must be an integer.`);
  }
  // Huge values are still integers: capped or floored by the caller like any other.
  return Number(raw);
}

function stringMember(request: Record<string, unknown>, name: string): string | undefined {
  const value = request[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw ScimError.badRequest('invalidValue', `"${name}" must be a string.`);
  return value;
}

function numberMember(request: Record<string, unknown>, name: string): string | undefined {
  const value = request[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw ScimError.badRequest('invalidValue', `"${name}" must be an integer.`);
  }
  return String(value);
}

function listMember(request: Record<string, unknown>, name: string): string | undefined {
  const value = request[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw ScimError.badRequest('invalidValue', `"${name}" must be an array of attribute names.`);
  }
  return value.join(',');
}
