/**
 * The SQL back end against the in-memory one, on real databases: SQLite always, PostgreSQL when
 * TEST_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/postgres).
 */
import fc from 'fast-check';
import { userResourceSchema } from '../schema/resource-schema';
import { JsonObject } from '../scim-resource';
import { FilterNode } from './ast';
import { compileFilterSql } from './compile-filter-sql';
import { filterPredicate } from './evaluate-filter';
import { foldCase } from './fold-case';
import { formatFilter } from './format-filter';
import { parseFilter } from './parser';
import { ID_POOL, userFilter, userResource } from './testing/filter-arbitraries';
import { openPostgresUserTable, openSqliteUserTable, UserTable, userTableTarget } from './testing/user-table';

const POSTGRES_URL = process.env['TEST_DATABASE_URL'];
// FC_SEED replays a failure printed by an earlier run (see test/support/fast-check-seed.ts).
const SEED = process.env['FC_SEED']
  ? Number(process.env['FC_SEED'])
  : process.env['CI']
    ? 7644
    : Math.floor(Math.random() * 2 ** 31);
const RUNS = 120;

const databases: [string, () => Promise<UserTable>][] = [
  ['SQLite', () => Promise.resolve(openSqliteUserTable())],
];
if (POSTGRES_URL?.startsWith('postgres'))
  databases.push(['PostgreSQL', () => openPostgresUserTable(POSTGRES_URL)]);

const idOf = (user: JsonObject, key: 'id' | 'userName') => {
  const value = user[key];
  if (typeof value !== 'string') throw new Error(`${key} is not a string`);
  return value;
};

/** Distinct ids and userName keys, as the table's unique indexes require. */
const users = fc
  .uniqueArray(userResource, {
    maxLength: 20,
    selector: (user) => foldCase(idOf(user, 'userName')),
  })
  .map((resources) => {
    const externalIds = new Set<unknown>();
    return resources
      .filter(
        (user) =>
          user['externalId'] === undefined ||
          user['externalId'] === null ||
          (!externalIds.has(user['externalId']) && externalIds.add(user['externalId'])),
      )
      .map((user, index): JsonObject => ({ id: ID_POOL[index], ...user }));
  });

const RFC_EXAMPLES = [
  'userName eq "bjensen"',
  'name.familyName co "O\'Malley"',
  'userName sw "J"',
  'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
  'title pr',
  'meta.lastModified gt "2011-05-13T04:42:34Z"',
  'meta.lastModified ge "2011-05-13T04:42:34Z"',
  'meta.lastModified lt "2011-05-13T04:42:34Z"',
  'meta.lastModified le "2011-05-13T04:42:34Z"',
  'title pr and userType eq "Employee"',
  'title pr or userType eq "Intern"',
  'schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"',
  'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
  'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
  'userType eq "Employee" and (emails.type eq "work")',
  'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
  'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
  'emails[type eq "work"].value eq "bjensen@example.com"',
  'externalId eq "0a21f0f2"',
];

