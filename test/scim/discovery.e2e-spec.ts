import { createTestApp, TestApp } from '../support/test-app';
import {
  createUser,
  ENTERPRISE_SCHEMA,
  expectScimError,
  LIST_RESPONSE_SCHEMA,
  resourceIds,
  SCIM_CONTENT_TYPE,
  USER_SCHEMA,
} from '../support/scim-fixtures';

const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';

interface Attribute {
  name: string;
  type: string;
  required?: boolean;
  caseExact?: boolean;
  uniqueness?: string;
  subAttributes?: Attribute[];
}

function attributeNamed(attributes: Attribute[], name: string): Attribute | undefined {
  return attributes.find((attribute) => attribute.name === name);
}

describe('SCIM discovery endpoints (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it.each([
    'ServiceProviderConfig',
    'Schemas',
    `Schemas/${USER_SCHEMA}`,
    'ResourceTypes',
    'ResourceTypes/User',
  ])('should serve %s as application/scim+json', async (path) => {
    const response = await t.scim({ method: 'GET', url: path });

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(SCIM_CONTENT_TYPE);
  });

  describe('GET /ServiceProviderConfig', () => {
    it('should describe patch, bulk, filter, etag and the bearer scheme', async () => {
      const response = await t.scim({ method: 'GET', url: 'ServiceProviderConfig' });

      expect(response.body).toMatchObject({
        schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
        patch: { supported: true },
        bulk: { supported: false },
        filter: { supported: true, maxResults: expect.any(Number) },
        changePassword: { supported: false },
        etag: { supported: true },
        meta: {
          resourceType: 'ServiceProviderConfig',
          location: `${t.config.tenantUrl}/ServiceProviderConfig`,
        },
      });
      expect(response.body.filter.maxResults).toBeGreaterThan(0);
      expect(response.body.authenticationSchemes).toEqual([
        expect.objectContaining({
          type: 'oauthbearertoken',
          name: expect.any(String),
          description: expect.any(String),
        }),
      ]);
    });

    it('should keep its etag claim: users carry an ETag that If-None-Match honours', async () => {
      const config = await t.scim({ method: 'GET', url: 'ServiceProviderConfig' });
      const user = await createUser(t);

      const read = await t.scim({ method: 'GET', url: `Users/${user.id}` });
      const again = await t.scim({
        method: 'GET',
        url: `Users/${user.id}`,
        headers: { 'if-none-match': read.headers.etag as string },
      });

      expect(config.body.etag.supported).toBe(true);
      expect(read.headers.etag).toEqual(expect.any(String));
      expect(again.status).toBe(304);
    });

    it('should advertise no id, since it is a singleton', async () => {
      const response = await t.scim({ method: 'GET', url: 'ServiceProviderConfig' });

      expect(response.body).not.toHaveProperty('id');
    });
  });

  describe('GET /Schemas', () => {
    it('should list the User schema and its enterprise extension in a ListResponse', async () => {
      const response = await t.scim({ method: 'GET', url: 'Schemas' });

      expect(response.body).toMatchObject({
        schemas: [LIST_RESPONSE_SCHEMA],
        totalResults: 2,
        startIndex: 1,
        itemsPerPage: 2,
      });
      expect(resourceIds(response).sort()).toEqual([USER_SCHEMA, ENTERPRISE_SCHEMA].sort());
      for (const schema of response.body.Resources as { id: string }[]) {
        expect(schema).toMatchObject({
          schemas: [SCHEMA_SCHEMA],
          name: expect.any(String),
          attributes: expect.any(Array),
          meta: { resourceType: 'Schema', location: `${t.config.tenantUrl}/Schemas/${schema.id}` },
        });
      }
    });

    it.each([
      ['User', USER_SCHEMA],
      ['EnterpriseUser', ENTERPRISE_SCHEMA],
    ])('should serve the %s schema by its URN, as listed', async (name, urn) => {
      const list = await t.scim({ method: 'GET', url: 'Schemas' });

      const response = await t.scim({ method: 'GET', url: `Schemas/${urn}` });
      const listed = (list.body.Resources as { id: string }[]).find((schema) => schema.id === urn);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: urn, name });
      expect(response.body).toEqual(listed);
    });

    it("should describe every attribute of the guide's mapping", async () => {
      const user = await t.scim({ method: 'GET', url: `Schemas/${USER_SCHEMA}` });
      const enterprise = await t.scim({ method: 'GET', url: `Schemas/${ENTERPRISE_SCHEMA}` });
      const attributes: Attribute[] = user.body.attributes;

      expect(attributeNamed(attributes, 'userName')).toMatchObject({
        type: 'string',
        required: true,
        caseExact: false,
        uniqueness: 'server',
      });
      for (const [name, sub] of [
        ['name', 'givenName'],
        ['name', 'familyName'],
        ['emails', 'value'],
        ['emails', 'type'],
        ['phoneNumbers', 'value'],
        ['addresses', 'locality'],
      ]) {
        expect(attributeNamed(attributeNamed(attributes, name)?.subAttributes ?? [], sub)).toBeDefined();
      }
      expect(attributeNamed(attributes, 'active')).toMatchObject({ type: 'boolean' });
      expect(attributeNamed(attributes, 'title')).toMatchObject({ type: 'string' });
      expect(attributeNamed(enterprise.body.attributes, 'department')).toMatchObject({ type: 'string' });
    });

    it.each([
      ['a schema not served here', 'urn:ietf:params:scim:schemas:core:2.0:Group'],
      ['an unknown URN', 'urn:example:schemas:nope'],
      ['a bare word', 'nope'],
    ])('should answer %s with a 404 SCIM error', async (_, id) => {
      const response = await t.scim({ method: 'GET', url: `Schemas/${encodeURIComponent(id)}` });

      expectScimError(response, 404);
    });
  });

  describe('GET /ResourceTypes', () => {
    const userResourceType = () => ({
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      schema: USER_SCHEMA,
      schemaExtensions: [{ schema: ENTERPRISE_SCHEMA, required: false }],
      meta: { resourceType: 'ResourceType', location: `${t.config.tenantUrl}/ResourceTypes/User` },
    });

    it('should list the User resource type in a ListResponse', async () => {
      const response = await t.scim({ method: 'GET', url: 'ResourceTypes' });

      expect(response.body).toMatchObject({
        schemas: [LIST_RESPONSE_SCHEMA],
        totalResults: 1,
        startIndex: 1,
        itemsPerPage: 1,
        Resources: [userResourceType()],
      });
    });

    it('should serve the User resource type with the enterprise extension', async () => {
      const response = await t.scim({ method: 'GET', url: 'ResourceTypes/User' });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject(userResourceType());
    });

    it('should answer an unknown resource type with a 404 SCIM error', async () => {
      const response = await t.scim({ method: 'GET', url: 'ResourceTypes/Group' });

      expectScimError(response, 404);
    });
  });

  it.each(['Schemas', 'ResourceTypes'])(
    'should refuse a filter on /%s with a 403 SCIM error',
    async (path) => {
      const response = await t.scim({
        method: 'GET',
        url: `${path}?filter=${encodeURIComponent('id eq "User"')}`,
      });

      expectScimError(response, 403);
    },
  );
});
