import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../support/test-app';
import {
  createUser,
  entraUser,
  expectScimError,
  LIST_RESPONSE_SCHEMA,
  SCIM_CONTENT_TYPE,
  token,
  usersFilterUrl,
} from '../support/scim-fixtures';

describe('SCIM GET /Users queries (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  async function query(filter: string, extra = '') {
    return t.scim({ method: 'GET', url: usersFilterUrl(filter, extra) });
  }

  /** Ids of the Resources of a ListResponse. */
  function ids(body: { Resources: { id: string }[] }): string[] {
    return body.Resources.map((resource) => resource.id);
  }

  describe("Entra's Test Connection", () => {
    it('should answer userName eq "<random guid>" with an empty ListResponse', async () => {
      await createUser(t);

      const response = await query(`userName eq "${randomUUID()}"`);

      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(SCIM_CONTENT_TYPE);
      expect(response.body).toEqual({
        schemas: [LIST_RESPONSE_SCHEMA],
        totalResults: 0,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [],
      });
    });

    it('should accept the filter with spaces encoded as "+"', async () => {
      const response = await t.scim({ method: 'GET', url: `Users?filter=userName+eq+%22${randomUUID()}%22` });

      expect(response.status).toBe(200);
      expect(response.body.totalResults).toBe(0);
    });
  });

  describe('userName eq', () => {
    it.each([
      ['the same case', (u: string) => u],
      ['lower case', (u: string) => u.toLowerCase()],
      ['upper case', (u: string) => u.toUpperCase()],
    ])('should find a user by userName in %s', async (_, spell) => {
      const userName = `Alice.Martin.${token()}@Contoso.com`;
      const created = await createUser(t, entraUser({ userName }));

      const response = await query(`userName eq "${spell(userName)}"`);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1 });
      expect(response.body.Resources).toEqual([expect.objectContaining({ id: created.id, userName })]);
    });

    it.each([
      ['upper-case accents stored, lower case queried', 'ÉLODIE.<t>@EXEMPLE.FR', 'élodie.<t>@exemple.fr'],
      ['lower-case accents stored, upper case queried', 'élodie.<t>@exemple.fr', 'ÉLODIE.<t>@exemple.fr'],
      ['umlauts', 'ÖZGÜR.<t>@BEISPIEL.DE', 'özgür.<t>@beispiel.de'],
      // NFC "é" stored, NFD "e" + U+0301 queried: the same user for a human and for RFC 7643 §2.2.
      ['composed stored, decomposed queried', 'élodie.<t>@exemple.fr', 'e\u0301lodie.<t>@exemple.fr'],
    ])('should find a non-ASCII userName in any case (%s)', async (_, stored, queried) => {
      const suffix = token();
      const userName = stored.replace('<t>', suffix);
      const created = await createUser(
        t,
        entraUser({ userName, emails: [{ type: 'work', value: userName }] }),
      );

      const response = await query(`userName eq "${queried.replace('<t>', suffix)}"`);

      expect(response.body.totalResults).toBe(1);
      expect(ids(response.body)).toEqual([created.id]);
    });

    it.each([
      ['the attribute name in another case', (u: string) => `USERNAME eq "${u}"`],
      ['the operator in another case', (u: string) => `userName EQ "${u}"`],
      [
        'the fully qualified attribute',
        (u: string) => `urn:ietf:params:scim:schemas:core:2.0:User:userName eq "${u}"`,
      ],
    ])('should find a user with %s', async (_, filter) => {
      const created = await createUser(t);

      const response = await query(filter(created.userName as string));

      expect(ids(response.body)).toEqual([created.id]);
    });

    it('should not match a userName that only shares a prefix', async () => {
      const created = await createUser(t);

      const response = await query(`userName eq "${(created.userName as string).slice(0, -4)}"`);

      expect(response.body.totalResults).toBe(0);
    });
  });

  describe('externalId eq', () => {
    it('should find a user by its exact externalId', async () => {
      const externalId = `AbC-${randomUUID()}`;
      const created = await createUser(t, entraUser({ externalId }));

      const response = await query(`externalId eq "${externalId}"`);

      expect(response.body.totalResults).toBe(1);
      expect(response.body.Resources).toEqual([expect.objectContaining({ id: created.id, externalId })]);
    });

    it.each([
      ['lower case', (id: string) => id.toLowerCase()],
      ['upper case', (id: string) => id.toUpperCase()],
    ])('should not find a user by its externalId in %s (caseExact)', async (_, spell) => {
      const externalId = `AbC-${randomUUID()}`;
      await createUser(t, entraUser({ externalId }));

      const response = await query(`externalId eq "${spell(externalId)}"`);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ totalResults: 0, Resources: [] });
    });
  });

  describe('emails[type eq "work"].value eq', () => {
    it.each([
      ['the same case', (e: string) => e],
      ['lower case', (e: string) => e.toLowerCase()],
      ['upper case', (e: string) => e.toUpperCase()],
    ])('should find a user by its work email in %s', async (_, spell) => {
      const email = `Jean.Dupont.${token()}@Contoso.FR`;
      const created = await createUser(
        t,
        entraUser({ userName: email, emails: [{ type: 'work', value: email }] }),
      );

      const response = await query(`emails[type eq "work"].value eq "${spell(email)}"`);

      expect(response.body.totalResults).toBe(1);
      expect(ids(response.body)).toEqual([created.id]);
    });

    it('should find a user whose work email differs from its userName by the email, not the userName', async () => {
      const email = `mail.${token()}@contoso.com`;
      const created = await createUser(t, entraUser({ emails: [{ type: 'work', value: email }] }));

      const byEmail = await query(`emails[type eq "work"].value eq "${email.toUpperCase()}"`);
      const byUserNameAsEmail = await query(
        `emails[type eq "work"].value eq "${created.userName as string}"`,
      );

      expect(ids(byEmail.body)).toEqual([created.id]);
      expect(byUserNameAsEmail.body.totalResults).toBe(0);
    });

    it.each([
      ['another type', (email: string) => `emails[type eq "home"].value eq "${email}"`],
      ['a type that is not "work"', (email: string) => `emails[type ne "work"].value eq "${email}"`],
    ])('should not match the work email through a value filter on %s', async (_, filter) => {
      const created = await createUser(t);

      const response = await query(filter(created.userName as string));

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ totalResults: 0, Resources: [] });
    });

    it('should find a user by the value-filter form emails[type eq "work" and value eq …]', async () => {
      const created = await createUser(t);

      const response = await query(
        `emails[value eq "${(created.userName as string).toUpperCase()}" and type eq "work"]`,
      );

      expect(ids(response.body)).toEqual([created.id]);
    });
  });

  it.each([
    ['userName', (u: { userName: string }) => `userName eq "${u.userName}"`],
    ['externalId', (u: { externalId: string }) => `externalId eq "${u.externalId}"`],
    ['work email', (u: { userName: string }) => `emails[type eq "work"].value eq "${u.userName}"`],
  ])('should leave a deleted user out of a query by %s', async (_, filter) => {
    const created = await createUser(t);
    await t.scim({ method: 'DELETE', url: `Users/${created.id}` });

    const response = await query(filter(created as never));

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it('should leave a deleted user out of the unfiltered list and its total', async () => {
    const before = await t.scim({ method: 'GET', url: 'Users?count=0' });
    const created = await createUser(t);
    await t.scim({ method: 'DELETE', url: `Users/${created.id}` });

    const list = await t.scim({ method: 'GET', url: 'Users?count=200' });
    const after = await t.scim({ method: 'GET', url: 'Users?count=0' });

    expect(after.body.totalResults).toBe(before.body.totalResults);
    expect(ids(list.body)).not.toContain(created.id);
  });

  it('should keep a suspended (active false) user in queries', async () => {
    const created = await createUser(t, entraUser({ active: false }));

    const response = await query(`userName eq "${created.userName as string}"`);

    expect(response.body.Resources).toEqual([expect.objectContaining({ id: created.id, active: false })]);
  });

  it.each([
    ['a missing value', 'userName eq'],
    ['an unterminated string', 'userName eq "alice@contoso.com'],
    ['an unknown operator', 'userName is "alice@contoso.com"'],
    ['an unclosed parenthesis', '(userName eq "alice@contoso.com"'],
    ['a dangling "and"', 'userName eq "alice@contoso.com" and'],
    ['a trailing parenthesis', 'userName eq "alice@contoso.com")'],
    ['an unclosed value filter', 'emails[type eq "work".value eq "alice@contoso.com"'],
    ['a value in place of the attribute', '"alice@contoso.com" eq userName'],
  ])('should refuse a filter with %s with 400 invalidFilter', async (_, filter) => {
    const response = await query(filter);

    expectScimError(response, 400, 'invalidFilter');
  });

  it.each([
    ['count', 'count=ten'],
    ['count', 'count=1.5'],
    ['count', 'count=10abc'],
    ['startIndex', 'startIndex=first'],
    ['startIndex', 'startIndex=2.5'],
  ])('should refuse a non-integer %s (%s) with 400', async (name, parameter) => {
    const response = await t.scim({ method: 'GET', url: `Users?${parameter}` });

    expectScimError(response, 400, 'invalidValue');
    expect(response.body.detail).toContain(name);
  });

  describe('paging (RFC 7644 §3.4.2.4)', () => {
    let maxResults: number;

    beforeAll(async () => {
      const config = await t.scim({ method: 'GET', url: 'ServiceProviderConfig' });
      maxResults = config.body.filter.maxResults;
      // More users than one page may hold, so the server maximum shows.
      const missing =
        maxResults + 7 - (await t.scim({ method: 'GET', url: 'Users?count=0' })).body.totalResults;
      for (let i = 0; i < missing; i += 25) {
        await Promise.all(Array.from({ length: Math.min(25, missing - i) }, () => createUser(t)));
      }
    });

    /** Every id of the list, walked page by page. */
    async function walk(pageSize: number): Promise<{ total: number; ids: string[] }> {
      const all: string[] = [];
      let total = Infinity;
      for (let startIndex = 1; startIndex <= total; startIndex += pageSize) {
        const page = await t.scim({ method: 'GET', url: `Users?startIndex=${startIndex}&count=${pageSize}` });
        total = page.body.totalResults;
        all.push(...ids(page.body));
      }
      return { total, ids: all };
    }

    it('should answer count=0 with the total only', async () => {
      const full = await walk(100);

      const response = await t.scim({ method: 'GET', url: 'Users?count=0' });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        schemas: [LIST_RESPONSE_SCHEMA],
        totalResults: full.total,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [],
      });
    });

    it('should answer count=0 with a filter with the filtered total only', async () => {
      const created = await createUser(t);

      const response = await query(`userName eq "${created.userName as string}"`, '&count=0');

      expect(response.body).toMatchObject({ totalResults: 1, itemsPerPage: 0, Resources: [] });
    });

    it('should walk every user exactly once, page by page', async () => {
      const { total, ids: walked } = await walk(60);

      expect(total).toBeGreaterThan(maxResults);
      expect(walked).toHaveLength(total);
      expect(new Set(walked).size).toBe(total);
    });

    it('should echo startIndex and return count users from there', async () => {
      const { ids: all } = await walk(100);

      const response = await t.scim({ method: 'GET', url: 'Users?startIndex=5&count=3' });

      expect(response.body).toMatchObject({ totalResults: all.length, startIndex: 5, itemsPerPage: 3 });
      expect(ids(response.body)).toEqual(all.slice(4, 7));
    });

    it('should return a short last page', async () => {
      const { total, ids: all } = await walk(100);

      const response = await t.scim({ method: 'GET', url: `Users?startIndex=${total - 1}&count=10` });

      expect(response.body).toMatchObject({ totalResults: total, startIndex: total - 1, itemsPerPage: 2 });
      expect(ids(response.body)).toEqual(all.slice(-2));
    });

    it.each([
      ['maxResults + 1', (max: number) => max + 1],
      ['a large count', () => 100000],
    ])('should cap %s at the advertised maxResults', async (_, count) => {
      const response = await t.scim({ method: 'GET', url: `Users?count=${count(maxResults)}` });

      expect(maxResults).toBe(200);
      expect(response.status).toBe(200);
      expect(response.body.totalResults).toBeGreaterThan(maxResults);
      expect(response.body.itemsPerPage).toBe(maxResults);
      expect(response.body.Resources).toHaveLength(maxResults);
    });

    it('should answer startIndex beyond the end with an empty page and the right total', async () => {
      const { total } = await walk(100);

      const response = await t.scim({ method: 'GET', url: `Users?startIndex=${total + 5}&count=10` });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        schemas: [LIST_RESPONSE_SCHEMA],
        totalResults: total,
        startIndex: total + 5,
        itemsPerPage: 0,
        Resources: [],
      });
    });

    it.each([
      ['startIndex=0', 'startIndex=0&count=2'],
      ['a negative startIndex', 'startIndex=-4&count=2'],
    ])('should read %s as 1', async (_, parameters) => {
      const { ids: all } = await walk(100);

      const response = await t.scim({ method: 'GET', url: `Users?${parameters}` });

      expect(response.body).toMatchObject({ startIndex: 1, itemsPerPage: 2 });
      expect(ids(response.body)).toEqual(all.slice(0, 2));
    });

    it('should read a negative count as 0', async () => {
      const response = await t.scim({ method: 'GET', url: 'Users?count=-3' });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ itemsPerPage: 0, Resources: [] });
      expect(response.body.totalResults).toBeGreaterThan(0);
    });

    it('should page a filtered query', async () => {
      const created = await createUser(t);

      const first = await query(`userName eq "${created.userName as string}"`, '&startIndex=1&count=1');
      const second = await query(`userName eq "${created.userName as string}"`, '&startIndex=2&count=1');

      expect(first.body).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1 });
      expect(second.body).toMatchObject({ totalResults: 1, itemsPerPage: 0, startIndex: 2, Resources: [] });
    });
  });
});
