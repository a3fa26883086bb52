/**
 * Request bodies as Microsoft Entra ID sends them, from Microsoft's "Tutorial: Develop and plan
 * provisioning for a SCIM endpoint" and "Known issues and resolutions with SCIM 2.0 protocol
 * compliance". Shown in Swagger and replayed by the e2e tests.
 */
export const entraExamples = {
  createUser: {
    schemas: [
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ],
    externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
    userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@testuser.com',
    active: true,
    emails: [
      { primary: true, type: 'work', value: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@testuser.com' },
    ],
    meta: { resourceType: 'User' },
    name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    title: 'Product Manager',
    phoneNumbers: [{ type: 'work', value: '+33 1 23 45 67 89' }],
    addresses: [{ type: 'work', locality: 'Paris', country: 'FR' }],
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Innovation' },
    roles: [],
  },
  /** "Update User [Multi-valued properties]". */
  patchAttributes: {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
    ],
  },
  /** "Disable User", in Entra's default dialect: a string boolean. */
  patchDisable: {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
  },
  /** RFC 7644 §3.4.3: the query in a body keeps emails out of URLs and logs. */
  searchRequest: {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
    filter: 'userName eq "alice@contoso.com"',
    attributes: ['userName', 'emails', 'name'],
    startIndex: 1,
    count: 10,
  },
} as const;
