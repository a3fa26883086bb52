/**
 * The only reader of process.env. Everything else receives the typed, validated AppConfig,
 * so a bad value stops start-up with one line naming the variable instead of failing later.
 */
export type DatabaseConfig =
  { readonly type: 'sqlite'; readonly path: string } | { readonly type: 'postgres'; readonly url: string };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  readonly database: DatabaseConfig;
  /** Registered (hashed) at start as a provisioning key, so a deployment can pin a known key. */
  readonly provisioningApiKey: string | undefined;
  readonly adminApiKey: string | undefined;
  readonly clientId: string;
  readonly publicUrl: string;
  /** What Entra's "Tenant URL" field takes: `<PUBLIC_URL>/api/public/scim`. */
  readonly tenantUrl: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
export const SCIM_BASE_PATH = '/api/public/scim';
export const DEFAULT_DATABASE_URL = 'sqlite:./data/bloomflow.sqlite';
const MIN_KEY_LENGTH = 32;

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): AppConfig {
  const port = parsePort(env.PORT);
  const provisioningApiKey = parseKey(env, 'PROVISIONING_API_KEY');
  const adminApiKey = parseKey(env, 'ADMIN_API_KEY');
  // One secret for both would let Entra's key into the admin API.
  if (adminApiKey !== undefined && adminApiKey === provisioningApiKey) {
    throw new ConfigError('ADMIN_API_KEY', 'must differ from PROVISIONING_API_KEY');
  }
  const publicUrl = parsePublicUrl(env.PUBLIC_URL, port);
  return {
    port,
    host: nonEmpty(env, 'HOST') ?? '0.0.0.0',
    logLevel: parseLogLevel(env.LOG_LEVEL),
    database: parseDatabaseUrl(nonEmpty(env, 'DATABASE_URL') ?? DEFAULT_DATABASE_URL),
    provisioningApiKey,
    adminApiKey,
    clientId: parseClientId(env.CLIENT_ID),
    publicUrl,
    tenantUrl: `${publicUrl}${SCIM_BASE_PATH}`,
  };
}

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 3000;
  const port = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || port > 65535) {
    throw new ConfigError('PORT', `must be an integer from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function parseLogLevel(raw: string | undefined): LogLevel {
  const level = (raw?.trim() || 'info').toLowerCase();
  const known = LOG_LEVELS.find((candidate) => candidate === level);
  if (!known) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return known;
}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new ConfigError('DATABASE_URL', 'names no SQLite file after "sqlite:"');
    return { type: 'sqlite', path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { type: 'postgres', url };
  }
  throw new ConfigError('DATABASE_URL', 'must start with "sqlite:" or "postgres://"');
}

function parseKey(env: Env, name: string): string | undefined {
  const key = nonEmpty(env, name);
  if (key !== undefined && key.length < MIN_KEY_LENGTH) {
    throw new ConfigError(name, `must be at least ${MIN_KEY_LENGTH} characters long`);
  }
  // It travels as a Bearer token: RFC 6750 b64token characters only.
  if (key !== undefined && !/^[A-Za-z0-9\-._~+/]+=*$/.test(key)) {
    throw new ConfigError(name, 'may hold only letters, digits and - . _ ~ + / (then = padding)');
  }
  return key;
}

function parseClientId(raw: string | undefined): string {
  const clientId = raw?.trim() || 'local';
  // It becomes a DNS label in the tenant URL (api.<CLIENT_ID>.bloomflow.com).
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(clientId)) {
    throw new ConfigError('CLIENT_ID', 'must be a DNS label: letters, digits and inner hyphens');
  }
  return clientId;
}

function parsePublicUrl(raw: string | undefined, port: number): string {
  const value = raw?.trim() || `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('PUBLIC_URL', `is not an absolute URL: "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('PUBLIC_URL', 'must use http or https');
  }
  // The tenant URL is built by appending a path: a query or fragment would swallow it.
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigError('PUBLIC_URL', 'must not carry a query string or fragment');
  }
  return value.replace(/\/+$/, '');
}
