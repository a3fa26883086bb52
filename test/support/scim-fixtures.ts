import { randomBytes, randomUUID } from 'node:crypto';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { entraExamples } from '../../src/scim/users/entra-examples';
import { UserEntity } from '../../src/users/user.entity';
import type { ScimResponse, TestApp } from './test-app';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_CONTENT_TYPE = /^application\/scim\+json\b/;

/** A short random token, so every test works on its own users and no id is hard-coded. */
export function token(): string {
  return randomBytes(5).toString('hex');
}

type Json = Record<string, unknown>;

/**
 * Entra's create payload (entraExamples.createUser) for a user of its own: the UPN sent as both
 * userName and work email, a fresh objectId as externalId. `overrides` replace top-level attributes.
 */
export function entraUser(overrides: Json = {}): Json {
  const upn = `Test_User_${randomUUID()}@testuser.com`;
  return {
    ...structuredClone(entraExamples.createUser),
    userName: upn,
    externalId: randomUUID(),
    emails: [{ primary: true, type: 'work', value: upn }],
    ...overrides,
  };
}

/** A body without the attribute at `path` (dot-separated, e.g. `name.givenName`). */
export function without(body: Json, path: string): Json {
  const copy = structuredClone(body);
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce<Json>((object, key) => object[key] as Json, copy);
  delete parent[last];
  return copy;
}

/** The work email of a SCIM User body. */
export function workEmail(resource: Json): string | undefined {
  const emails = resource.emails as { type?: string; value?: string }[] | undefined;
  return emails?.find((email) => email.type === 'work')?.value;
}

/** `Users?filter=…` with the filter URL-encoded, as Entra sends it. */
export function usersFilterUrl(filter: string, extra = ''): string {
  return `Users?filter=${encodeURIComponent(filter)}${extra}`;
}

/** The ids of the Resources of a ListResponse, in order. */
export function resourceIds(response: ScimResponse): string[] {
  return (response.body as { Resources: { id: string }[] }).Resources.map((resource) => resource.id);
}

/** POSTs a user and fails loudly unless it is created. */
export async function createUser(t: TestApp, body: Json = entraUser()): Promise<Json & { id: string }> {
  const response = await t.scim({ method: 'POST', url: 'Users', body });
  if (response.status !== 201) {
    throw new Error(`POST /Users answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body as Json & { id: string };
}

/** RFC 7644 §3.12: the error body every failure under the SCIM base must carry. */
export function expectScimError(response: ScimResponse, status: number, scimType?: string): void {
  expect({ status: response.status, contentType: response.headers['content-type'] }).toEqual({
    status,
    contentType: expect.stringMatching(SCIM_CONTENT_TYPE),
  });
  expect(response.body).toEqual({
    schemas: [ERROR_SCHEMA],
    status: String(status),
    ...(scimType === undefined ? {} : { scimType }),
    detail: expect.any(String),
  });
}

/** The users table, deprovisioned users included: what an admin of Bloomflow sees. */
export function userRepository(t: TestApp): Repository<UserEntity> {
  return t.app.get<Repository<UserEntity>>(getRepositoryToken(UserEntity));
}
