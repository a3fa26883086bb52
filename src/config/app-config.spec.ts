import { AppConfig, ConfigError, loadConfig, parseDatabaseUrl } from './app-config';

const KEY_32 = 'k'.repeat(32);

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('loadConfig', () => {
  it('should run locally on SQLite with nothing set', () => {
    const expected: AppConfig = {
      port: 3000,
      host: '0.0.0.0',
      logLevel: 'info',
      database: { type: 'sqlite', path: './data/bloomflow.sqlite' },
      provisioningApiKey: undefined,
      adminApiKey: undefined,
      clientId: 'local',
      publicUrl: 'http://localhost:3000',
      tenantUrl: 'http://localhost:3000/api/public/scim',
    };

    expect(loadConfig({})).toEqual(expected);
  });

  it('should read every variable of a production deployment', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: 'postgres://scim:secret@db.internal:5432/bloomflow',
      PROVISIONING_API_KEY: `bfk_${KEY_32}`,
      ADMIN_API_KEY: KEY_32,
      CLIENT_ID: 'acme',
      PUBLIC_URL: 'https://api.acme.bloomflow.com',
    });

    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'warn',
      database: { type: 'postgres', url: 'postgres://scim:secret@db.internal:5432/bloomflow' },
      provisioningApiKey: `bfk_${KEY_32}`,
      adminApiKey: KEY_32,
      clientId: 'acme',
      publicUrl: 'https://api.acme.bloomflow.com',
      tenantUrl: 'https://api.acme.bloomflow.com/api/public/scim',
    });
  });

  interface AcceptedCase {
    readonly name: string;
    readonly env: Readonly<Record<string, string>>;
    readonly expected: Partial<AppConfig>;
  }

  const accepted: readonly AcceptedCase[] = [
    {
      name: 'should default PUBLIC_URL to localhost on PORT',
      env: { PORT: '8443' },
      expected: {
        port: 8443,
        publicUrl: 'http://localhost:8443',
        tenantUrl: 'http://localhost:8443/api/public/scim',
      },
    },
    { name: 'should accept port 0 (any free port)', env: { PORT: '0' }, expected: { port: 0 } },
    { name: 'should accept port 65535', env: { PORT: '65535' }, expected: { port: 65535 } },
    { name: 'should treat a blank PORT as unset', env: { PORT: '  ' }, expected: { port: 3000 } },
    { name: 'should treat a blank HOST as unset', env: { HOST: ' ' }, expected: { host: '0.0.0.0' } },
    { name: 'should trim HOST', env: { HOST: ' ::1 ' }, expected: { host: '::1' } },
    {
      name: 'should read LOG_LEVEL case-insensitively',
      env: { LOG_LEVEL: 'DEBUG' },
      expected: { logLevel: 'debug' },
    },
    { name: 'should trim LOG_LEVEL', env: { LOG_LEVEL: ' silent ' }, expected: { logLevel: 'silent' } },
    {
      name: 'should treat a blank LOG_LEVEL as info',
      env: { LOG_LEVEL: '' },
      expected: { logLevel: 'info' },
    },
    {
      name: 'should treat a blank DATABASE_URL as the SQLite default',
      env: { DATABASE_URL: '  ' },
      expected: { database: { type: 'sqlite', path: './data/bloomflow.sqlite' } },
    },
    {
      name: 'should trim DATABASE_URL',
      env: { DATABASE_URL: ' sqlite:/tmp/scim.db ' },
      expected: { database: { type: 'sqlite', path: '/tmp/scim.db' } },
    },
    {
      name: 'should accept a key of exactly 32 characters',
      env: { PROVISIONING_API_KEY: KEY_32 },
      expected: { provisioningApiKey: KEY_32 },
    },
    {
      name: 'should trim a key',
      env: { ADMIN_API_KEY: `  ${KEY_32}\n` },
      expected: { adminApiKey: KEY_32 },
    },
    {
      name: 'should treat a blank key as unset',
      env: { PROVISIONING_API_KEY: '   ', ADMIN_API_KEY: '' },
      expected: { provisioningApiKey: undefined, adminApiKey: undefined },
    },
    {
      name: 'should accept a CLIENT_ID with inner hyphens',
      env: { CLIENT_ID: 'Acme-Corp-1' },
      expected: { clientId: 'Acme-Corp-1' },
    },
    { name: 'should accept a one-character CLIENT_ID', env: { CLIENT_ID: 'a' }, expected: { clientId: 'a' } },
    {
      name: 'should accept a 63-character CLIENT_ID',
      env: { CLIENT_ID: 'a'.repeat(63) },
      expected: { clientId: 'a'.repeat(63) },
    },
    {
      name: 'should treat a blank CLIENT_ID as local',
      env: { CLIENT_ID: ' ' },
      expected: { clientId: 'local' },
    },
    {
      name: 'should drop a trailing slash from PUBLIC_URL before appending the SCIM path',
      env: { PUBLIC_URL: 'https://api.acme.bloomflow.com/' },
      expected: {
        publicUrl: 'https://api.acme.bloomflow.com',
        tenantUrl: 'https://api.acme.bloomflow.com/api/public/scim',
      },
    },
    {
      name: 'should drop every trailing slash from PUBLIC_URL',
      env: { PUBLIC_URL: 'https://api.acme.bloomflow.com///' },
      expected: {
        publicUrl: 'https://api.acme.bloomflow.com',
        tenantUrl: 'https://api.acme.bloomflow.com/api/public/scim',
      },
    },
    {
      name: 'should keep the path of a PUBLIC_URL behind a reverse proxy',
      env: { PUBLIC_URL: ' https://gateway.example.com/bloomflow/ ' },
      expected: {
        publicUrl: 'https://gateway.example.com/bloomflow',
        tenantUrl: 'https://gateway.example.com/bloomflow/api/public/scim',
      },
    },
    {
      name: 'should keep an explicit port in PUBLIC_URL',
      env: { PORT: '9000', PUBLIC_URL: 'http://scim.local:8080' },
      expected: {
        port: 9000,
        publicUrl: 'http://scim.local:8080',
        tenantUrl: 'http://scim.local:8080/api/public/scim',
      },
    },
  ];

  it.each(accepted)('$name', ({ env, expected }) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  interface RefusedCase {
    readonly name: string;
    readonly env: Readonly<Record<string, string>>;
    readonly message: string;
  }

  const refused: readonly RefusedCase[] = [
    {
      name: 'should refuse a PORT that is not a number',
      env: { PORT: 'http' },
      message: 'Invalid configuration: PORT must be an integer from 0 to 65535, got "http"',
    },
    {
      name: 'should refuse a fractional PORT',
      env: { PORT: '80.5' },
      message: 'Invalid configuration: PORT must be an integer from 0 to 65535, got "80.5"',
    },
    {
      name: 'should refuse a negative PORT',
      env: { PORT: '-1' },
      message: 'Invalid configuration: PORT must be an integer from 0 to 65535, got "-1"',
    },
    {
      name: 'should refuse an ADMIN_API_KEY that cannot travel as a Bearer token',
      env: { ADMIN_API_KEY: `${'k'.repeat(40)} with spaces!` },
      message:
        'Invalid configuration: ADMIN_API_KEY may hold only letters, digits and - . _ ~ + / (then = padding)',
    },
    {
      name: 'should refuse an ADMIN_API_KEY equal to PROVISIONING_API_KEY',
      env: { PROVISIONING_API_KEY: 'k'.repeat(40), ADMIN_API_KEY: 'k'.repeat(40) },
      message: 'Invalid configuration: ADMIN_API_KEY must differ from PROVISIONING_API_KEY',
    },
    {
      name: 'should refuse a PORT written in hexadecimal',
      env: { PORT: '0x50' },
      message: 'Invalid configuration: PORT must be an integer from 0 to 65535, got "0x50"',
    },
    {
      name: 'should refuse a PORT in exponent notation',
      env: { PORT: '1e3' },
      message: 'Invalid configuration: PORT must be an integer from 0 to 65535, got "1e3"',
    },
    {
      name: 'should refuse a PUBLIC_URL with a query string',
      env: { PUBLIC_URL: 'https://api.acme.bloomflow.com/?x=1' },
      message: 'Invalid configuration: PUBLIC_URL must not carry a query string or fragment',
    },
    {
      name: 'should refuse a PORT above 65535',
      env: { PORT: '65536' },
      message: 'Invalid configuration: PORT must be an integer from 0 to 65535, got "65536"',
    },
    {
      name: 'should refuse an unknown LOG_LEVEL',
      env: { LOG_LEVEL: 'verbose' },
      message:
        'Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"',
    },
    {
      name: 'should refuse a DATABASE_URL of another database',
      env: { DATABASE_URL: 'mysql://root@localhost/bloomflow' },
      message: 'Invalid configuration: DATABASE_URL must start with "sqlite:" or "postgres://"',
    },
    {
      name: 'should refuse a bare file path as DATABASE_URL',
      env: { DATABASE_URL: './data/bloomflow.sqlite' },
      message: 'Invalid configuration: DATABASE_URL must start with "sqlite:" or "postgres://"',
    },
    {
      name: 'should refuse a sqlite: DATABASE_URL without a file',
      env: { DATABASE_URL: 'sqlite:' },
      message: 'Invalid configuration: DATABASE_URL names no SQLite file after "sqlite:"',
    },
    {
      name: 'should refuse a postgres:// DATABASE_URL that is not a URL',
      env: { DATABASE_URL: 'postgres://db.internal:99999/bloomflow' },
      message: 'Invalid configuration: DATABASE_URL is not a valid postgres:// URL',
    },
    {
      name: 'should refuse a PROVISIONING_API_KEY shorter than 32 characters',
      env: { PROVISIONING_API_KEY: 'k'.repeat(31) },
      message: 'Invalid configuration: PROVISIONING_API_KEY must be at least 32 characters long',
    },
    {
      name: 'should refuse an ADMIN_API_KEY shorter than 32 characters',
      env: { ADMIN_API_KEY: 'changeme' },
      message: 'Invalid configuration: ADMIN_API_KEY must be at least 32 characters long',
    },
    {
      name: 'should measure a key after trimming it',
      env: { ADMIN_API_KEY: ` ${'k'.repeat(31)} ` },
      message: 'Invalid configuration: ADMIN_API_KEY must be at least 32 characters long',
    },
    {
      name: 'should refuse a CLIENT_ID with an underscore',
      env: { CLIENT_ID: 'acme_corp' },
      message: 'Invalid configuration: CLIENT_ID must be a DNS label: letters, digits and inner hyphens',
    },
    {
      name: 'should refuse a CLIENT_ID with a leading hyphen',
      env: { CLIENT_ID: '-acme' },
      message: 'Invalid configuration: CLIENT_ID must be a DNS label: letters, digits and inner hyphens',
    },
    {
      name: 'should refuse a CLIENT_ID with a trailing hyphen',
      env: { CLIENT_ID: 'acme-' },
      message: 'Invalid configuration: CLIENT_ID must be a DNS label: letters, digits and inner hyphens',
    },
    {
      name: 'should refuse a CLIENT_ID of several labels',
      env: { CLIENT_ID: 'acme.eu' },
      message: 'Invalid configuration: CLIENT_ID must be a DNS label: letters, digits and inner hyphens',
    },
    {
      name: 'should refuse a CLIENT_ID longer than 63 characters',
      env: { CLIENT_ID: 'a'.repeat(64) },
      message: 'Invalid configuration: CLIENT_ID must be a DNS label: letters, digits and inner hyphens',
    },
    {
      name: 'should refuse a relative PUBLIC_URL',
      env: { PUBLIC_URL: 'api.acme.bloomflow.com' },
      message: 'Invalid configuration: PUBLIC_URL is not an absolute URL: "api.acme.bloomflow.com"',
    },
    {
      name: 'should refuse a PUBLIC_URL of another protocol',
      env: { PUBLIC_URL: 'ftp://api.acme.bloomflow.com' },
      message: 'Invalid configuration: PUBLIC_URL must use http or https',
    },
  ];

  it.each(refused)('$name', ({ env, message }) => {
    const error = thrown(() => loadConfig(env));

    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ name: 'ConfigError', message });
  });
});

