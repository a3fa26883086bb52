/**
 * A users table in the layout the filter compiler assumes (the persistence layer's is expected to
 * look alike), on SQLite (better-sqlite3, in memory) and PostgreSQL (a throw-away schema).
 */
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { JsonObject, JsonValue } from '../../scim-resource';
import { FilterSql, FilterSqlTarget } from '../compile-filter-sql';
import { canonicalDateTime, parseDateTime } from '../date-time';
import { POSTGRES_FILTER_FUNCTIONS_SQL, registerSqliteFilterFunctions } from '../filter-sql-functions';
import { SqlDialectName } from '../filter-sql-dialect';
import { foldCase } from '../fold-case';
import { ENTERPRISE_URN } from './filter-arbitraries';

export function userTableTarget(dialect: SqlDialectName): FilterSqlTarget {
  return {
    dialect,
    jsonColumn: '"u"."resource"',
    columns: {
      id: { kind: 'uuid', expression: '"u"."id"' },
      userName: { kind: 'string', expression: '"u"."user_name_key"', fold: 'canonical' },
      externalId: { kind: 'string', expression: '"u"."external_id"', fold: 'exact' },
      'name.givenName': { kind: 'string', expression: '"u"."given_name"', fold: 'exact' },
      'emails[type eq "work"].value': {
        kind: 'string',
        expression: '"u"."work_email_key"',
        fold: 'canonical',
      },
      active: { kind: 'boolean', expression: '"u"."suspended"', negate: true },
      'meta.created': { kind: 'dateTime', expression: '"u"."created_at"' },
      [`${ENTERPRISE_URN}:department`]: { kind: 'string', expression: '"u"."department"', fold: 'exact' },
    },
  };
}

const COLUMNS = [
  'id',
  'user_name_key',
  'external_id',
  'given_name',
  'work_email_key',
  'suspended',
  'created_at',
  'department',
  'resource',
] as const;

type Row = Record<(typeof COLUMNS)[number], string | boolean | null>;

const INDEXES = [
  'CREATE UNIQUE INDEX "users_user_name_key" ON "users" ("user_name_key")',
  'CREATE UNIQUE INDEX "users_external_id" ON "users" ("external_id")',
  'CREATE INDEX "users_work_email_key" ON "users" ("work_email_key")',
];

/** What the persistence layer derives from a resource when it stores it. */
export function rowOf(user: JsonObject): Row {
  const text = (value: JsonValue | undefined) => (typeof value === 'string' ? value : null);
  const member = (value: JsonValue | undefined, key: string) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? value[key] : undefined;
  const emails = Array.isArray(user['emails']) ? user['emails'] : [];
  const work = emails.find((email) => {
    const type = member(email, 'type');
    return typeof type === 'string' && foldCase(type) === 'work';
  });
  const workEmail = text(member(work, 'value'));
  const active = user['active'];
  const created = text(member(user['meta'], 'created'));
  return {
    id: text(user['id']),
    user_name_key: foldCase(text(user['userName']) ?? ''),
    external_id: text(user['externalId']),
    given_name: text(member(user['name'], 'givenName')),
    work_email_key: workEmail === null ? null : foldCase(workEmail),
    suspended: typeof active === 'boolean' ? !active : null,
    created_at: created === null ? null : canonicalDateTime(parseDateTime(created)),
    department: text(member(user[ENTERPRISE_URN], 'department')),
    resource: JSON.stringify(user),
  };
}

export interface UserTable {
  readonly dialect: SqlDialectName;
  replaceUsers(users: readonly JsonObject[]): Promise<void>;
  /** Ids of the users selected by the compiled filter, sorted. */
  selectIds(sql: FilterSql): Promise<string[]>;
  /** `scim_fold(text)` as the database computes it. */
  fold(text: string): Promise<string>;
  /** The query plan, as one string. */
  explain(sql: FilterSql): Promise<string>;
  close(): Promise<void>;
}

