import { randomUUID } from 'node:crypto';
import { draftFromFields } from '../../src/scim/mapping/user-mapper';
import { UsersService } from '../../src/users/users.service';
import { expectScimError } from '../support/scim-fixtures';
import { createTestApp, TestApp } from '../support/test-app';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const filterUrl = (filter: string) => `Users?filter=${encodeURIComponent(filter)}`;

/**
 * What Microsoft Entra ID does against the tenant URL, in its own words (payloads from
 * Microsoft's SCIM tutorial and known-issues pages): Test Connection, Provision on demand
 * and the sync cycles that follow.
 */
describe('Microsoft Entra provisioning cycle (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('should pass Test Connection: a query for a random userName answers 200 with no resources', async () => {
    const response = await t.scim({ method: 'GET', url: filterUrl(`userName eq "${randomUUID()}"`) });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
      startIndex: 1,
      itemsPerPage: 0,
      Resources: [],
    });
  });

  it('should create, match, update, suspend, restore and deprovision a user as Entra does', async () => {
    const upn = `Adele.Vance.${randomUUID().slice(0, 8)}@contoso.onmicrosoft.com`;
    const objectId = randomUUID();

    // Matching: Entra first looks the user up by the matching attribute.
    const lookup = await t.scim({ method: 'GET', url: filterUrl(`userName eq "${upn}"`) });
    expect(lookup.body.totalResults).toBe(0);

    const created = await t.scim({
      method: 'POST',
      url: 'Users',
      body: {
        schemas: [USER_SCHEMA, ENTERPRISE],
        externalId: objectId,
        userName: upn,
        active: true,
        displayName: 'Adele Vance',
        emails: [{ primary: true, type: 'work', value: upn }],
        meta: { resourceType: 'User' },
        name: { formatted: 'Adele Vance', familyName: 'Vance', givenName: 'Adele' },
        title: 'Retail Manager',
        preferredLanguage: 'en-US',
        phoneNumbers: [{ type: 'work', value: '+1 425 555 0109' }],
        addresses: [{ type: 'work', locality: 'Bellevue', country: 'US' }],
        [ENTERPRISE]: { department: 'Retail', employeeNumber: '1027' },
        roles: [],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    // Next cycle: found by userName in another case, and by externalId.
    const byUserName = await t.scim({ method: 'GET', url: filterUrl(`userName eq "${upn.toUpperCase()}"`) });
    const byExternalId = await t.scim({ method: 'GET', url: filterUrl(`externalId eq "${objectId}"`) });
    expect(byUserName.body.Resources.map((user: { id: string }) => user.id)).toEqual([id]);
    expect(byExternalId.body.Resources.map((user: { id: string }) => user.id)).toEqual([id]);

    // "Update User [Multi-valued properties]" and a path-less replace (aadOptscim062020).
    const updated = await t.scim({
      method: 'PATCH',
      url: `Users/${id}`,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'emails[type eq "work"].value', value: `adele.vance@contoso.com` },
          { op: 'Replace', path: 'name.familyName', value: 'Vance-Smith' },
          { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Sales' },
          {
            op: 'replace',
            value: { title: 'Sales Lead', 'phoneNumbers[type eq "work"].value': '+1 425 555 0110' },
          },
        ],
      },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      emails: [expect.objectContaining({ type: 'work', value: 'adele.vance@contoso.com' })],
      name: { familyName: 'Vance-Smith', givenName: 'Adele' },
      title: 'Sales Lead',
      phoneNumbers: [{ type: 'work', value: '+1 425 555 0110' }],
      [ENTERPRISE]: { department: 'Sales', employeeNumber: '1027' },
      displayName: 'Adele Vance',
      preferredLanguage: 'en-US',
    });
    const bloomflow = await t.app.get(UsersService).getProvisioned(id);
    expect(bloomflow).toMatchObject({
      email: 'adele.vance@contoso.com',
      lastName: 'Vance-Smith',
      job: 'Sales Lead',
      phone: '+1 425 555 0110',
      location: 'Bellevue',
      businessUnit: 'Sales',
      createdBy: 'provisioning:configured',
      updatedBy: 'provisioning:configured',
    });

    // "Disable User", as Entra sends it by default: a string boolean.
    const disabled = await t.scim({
      method: 'PATCH',
      url: `Users/${id}`,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
    });
    expect(disabled.body.active).toBe(false);
    expect(await t.app.get(UsersService).getProvisioned(id)).toMatchObject({ suspended: true });
    const stillListed = await t.scim({ method: 'GET', url: filterUrl(`userName eq "${upn}"`) });
    expect(stillListed.body.Resources).toEqual([expect.objectContaining({ id, active: false })]);

    // Re-enabled with aadOptscim062020's path-less form and a real boolean.
    const restored = await t.scim({
      method: 'PATCH',
      url: `Users/${id}`,
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: true } }] },
    });
    expect(restored.body.active).toBe(true);

    // Unassigned from the app: deprovisioned, out of SCIM, kept in Bloomflow.
    const deleted = await t.scim({ method: 'DELETE', url: `Users/${id}` });
    expect(deleted.status).toBe(204);
    expectScimError(await t.scim({ method: 'GET', url: `Users/${id}` }), 404);
    const gone = await t.scim({ method: 'GET', url: filterUrl(`userName eq "${upn}"`) });
    expect(gone.body.totalResults).toBe(0);
    expect(await t.app.get(UsersService).findProvisioned(id)).toBeNull();
  });

  it('should let Entra find a user added by hand by userName in any case and link it with a PATCH', async () => {
    const email = `Megan.Bowen.${randomUUID().slice(0, 8)}@contoso.com`;
    const { user: manual } = await t.app.get(UsersService).create(
      draftFromFields({
        userName: email,
        email,
        firstName: 'Megan',
        lastName: 'Bowen',
        externalId: null,
        suspended: false,
        phone: null,
        job: null,
        location: null,
        businessUnit: null,
      }),
      { kind: 'admin', adminId: 'alice' },
    );

    const found = await t.scim({ method: 'GET', url: filterUrl(`userName eq "${email.toLowerCase()}"`) });
    expect(found.body.Resources).toEqual([expect.objectContaining({ id: manual.id, userName: email })]);

    const objectId = randomUUID();
    const linked = await t.scim({
      method: 'PATCH',
      url: `Users/${manual.id}`,
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Add', path: 'externalId', value: objectId },
          { op: 'Replace', path: 'title', value: 'Marketing Manager' },
        ],
      },
    });
    expect(linked.status).toBe(200);
    expect(await t.app.get(UsersService).getProvisioned(manual.id)).toMatchObject({
      externalId: objectId,
      job: 'Marketing Manager',
      createdBy: 'admin:alice',
      updatedBy: 'provisioning:configured',
    });
    // A POST of the same person is a conflict Entra can resolve by the same query.
    const duplicate = await t.scim({
      method: 'POST',
      url: 'Users',
      body: {
        schemas: [USER_SCHEMA],
        userName: email.toUpperCase(),
        externalId: randomUUID(),
        emails: [{ type: 'work', value: email }],
        name: { givenName: 'Megan', familyName: 'Bowen' },
      },
    });
    expectScimError(duplicate, 409, 'uniqueness');
  });
});