describe('parseDatabaseUrl', () => {
  interface UrlCase {
    readonly url: string;
    readonly expected: ReturnType<typeof parseDatabaseUrl>;
  }

  const cases: readonly UrlCase[] = [
    { url: 'sqlite:./data/bloomflow.sqlite', expected: { type: 'sqlite', path: './data/bloomflow.sqlite' } },
    { url: 'sqlite:data.db', expected: { type: 'sqlite', path: 'data.db' } },
    { url: 'sqlite:/var/lib/scim.db', expected: { type: 'sqlite', path: '/var/lib/scim.db' } },
    { url: 'sqlite:///var/lib/scim.db', expected: { type: 'sqlite', path: '/var/lib/scim.db' } },
    { url: 'sqlite::memory:', expected: { type: 'sqlite', path: ':memory:' } },
    {
      url: 'postgres://scim:s3cret@localhost:5432/bloomflow',
      expected: { type: 'postgres', url: 'postgres://scim:s3cret@localhost:5432/bloomflow' },
    },
    {
      url: 'postgresql://scim@db/bloomflow?sslmode=require',
      expected: { type: 'postgres', url: 'postgresql://scim@db/bloomflow?sslmode=require' },
    },
  ];

  it.each(cases)('should read $url', ({ url, expected }) => {
    expect(parseDatabaseUrl(url)).toEqual(expected);
  });
});