export function openSqliteUserTable(): UserTable {
  const database = new Database(':memory:');
  registerSqliteFilterFunctions(database);
  database.exec(`CREATE TABLE "users" (
    "id" varchar PRIMARY KEY NOT NULL, "user_name_key" varchar NOT NULL, "external_id" varchar,
    "given_name" varchar, "work_email_key" varchar, "suspended" boolean, "created_at" varchar,
    "department" varchar, "resource" text NOT NULL)`);
  for (const index of INDEXES) database.exec(index);
  const insert = database.prepare(
    `INSERT INTO "users" VALUES (${COLUMNS.map((column) => `@${column}`).join(', ')})`,
  );
  const sqliteRow = (row: Row) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => [key, typeof value === 'boolean' ? Number(value) : value]),
    );
  return {
    dialect: 'sqlite',
    replaceUsers: (users) => {
      database.transaction(() => {
        database.exec('DELETE FROM "users"');
        for (const user of users) insert.run(sqliteRow(rowOf(user)));
      })();
      return Promise.resolve();
    },
    selectIds: ({ where, parameters }) =>
      resolved(
        database
          .prepare<Record<string, string | number>, { id: string }>(
            `SELECT "u"."id" FROM "users" "u" WHERE ${where} ORDER BY "u"."id"`,
          )
          .all(parameters)
          .map((row) => row.id),
      ),
    fold: (text) =>
      resolved(
        database.prepare<[string], { folded: string }>('SELECT scim_fold(?) AS "folded"').get(text)!.folded,
      ),
    explain: ({ where, parameters }) =>
      resolved(
        database
          .prepare<Record<string, string | number>, { detail: string }>(
            `EXPLAIN QUERY PLAN SELECT "u"."id" FROM "users" "u" WHERE ${where}`,
          )
          .all(parameters)
          .map((row) => row.detail)
          .join('\n'),
      ),
    close: () => resolved(database.close()).then(() => undefined),
  };
}

/** better-sqlite3 is synchronous; the table interface is not, for PostgreSQL's sake. */
const resolved = <T>(value: T): Promise<T> => Promise.resolve(value);

/** TypeORM's named parameters, as pg's positional ones. */
function positional({ where, parameters }: FilterSql): { text: string; values: (string | number)[] } {
  const names = Object.keys(parameters);
  const text = where.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => {
    const index = names.indexOf(name);
    return index === -1 ? whole : `$${index + 1}`;
  });
  return { text, values: names.map((name) => parameters[name]) };
}

export async function openPostgresUserTable(url: string): Promise<UserTable> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const schema = `scim_filter_test_${process.pid}_${Date.now()}`;
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.query(`SET search_path TO "${schema}"`);
  await client.query(POSTGRES_FILTER_FUNCTIONS_SQL);
  // Text columns in a linguistic collation, as on a database created with en_US.UTF-8: the
  // compiled orderings must not depend on the server's default collation (C.UTF-8 here).
  const text = 'varchar COLLATE "und-x-icu"';
  await client.query(`CREATE TABLE "users" (
    "id" uuid PRIMARY KEY NOT NULL, "user_name_key" ${text} NOT NULL, "external_id" ${text},
    "given_name" ${text}, "work_email_key" ${text}, "suspended" boolean, "created_at" timestamptz,
    "department" ${text}, "resource" text NOT NULL)`);
  for (const index of INDEXES) await client.query(index);
  return {
    dialect: 'postgres',
    replaceUsers: async (users) => {
      await client.query('TRUNCATE "users"');
      if (users.length === 0) return;
      const rows = users.map(rowOf);
      const values = rows.flatMap((row) => COLUMNS.map((column) => row[column]));
      const tuples = rows.map(
        (_, row) => `(${COLUMNS.map((__, column) => `$${row * COLUMNS.length + column + 1}`).join(', ')})`,
      );
      await client.query(`INSERT INTO "users" VALUES ${tuples.join(', ')}`, values);
    },
    selectIds: async (sql) => {
      const { text, values } = positional(sql);
      const result = await client.query<{ id: string }>(
        `SELECT "u"."id" FROM "users" "u" WHERE ${text} ORDER BY "u"."id"`,
        values,
      );
      return result.rows.map((row) => row.id);
    },
    fold: async (text) =>
      (await client.query<{ folded: string }>('SELECT scim_fold($1) AS "folded"', [text])).rows[0].folded,
    /**
     * With sequential scans priced out, so that a table of a few rows still shows whether the
     * condition can use an index at all (on a million rows the planner needs no such nudge).
     */
    explain: async (sql) => {
      const { text, values } = positional(sql);
      await client.query('SET enable_seqscan = off');
      try {
        const result = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT "u"."id" FROM "users" "u" WHERE ${text}`,
          values,
        );
        return result.rows.map((row) => row['QUERY PLAN']).join('\n');
      } finally {
        await client.query('RESET enable_seqscan');
      }
    },
    close: async () => {
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    },
  };
}
