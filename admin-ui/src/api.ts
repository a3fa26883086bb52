import type {
  AdminErrorBody,
  AdminUserPage,
  AdminUserProfile,
  ApiKeyView,
  CreatedApiKeyView,
  PlatformInfo,
  ProvisioningEventPage,
  RotatedApiKeyView,
} from '../../src/admin/admin-views';

/** Session storage: the key lives as long as the tab, and never in a URL or a cookie. */
const KEY_STORAGE = 'bloomflow.adminKey';
const API_BASE = '/api/admin';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type UserFields = {
  email?: string;
  firstName?: string;
  lastName?: string;
  phone?: string | null;
  job?: string | null;
  location?: string | null;
  businessUnit?: string | null;
  suspended?: boolean;
};

/** The admin API, with the signed-in admin's key. */
export class AdminApi {
  constructor(
    private readonly key: string,
    private readonly onUnauthorized: () => void = () => undefined,
  ) {}

  static storedKey(): string | null {
    return sessionStorage.getItem(KEY_STORAGE);
  }

  static rememberKey(key: string): void {
    sessionStorage.setItem(KEY_STORAGE, key);
  }

  static forgetKey(): void {
    sessionStorage.removeItem(KEY_STORAGE);
  }

  platform(): Promise<PlatformInfo> {
    return this.request('GET', 'platform');
  }

  users(query: URLSearchParams): Promise<AdminUserPage> {
    return this.request('GET', `users?${query.toString()}`);
  }

  user(id: string): Promise<AdminUserProfile> {
    return this.request('GET', `users/${encodeURIComponent(id)}`);
  }

  createUser(fields: UserFields): Promise<AdminUserProfile> {
    return this.request('POST', 'users', fields);
  }

  updateUser(id: string, fields: UserFields): Promise<AdminUserProfile> {
    return this.request('PATCH', `users/${encodeURIComponent(id)}`, fields);
  }

  eraseUser(id: string): Promise<void> {
    return this.request('DELETE', `users/${encodeURIComponent(id)}`);
  }

  apiKeys(): Promise<ApiKeyView[]> {
    return this.request('GET', 'api-keys');
  }

  createApiKey(name: string): Promise<CreatedApiKeyView> {
    return this.request('POST', 'api-keys', { name });
  }

  rotateApiKey(id: string, body: { name?: string; previousExpiresAt?: string }): Promise<RotatedApiKeyView> {
    return this.request('POST', `api-keys/${encodeURIComponent(id)}/rotate`, body);
  }

  revokeApiKey(id: string): Promise<ApiKeyView> {
    return this.request('DELETE', `api-keys/${encodeURIComponent(id)}`);
  }

  events(query: URLSearchParams): Promise<ProvisioningEventPage> {
    return this.request('GET', `provisioning-events?${query.toString()}`);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${API_BASE}/${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.key}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
    if (response.status === 204) return undefined as T;
    const payload = (await response.json().catch(() => null)) as unknown;
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized();
      const error = (payload ?? {}) as Partial<AdminErrorBody>;
      throw new ApiError(
        response.status,
        error.message ?? `The request failed (${response.status}).`,
        error.details,
      );
    }
    return payload as T;
  }
}
