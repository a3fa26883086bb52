import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { AppModule } from '../../src/app.module';
import { InitialApiKey } from '../../src/auth/initial-api-key';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { configureApp, createFastifyAdapter } from '../../src/configure-app';
import { createTestDatabase } from './test-database';

export const TEST_PROVISIONING_KEY = 'bfk_test-provisioning-key-0123456789abcdefghij';
export const TEST_ADMIN_KEY = 'admin-test-key-0123456789abcdefghijklmnop';
export const SCIM = '/api/public/scim';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  /** A request with the provisioning key, JSON body, parsed JSON response. */
  readonly scim: (options: ScimRequest) => Promise<ScimResponse>;
  readonly close: () => Promise<void>;
}

export interface ScimRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Defaults to the test provisioning key; null sends no Authorization header. */
  readonly key?: string | null;
}

export interface ScimResponse {
  readonly status: number;
  readonly headers: LightMyRequestResponse['headers'];
  readonly body: any;
  readonly raw: LightMyRequestResponse;
}

/** The app as main.ts builds it (same module, adapter options and configureApp), on a fresh database. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config: AppConfig = {
    ...loadConfig({
      LOG_LEVEL: 'silent',
      PROVISIONING_API_KEY: TEST_PROVISIONING_KEY,
      ADMIN_API_KEY: TEST_ADMIN_KEY,
      PUBLIC_URL: 'https://api.acme.bloomflow.com',
      CLIENT_ID: 'acme',
      ...env,
    }),
    database: database.config,
  };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forConfig(config)] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), {
    logger: false,
  });
  await configureApp(app, config);
  await app.get(InitialApiKey).ensure(config);
  const scim = async ({ method, url, body, headers = {}, key = TEST_PROVISIONING_KEY }: ScimRequest) => {
    const options: InjectOptions = {
      method,
      url: url.startsWith('/') ? url : `${SCIM}/${url}`,
      headers: {
        ...(key === null ? {} : { authorization: `Bearer ${key}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    };
    const raw = await app.inject(options);
    return { status: raw.statusCode, headers: raw.headers, body: parseBody(raw.body), raw };
  };
  return {
    app,
    config,
    scim,
    close: async () => {
      await app.close();
      await database.dispose();
    },
  };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
