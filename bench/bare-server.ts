import Fastify from 'fastify';
import { Pool } from 'pg';

/**
 * The yardstick: the same four Entra hot paths as a bare Fastify + pg handler, one query each,
 * no framework, no auth, no validation. The service must reach 0.6 x its throughput.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });
app.addContentTypeParser(
  'application/scim+json',
  { parseAs: 'string' },
  app.getDefaultJsonParser('error', 'error'),
);

const COLUMNS =
  'id, user_name, email, first_name, last_name, external_id, suspended, job, scim_profile, version';
interface Row {
  id: string;
  user_name: string;
  scim_profile: string;
  version: number;
}
const resource = (row: Row) => ({
  ...(JSON.parse(row.scim_profile) as object),
  id: row.id,
  meta: { version: `W/"${row.version}"` },
});

app.get<{ Querystring: { filter?: string } }>('/api/public/scim/Users', async (request) => {
  const userName = /^userName eq "(.*)"$/.exec(request.query.filter ?? '')?.[1] ?? '';
  const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM users WHERE user_name_key = $1`, [
    userName.toLowerCase(),
  ]);
  return { totalResults: rows.length, Resources: rows.map(resource) };
});

app.get<{ Params: { id: string } }>('/api/public/scim/Users/:id', async (request, reply) => {
  const { rows } = await pool.query<Row>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [request.params.id]);
  return rows[0] ? resource(rows[0]) : reply.status(404).send({ status: '404' });
});

interface Body {
  userName: string;
  externalId: string;
  name: { givenName: string; familyName: string };
}
app.post<{ Body: Body }>('/api/public/scim/Users', async (request, reply) => {
  const body = request.body;
  const now = new Date().toISOString();
  const { rows } = await pool.query<Row>(
    `INSERT INTO users (id, user_name, user_name_key, email, email_key, first_name, last_name, external_id, scim_profile,
       created_by, updated_by, created_at, updated_at)
     VALUES (gen_random_uuid()::text, $1::text, lower($1::text), $1::text, lower($1::text), $2, $3, $4, $5, 'bare', 'bare', $6, $6) RETURNING ${COLUMNS}`,
    [body.userName, body.name.givenName, body.name.familyName, body.externalId, JSON.stringify(body), now],
  );
  return reply.status(201).send(resource(rows[0]));
});

app.patch<{ Params: { id: string }; Body: { Operations: { value: string }[] } }>(
  '/api/public/scim/Users/:id',
  async (request) => {
    const { rows } = await pool.query<Row>(
      `UPDATE users SET job = $2, version = version + 1, updated_at = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
      [request.params.id, request.body.Operations[0].value, new Date().toISOString()],
    );
    return resource(rows[0]);
  },
);

void app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
