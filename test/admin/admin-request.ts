import type { InjectOptions } from 'fastify';
import { TEST_ADMIN_KEY, TestApp } from '../support/test-app';

export const ADMIN = '/api/admin';

export interface AdminRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to /api/admin, e.g. `users?search=jo`. */
  readonly url: string;
  readonly body?: unknown;
  /** Defaults to the test admin key; null sends no Authorization header. */
  readonly key?: string | null;
}

export interface AdminResponse<T = any> {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  /** Parsed JSON; T when the test knows the route's view type. */
  readonly body: T;
}

/** A JSON request to the admin API, as the admin page sends it. */
export async function admin<T = any>(
  t: TestApp,
  { method, url, body, key = TEST_ADMIN_KEY }: AdminRequest,
): Promise<AdminResponse<T>> {
  const options: InjectOptions = {
    method,
    url: `${ADMIN}/${url}`,
    headers: {
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  };
  const raw = await t.app.inject(options);
  return {
    status: raw.statusCode,
    headers: raw.headers,
    body: raw.body === '' ? undefined : JSON.parse(raw.body),
  };
}

/** An admin error body: the status, its name and a message (matched by `message`). */
export function adminError(statusCode: number, message: string | RegExp = /./): object {
  return {
    statusCode,
    error: expect.any(String),
    message: typeof message === 'string' ? message : expect.stringMatching(message),
  };
}
