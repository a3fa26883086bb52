import { randomUUID } from 'node:crypto';
import { ENTERPRISE_SCHEMA, resourceIds, USER_SCHEMA } from './scim-fixtures';
import type { ScimResponse, TestApp } from './test-app';

export const SEARCH_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

type Json = Record<string, unknown>;

/** Query parameters of GET /Users; undefined ones are left out, empty ones (`cursor=`) kept. */
export type QueryParams = Readonly<Record<string, string | number | undefined>>;

/**
 * A User body with what Bloomflow requires (userName, work email, given and family name,
 * externalId) and nothing else; `attributes` replace or add top-level attributes.
 */
export function userBody(userName: string, attributes: Json = {}): Json {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
    userName,
    externalId: randomUUID(),
    name: { givenName: 'Given', familyName: 'Family' },
    emails: [{ type: 'work', value: userName, primary: true }],
    ...attributes,
  };
}

/** `Users?…` with every parameter URL-encoded, in the order given. */
export function usersUrl(params: QueryParams, path = 'Users'): string {
  const query = Object.entries(params)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');
  return query === '' ? path : `${path}?${query}`;
}

/** A PatchOp that sets one attribute: enough to move meta.lastModified and the version. */
export function patchSetting(path: string, value: unknown): Json {
  return { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', path, value }] };
}

/** GET /Users, failing loudly on anything but a 200. */
export async function listUsers(t: TestApp, params: QueryParams): Promise<ScimResponse> {
  const response = await t.scim({ method: 'GET', url: usersUrl(params) });
  if (response.status !== 200) {
    throw new Error(`GET ${usersUrl(params)} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response;
}

/** RFC 7644 §3.4.2.4: the ids of every page of `pageSize` from startIndex 1, concatenated. */
export async function walkByIndex(t: TestApp, params: QueryParams, pageSize: number): Promise<string[]> {
  const ids: string[] = [];
  for (let startIndex = 1, total = Infinity; startIndex <= total; startIndex += pageSize) {
    const page = await listUsers(t, { ...params, startIndex, count: pageSize });
    total = page.body.totalResults;
    ids.push(...resourceIds(page));
  }
  return ids;
}

/** RFC 9865: one cursor page, as its ids and the response. */
export interface CursorPage {
  readonly ids: string[];
  readonly response: ScimResponse;
}

/** The most pages a walk follows: a cursor that loops must fail the test, not hang it. */
const MAX_WALK = 100;

/**
 * Follows `nextCursor` (or `previousCursor`) from `cursor` until the server stops offering one;
 * returns every page in the order it was served, the first included.
 */
export async function walkByCursor(
  t: TestApp,
  params: QueryParams,
  link: 'nextCursor' | 'previousCursor' = 'nextCursor',
  cursor = '',
): Promise<CursorPage[]> {
  const pages: CursorPage[] = [];
  for (let next: string | undefined = cursor; next !== undefined;) {
    if (pages.length === MAX_WALK) throw new Error(`${link} still offered after ${MAX_WALK} pages`);
    const response = await listUsers(t, { ...params, cursor: next });
    pages.push({ ids: resourceIds(response), response });
    next = response.body[link];
  }
  return pages;
}

/** The SCIM case folding of caseExact=false strings (RFC 7643 §2.2): NFC, then lower case. */
export function fold(value: string): string {
  return value.normalize('NFC').toLowerCase();
}

/** Orders strings by Unicode code point, as the databases compare text. */
export function byCodePoint(left: string, right: string): number {
  const a = Array.from(left, (char) => char.codePointAt(0) ?? 0);
  const b = Array.from(right, (char) => char.codePointAt(0) ?? 0);
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    if (a[index] !== b[index]) return a[index] < b[index] ? -1 : 1;
  }
  return Math.sign(a.length - b.length);
}
