import { randomUUID } from 'node:crypto';
import { UsersService } from '../../src/users/users.service';
import { createTestApp, TestApp } from '../support/test-app';
import { testDatabaseKind } from '../support/test-database';
import {
  createUser,
  entraUser,
  expectScimError,
  resourceIds,
  token,
  userRepository,
  usersFilterUrl,
} from '../support/scim-fixtures';

/** The same address in `count` different spellings of case. */
function caseVariants(address: string, count: number): string[] {
  const letters = [...address]
    .map((char, index) => ({ char, index }))
    .filter(({ char }) => /[a-z]/i.test(char));
  return Array.from({ length: count }, (_, n) => {
    const chars = [...address.toLowerCase()];
    // Bit i of n upper-cases the i-th letter: every variant differs from every other.
    letters.forEach(({ index }, bit) => {
      if (bit < 31 && (n >> bit) & 1) chars[index] = chars[index].toUpperCase();
    });
    return chars.join('');
  });
}

describe(`SCIM /Users uniqueness on ${testDatabaseKind()} (e2e)`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  function usersWhere(filter: string) {
    return t.scim({ method: 'GET', url: usersFilterUrl(filter) });
  }

  describe('POST /Users on an existing user', () => {
    it.each([
      ['upper case', (u: string) => u.toUpperCase()],
      ['lower case', (u: string) => u.toLowerCase()],
      ['the same case', (u: string) => u],
    ])('should answer 409 uniqueness naming userName for a userName taken in %s', async (_, spell) => {
      const existing = await createUser(t, entraUser({ userName: `Taken.${token()}@Contoso.com` }));
      const userName = spell(existing.userName as string);

      const response = await t.scim({
        method: 'POST',
        url: 'Users',
        body: entraUser({ userName, emails: [{ type: 'work', value: `other.${token()}@contoso.com` }] }),
      });
      const found = await usersWhere(`userName eq "${userName}"`);

      expectScimError(response, 409, 'uniqueness');
      expect(response.body.detail).toContain('userName');
      expect(found.body.totalResults).toBe(1);
      expect(found.body.Resources[0].id).toBe(existing.id);
    });

    it('should answer 409 uniqueness naming the work email for a work email taken under another userName', async () => {
      const email = `Shared.${token()}@Contoso.com`;
      const existing = await createUser(t, entraUser({ emails: [{ type: 'work', value: email }] }));
      const sent = email.toUpperCase();

      const response = await t.scim({
        method: 'POST',
        url: 'Users',
        body: entraUser({ emails: [{ type: 'work', value: sent }] }),
      });
      const found = await usersWhere(`emails[type eq "work"].value eq "${sent}"`);

      expectScimError(response, 409, 'uniqueness');
      expect(response.body.detail).toContain('emails');
      expect(response.body.detail).not.toContain('userName');
      expect(found.body.totalResults).toBe(1);
      expect(found.body.Resources[0].id).toBe(existing.id);
    });

    it('should answer 409 uniqueness naming externalId for a duplicate externalId', async () => {
      const existing = await createUser(t);

      const response = await t.scim({
        method: 'POST',
        url: 'Users',
        body: entraUser({ externalId: existing.externalId }),
      });
      const found = await usersWhere(`externalId eq "${existing.externalId as string}"`);

      expectScimError(response, 409, 'uniqueness');
      expect(response.body.detail).toContain('externalId');
      expect(resourceIds(found)).toEqual([existing.id]);
    });

    it.each([
      ['userName', 'userName'],
      ['work email', 'emails'],
    ])(
      'should answer 409 for a %s that differs only by surrounding blanks, findable as sent',
      async (_, attribute) => {
        const taken = `Blank.${token()}@Contoso.com`;
        const existing = await createUser(
          t,
          entraUser({ userName: taken, emails: [{ type: 'work', value: taken }] }),
        );
        const sent = `  ${taken.toLowerCase()} `;
        const body =
          attribute === 'userName'
            ? entraUser({ userName: sent })
            : entraUser({ emails: [{ type: 'work', value: sent }] });
        const filter =
          attribute === 'userName' ? `userName eq "${sent}"` : `emails[type eq "work"].value eq "${sent}"`;

        const response = await t.scim({ method: 'POST', url: 'Users', body });
        const found = await usersWhere(filter);

        expectScimError(response, 409, 'uniqueness');
        expect(response.body.detail).toContain(attribute);
        expect(resourceIds(found)).toEqual([existing.id]);
      },
    );

    it('should answer 409 for the exact same Entra payload sent twice, and keep one user', async () => {
      const body = entraUser();
      const first = await t.scim({ method: 'POST', url: 'Users', body });

      const second = await t.scim({ method: 'POST', url: 'Users', body });

      expect(first.status).toBe(201);
      expectScimError(second, 409, 'uniqueness');
      await expect(userRepository(t).countBy({ externalId: body.externalId as string })).resolves.toBe(1);
    });

    it('should leave the existing user unchanged after a conflicting POST', async () => {
      const existing = await createUser(t);

      await t.scim({
        method: 'POST',
        url: 'Users',
        body: entraUser({
          userName: existing.userName,
          title: 'Intruder',
          name: { givenName: 'X', familyName: 'Y' },
        }),
      });
      const read = await t.scim({ method: 'GET', url: `Users/${existing.id}` });

      expect(read.body).toEqual(existing);
    });
  });

  describe('a user added by hand (no externalId yet)', () => {
    async function addByHand(email: string): Promise<string> {
      const { user } = await t.app.get(UsersService).create(
        {
          userName: email,
          email,
          firstName: 'Hand',
          lastName: 'Made',
          externalId: null,
          suspended: false,
          phone: null,
          job: null,
          location: null,
          businessUnit: null,
          scimProfile: '{}',
        },
        { kind: 'admin', adminId: randomUUID() },
      );
      return user.id;
    }

    it('should be found by Entra\'s userName eq "<email>" in any case', async () => {
      const email = `Hand.Made.${token()}@Contoso.com`;
      const id = await addByHand(email);

      const response = await usersWhere(`userName eq "${email.toUpperCase()}"`);

      expect(response.body.totalResults).toBe(1);
      expect(response.body.Resources[0]).toMatchObject({ id, userName: email, active: true });
      expect(response.body.Resources[0]).not.toHaveProperty('externalId');
    });

    it('should make an Entra POST with its email a 409 whose user the userName filter finds', async () => {
      const email = `hand.${token()}@contoso.com`;
      const id = await addByHand(email);
      const upn = email.toUpperCase();

      const response = await t.scim({
        method: 'POST',
        url: 'Users',
        body: entraUser({ userName: upn, emails: [{ type: 'work', value: upn }] }),
      });
      const found = await usersWhere(`userName eq "${upn}"`);

      expectScimError(response, 409, 'uniqueness');
      expect(resourceIds(found)).toEqual([id]);
    });
  });

  describe('PUT /Users/{id}', () => {
    it.each([
      [
        'userName',
        (other: Record<string, unknown>) => ({ userName: (other.userName as string).toUpperCase() }),
      ],
      ['emails', (other: Record<string, unknown>) => ({ emails: other.emails })],
      ['externalId', (other: Record<string, unknown>) => ({ externalId: other.externalId })],
    ])("should answer 409 uniqueness naming %s when taking another user's", async (attribute, taken) => {
      const other = await createUser(t);
      const user = await createUser(t);

      const response = await t.scim({
        method: 'PUT',
        url: `Users/${user.id}`,
        body: { ...user, ...taken(other) },
      });
      const read = await t.scim({ method: 'GET', url: `Users/${user.id}` });

      expectScimError(response, 409, 'uniqueness');
      expect(response.body.detail).toContain(attribute);
      expect(read.body).toEqual(user);
    });

    it('should let a user change the case of its own userName and email', async () => {
      const user = await createUser(t);
      const upper = (user.userName as string).toUpperCase();

      const response = await t.scim({
        method: 'PUT',
        url: `Users/${user.id}`,
        body: { ...user, userName: upper, emails: [{ type: 'work', value: upper }] },
      });

      expect(response.status).toBe(200);
      expect(response.body.userName).toBe(upper);
    });
  });

  describe('concurrency', () => {
    it('should create exactly one user out of 50 simultaneous POSTs of the same email in different cases', async () => {
      const before = (await t.scim({ method: 'GET', url: 'Users?count=0' })).body.totalResults as number;
      const variants = caseVariants(`race.${token()}@contoso.com`, 50);
      expect(new Set(variants).size).toBe(50);

      const responses = await Promise.all(
        variants.map((email) =>
          t.scim({
            method: 'POST',
            url: 'Users',
            body: entraUser({ userName: email, emails: [{ type: 'work', value: email }] }),
          }),
        ),
      );
      const created = responses.filter((response) => response.status === 201);
      const refused = responses.filter((response) => response.status !== 201);
      const found = await usersWhere(`userName eq "${variants[0]}"`);
      const after = (await t.scim({ method: 'GET', url: 'Users?count=0' })).body.totalResults as number;

      expect(created).toHaveLength(1);
      expect(
        refused.map((response) => [response.status, (response.body as { scimType?: string }).scimType]),
      ).toEqual(Array.from({ length: 49 }, () => [409, 'uniqueness']));
      expect(found.body.totalResults).toBe(1);
      expect(found.body.Resources[0].id).toBe(created[0].body.id);
      expect(after - before).toBe(1);
    });

    it('should create exactly one user out of 50 simultaneous POSTs of one Entra payload', async () => {
      const body = entraUser();

      const responses = await Promise.all(
        Array.from({ length: 50 }, () => t.scim({ method: 'POST', url: 'Users', body })),
      );
      const statuses = responses.map((response) => response.status).sort();

      expect(statuses).toEqual([201, ...Array.from({ length: 49 }, () => 409)]);
      await expect(userRepository(t).countBy({ externalId: body.externalId as string })).resolves.toBe(1);
    });

    it('should bring a deleted user back exactly once out of 20 simultaneous POSTs', async () => {
      const deleted = await createUser(t);
      await t.scim({ method: 'DELETE', url: `Users/${deleted.id}` });
      const variants = caseVariants(deleted.userName as string, 20);

      const responses = await Promise.all(
        variants.map((email) =>
          t.scim({
            method: 'POST',
            url: 'Users',
            body: entraUser({ userName: email, emails: [{ type: 'work', value: email }] }),
          }),
        ),
      );
      const created = responses.filter((response) => response.status === 201);

      expect(created.map((response) => (response.body as { id: string }).id)).toEqual([deleted.id]);
      expect(responses.filter((response) => response.status === 409)).toHaveLength(19);
      await expect(
        userRepository(t)
          .createQueryBuilder('u')
          .where('u.email_key = :key', { key: variants[0].toLowerCase() })
          .getCount(),
      ).resolves.toBe(1);
    });
  });
});
