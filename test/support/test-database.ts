import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DatabaseConfig, parseDatabaseUrl } from '../../src/config/app-config';

/** A database of its own for one test file, so runs never depend on leftovers. */
export interface TestDatabase {
  readonly config: DatabaseConfig;
  readonly dispose: () => Promise<void>;
}

/**
 * TEST_DATABASE_URL=postgres://… runs the suite on PostgreSQL (a fresh database per file);
 * unset, on an SQLite file in a fresh temporary folder.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl && /^postgres(ql)?:/.test(serverUrl)) return createPostgresDatabase(serverUrl);
  const folder = mkdtempSync(join(tmpdir(), 'bloomflow-test-'));
  return {
    config: parseDatabaseUrl(`sqlite:${join(folder, 'test.sqlite')}`),
    dispose: () => Promise.resolve(rmSync(folder, { recursive: true, force: true })),
  };
}

export function testDatabaseKind(): 'sqlite' | 'postgres' {
  return /^postgres(ql)?:/.test(process.env.TEST_DATABASE_URL ?? '') ? 'postgres' : 'sqlite';
}

async function createPostgresDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `bloomflow_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    config: parseDatabaseUrl(url.toString()),
    dispose: () =>
      withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

async function withClient(url: string, work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
