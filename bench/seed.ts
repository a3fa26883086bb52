import { Client } from 'pg';
import { createHash } from 'node:crypto';

export const BENCH_USERS = Number(process.env.BENCH_USERS ?? 1_000_000);

/** The id of seeded user `n`: md5(n) read as a UUID, so the client can name users without asking. */
export function seededId(n: number): string {
  const hex = createHash('md5').update(String(n)).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const seededUserName = (n: number) => `user${n}@bench.example`;

/** Fills the users table in one statement on the server (seconds, not minutes), once. */
export async function seedUsers(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM users');
    if (Number(rows[0].n) >= BENCH_USERS) return;
    await client.query('TRUNCATE users');
    await client.query(
      `INSERT INTO users (id, user_name, user_name_key, email, email_key, first_name, last_name, external_id,
         suspended, job, location, business_unit, scim_profile, created_by, updated_by, created_at, updated_at, version)
       SELECT md5(i::text)::uuid::text, 'user' || i || '@bench.example', 'user' || i || '@bench.example',
         'user' || i || '@bench.example', 'user' || i || '@bench.example', 'First' || i, 'Last' || i, 'ext-' || i,
         false, 'Engineer', 'Paris', 'R&D',
         json_build_object(
           'active', true,
           'addresses', json_build_array(json_build_object('locality', 'Paris', 'type', 'work')),
           'emails', json_build_array(json_build_object('primary', true, 'type', 'work', 'value', 'user' || i || '@bench.example')),
           'externalId', 'ext-' || i,
           'name', json_build_object('familyName', 'Last' || i, 'givenName', 'First' || i),
           'schemas', json_build_array('urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'),
           'title', 'Engineer',
           'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', json_build_object('department', 'R&D'),
           'userName', 'user' || i || '@bench.example')::text,
         'provisioning:bench', 'provisioning:bench', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1
       FROM generate_series(1, $1::int) AS i`,
      [BENCH_USERS],
    );
    await client.query('ANALYZE users');
  } finally {
    await client.end();
  }
}