/** Users that the RFC examples select and reject. */
const EXAMPLE_USERS: JsonObject[] = [
  {
    id: ID_POOL[0],
    schemas: [
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ],
    userName: 'bjensen',
    externalId: '0a21f0f2',
    name: { familyName: "O'Malley", givenName: 'Barbara' },
    title: 'Tour Guide',
    userType: 'Employee',
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    ims: [{ value: 'babs@foo.com', type: 'xmpp' }],
    meta: { created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z' },
  },
  {
    id: ID_POOL[1],
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'Jane',
    userType: 'Intern',
    emails: [{ value: 'jane@example.org', type: 'home' }],
    meta: { created: '2012-01-23T04:56:22Z', lastModified: '2012-05-13T04:42:34.5+01:00' },
  },
  {
    id: ID_POOL[2],
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'jsmith',
    userType: 'Contractor',
    meta: { created: '2009-01-23T04:56:22Z', lastModified: '2009-05-13T04:42:34Z' },
  },
];

describe.each(databases)('compileFilterSql on %s', (_name, open) => {
  let table: UserTable;

  beforeAll(async () => {
    table = await open();
  });

  afterAll(async () => {
    await table.close();
  });

  /** How many comparisons selected some but not all users: a guard against vacuous generators. */
  const outcomes = { none: 0, some: 0, all: 0 };

  async function expectSameAsMemory(filter: FilterNode, resources: readonly JsonObject[]): Promise<void> {
    const matches = filterPredicate(filter, userResourceSchema);
    const expected = resources
      .filter(matches)
      .map((user) => idOf(user, 'id'))
      .sort();
    const sql = compileFilterSql(filter, userResourceSchema, userTableTarget(table.dialect));
    const actual = (await table.selectIds(sql)).sort();
    outcomes[expected.length === 0 ? 'none' : expected.length === resources.length ? 'all' : 'some']++;
    if (actual.join() !== expected.join()) {
      throw new Error(
        `${formatFilter(filter)}\nSQL: ${sql.where}\nparameters: ${JSON.stringify(sql.parameters)}\nSQL selected ${JSON.stringify(actual)}\nmemory selected ${JSON.stringify(expected)}`,
      );
    }
  }

  describe('RFC 7644 examples', () => {
    beforeAll(async () => {
      await table.replaceUsers(EXAMPLE_USERS);
    });

    it.each(RFC_EXAMPLES)('should select what the evaluator selects for %s', async (filter) => {
      await expectSameAsMemory(parseFilter(filter), EXAMPLE_USERS);
    });

    it("should select the RFC examples' intended users", async () => {
      const select = async (filter: string) =>
        (
          await table.selectIds(
            compileFilterSql(parseFilter(filter), userResourceSchema, userTableTarget(table.dialect)),
          )
        ).sort();
      await expect(select('userName eq "BJENSEN"')).resolves.toEqual([ID_POOL[0]]);
      await expect(select('userName sw "J"')).resolves.toEqual([ID_POOL[1], ID_POOL[2]].sort());
      await expect(select('meta.lastModified gt "2011-05-13T04:42:34Z"')).resolves.toEqual([ID_POOL[1]]);
      await expect(
        select('userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")'),
      ).resolves.toEqual([ID_POOL[2]]);
    });
  });

  it('should select exactly the users the in-memory evaluator selects, for random filters and users', async () => {
    outcomes.none = outcomes.some = outcomes.all = 0;
    console.info(`compileFilterSql property test on ${table.dialect}: seed ${SEED}`);
    await fc.assert(
      fc.asyncProperty(
        users,
        fc.array(userFilter, { minLength: 1, maxLength: 8 }),
        async (resources, filters) => {
          await table.replaceUsers(resources);
          for (const filter of filters) await expectSameAsMemory(filter, resources);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
    const total = outcomes.none + outcomes.some + outcomes.all;
    expect(outcomes.some / total).toBeGreaterThan(0.25);
  });

  it('should fold case in SQL exactly as foldCase does', async () => {
    // Scripts with case (Latin, Greek with final sigma, Cyrillic, Armenian, Georgian, Deseret above
    // U+FFFF), dotted I, ligatures and combining marks. Characters newer than the server's ICU
    // (Unicode 16+) are left out: PostgreSQL 15 with ICU 72 cannot fold them yet.
    const alphabet = [...'AaZzÉéÈßẞİıIiΣσςΟΔΩωДдЖжԱաႠⴀﬃǅǄǆ𐐀𐐨\u0301\u0307 %_\\-'];
    const text = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 8 });
    const samples = fc.sample(text, { seed: SEED, numRuns: 300 });
    await table.replaceUsers([]);
    for (const sample of samples) {
      await expect(table.fold(sample)).resolves.toBe(foldCase(sample));
    }
  });

  describe('index use', () => {
    const sqliteIndex = (index: string, column: string) =>
      new RegExp(`SEARCH u USING (COVERING )?INDEX ${index} \\(${column}=\\?\\)`);
    const postgresIndex = (index: string) =>
      new RegExp(`(Index Scan|Index Only Scan|Bitmap Index Scan) (using|on) ${index}`);
    const plans: [string, RegExp, RegExp][] = [
      [
        'userName eq "BJensen"',
        sqliteIndex('users_user_name_key', 'user_name_key'),
        postgresIndex('users_user_name_key'),
      ],
      [
        'externalId eq "0a21f0f2"',
        sqliteIndex('users_external_id', 'external_id'),
        postgresIndex('users_external_id'),
      ],
      [
        'id eq "00000000-0000-4000-8000-000000000000"',
        sqliteIndex('sqlite_autoindex_users_1', 'id'),
        postgresIndex('users_pkey'),
      ],
      [
        'emails[type eq "Work"].value eq "B@example.com"',
        sqliteIndex('users_work_email_key', 'work_email_key'),
        postgresIndex('users_work_email_key'),
      ],
    ];

    it.each(plans)('should answer %s from an index', async (filter, sqlitePlan, postgresPlan) => {
      await table.replaceUsers(EXAMPLE_USERS);
      const plan = await table.explain(
        compileFilterSql(parseFilter(filter), userResourceSchema, userTableTarget(table.dialect)),
      );
      expect(plan).toMatch(table.dialect === 'sqlite' ? sqlitePlan : postgresPlan);
    });
  });
});
