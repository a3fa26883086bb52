import { ScimError } from '../errors/scim-error';
import { userResourceSchema } from '../schema/resource-schema';
import { JsonObject } from '../scim-resource';
import { applyPatch } from './apply-patch';
import { normalizePatchRequest } from './normalize-patch-request';
import { deepFreeze, enterpriseUser, patchBody, tutorialUser } from './patch-test-fixtures';

/** Every way a PATCH fails, with the exact status, scimType and message the client gets. */
interface ErrorCase {
  readonly name: string;
  readonly operations: readonly JsonObject[];
  readonly scimType: string;
  readonly detail: string;
}

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const cases: readonly ErrorCase[] = [
  // RFC 7644 §3.5.2.2: remove without a path.
  {
    name: 'should refuse a remove without path',
    operations: [{ op: 'remove' }],
    scimType: 'noTarget',
    detail: 'Operations[0] (remove): "remove" needs a "path" naming what to remove (RFC 7644 §3.5.2.2).',
  },
  // RFC 7644 §3.5.2.2: required attributes cannot become unassigned.
  {
    name: 'should refuse removing userName',
    operations: [{ op: 'Remove', path: 'userName' }],
    scimType: 'mutability',
    detail:
      'Operations[0] (remove "userName"): "userName" is required and cannot be removed or emptied (RFC 7644 §3.5.2.2).',
  },
  {
    name: 'should refuse emptying userName with ""',
    operations: [{ op: 'Replace', path: 'userName', value: '' }],
    scimType: 'mutability',
    detail:
      'Operations[0] (replace "userName"): "userName" is required and cannot be removed or emptied (RFC 7644 §3.5.2.2).',
  },
  {
    name: 'should refuse emptying userName in a path-less replace',
    operations: [{ op: 'replace', value: { userName: null } }],
    scimType: 'mutability',
    detail:
      'Operations[0] (replace): "userName" is required and cannot be removed or emptied (RFC 7644 §3.5.2.2).',
  },
  // RFC 7644 §3.5.2: read-only attributes.
  {
    name: 'should refuse replacing id',
    operations: [{ op: 'replace', path: 'id', value: 'other' }],
    scimType: 'mutability',
    detail: 'Operations[0] (replace "id"): "id" is read-only and cannot be modified (RFC 7643 §2.2).',
  },
  {
    name: 'should refuse replacing meta.created',
    operations: [{ op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' }],
    scimType: 'mutability',
    detail:
      'Operations[0] (replace "meta.created"): "meta" is read-only and cannot be modified (RFC 7643 §2.2).',
  },
  {
    name: 'should refuse removing meta',
    operations: [{ op: 'remove', path: 'meta' }],
    scimType: 'mutability',
    detail: 'Operations[0] (remove "meta"): "meta" is read-only and cannot be modified (RFC 7643 §2.2).',
  },
  {
    name: 'should refuse adding groups',
    operations: [{ op: 'add', path: 'groups', value: [{ value: 'g1' }] }],
    scimType: 'mutability',
    detail: 'Operations[0] (add "groups"): "groups" is read-only and cannot be modified (RFC 7643 §2.2).',
  },
  {
    name: 'should refuse id inside a path-less replace',
    operations: [{ op: 'replace', value: { displayName: 'x', id: 'other' } }],
    scimType: 'mutability',
    detail: 'Operations[0] (replace): "id" is read-only and cannot be modified (RFC 7643 §2.2).',
  },
  {
    name: "should refuse writing the manager's read-only displayName",
    operations: [{ op: 'add', path: `${ENTERPRISE}:manager`, value: { value: 'm1', displayName: 'Boss' } }],
    scimType: 'mutability',
    detail: `Operations[0] (add "${ENTERPRISE}:manager"): "manager.displayName" is read-only and cannot be modified (RFC 7643 §2.2).`,
  },
  // Bad paths.
  {
    name: 'should refuse an unknown attribute',
    operations: [{ op: 'replace', path: 'favouriteColour', value: 'blue' }],
    scimType: 'invalidPath',
    detail:
      'Operations[0] (replace "favouriteColour"): Path "favouriteColour": unknown attribute "favouriteColour".',
  },
  {
    name: 'should refuse an unknown sub-attribute',
    operations: [{ op: 'replace', path: 'name.nickname', value: 'Babs' }],
    scimType: 'invalidPath',
    detail:
      'Operations[0] (replace "name.nickname"): Path "name.nickname": "name" has no sub-attribute "nickname".',
  },
  {
    name: 'should refuse a sub-attribute of a simple attribute',
    operations: [{ op: 'replace', path: 'title.value', value: 'x' }],
    scimType: 'invalidPath',
    detail:
      'Operations[0] (replace "title.value"): Path "title.value": "title" has no sub-attribute "value".',
  },
  {
    name: 'should refuse an unknown schema URN',
    operations: [{ op: 'replace', path: 'urn:example:params:scim:schemas:custom:2.0:User:tag', value: 'x' }],
    scimType: 'invalidPath',
    detail:
      'Operations[0] (replace "urn:example:params:scim:schemas:custom:2.0:User:tag"): Path "urn:example:params:scim:schemas:custom:2.0:User:tag": unknown schema "urn:example:params:scim:schemas:custom:2.0:User".',
  },
  {
    name: 'should refuse an unknown key in a path-less value',
    operations: [{ op: 'replace', value: { 'name.givenName': 'A', shoeSize: '44' } }],
    scimType: 'invalidPath',
    detail: 'Operations[0] (replace): Path "shoeSize": unknown attribute "shoeSize".',
  },
  {
    name: 'should refuse a value filter on a single-valued attribute',
    operations: [{ op: 'replace', path: 'name[givenName eq "A"].familyName', value: 'B' }],
    scimType: 'invalidPath',
    detail:
      'Operations[0] (replace "name[givenName eq "A"].familyName"): Path "name[givenName eq "A"].familyName": a value filter "[…]" applies only to a multi-valued complex attribute such as "emails".',
  },
  {
    name: 'should refuse a filter on an unknown sub-attribute',
    operations: [{ op: 'replace', path: 'emails[kind eq "work"].value', value: 'a@b.c' }],
    scimType: 'invalidFilter',
    detail:
      'Operations[0] (replace "emails[kind eq "work"].value"): Unknown attribute "emails.kind" in the filter',
  },
  {
    name: 'should refuse a second operation and report its position',
    operations: [
      { op: 'replace', path: 'title', value: 'ok' },
      { op: 'replace', path: 'nope', value: 'x' },
    ],
    scimType: 'invalidPath',
    detail: 'Operations[1] (replace "nope"): Path "nope": unknown attribute "nope".',
  },
  // RFC 7644 §3.5.2.3: a value filter that matches nothing and cannot describe a new element.
  {
    name: 'should refuse a replace whose filter matches nothing and describes no element',
    operations: [{ op: 'replace', path: 'emails[value co "@old.example"].value', value: 'a@new.example' }],
    scimType: 'noTarget',
    detail:
      'Operations[0] (replace "emails[value co "@old.example"].value"): No value of "emails" matches the filter.',
  },
  {
    name: 'should refuse creating an element that would contradict its filter',
    operations: [
      { op: 'replace', path: 'phoneNumbers[type eq "fax"]', value: { type: 'mobile', value: '1' } },
    ],
    scimType: 'invalidValue',
    detail:
      'Operations[0] (replace "phoneNumbers[type eq "fax"]"): The value contradicts the path\'s filter: {"type":"mobile","value":"1"}.',
  },
  // Wrong value types.
  {
    name: 'should refuse a non-boolean for active',
    operations: [{ op: 'replace', path: 'active', value: 'yes' }],
    scimType: 'invalidValue',
    detail: 'Operations[0] (replace "active"): "active" must be a boolean, got "yes".',
  },
  {
    name: 'should refuse a number for active',
    operations: [{ op: 'replace', path: 'active', value: 1 }],
    scimType: 'invalidValue',
    detail: 'Operations[0] (replace "active"): "active" must be a boolean, got 1.',
  },
  {
    name: 'should refuse an object for a string attribute',
    operations: [{ op: 'replace', path: 'title', value: { value: 'Lead' } }],
    scimType: 'invalidValue',
    detail: 'Operations[0] (replace "title"): "title" must be a single string, not an object.',
  },
  {
    name: 'should refuse a number for a string attribute',
    operations: [{ op: 'replace', path: 'externalId', value: 42 }],
    scimType: 'invalidValue',
    detail: 'Operations[0] (replace "externalId"): "externalId" must be a string (a JSON string), got 42.',
  },
  {
    name: 'should refuse a string for a complex attribute without a value sub-attribute',
    operations: [{ op: 'replace', path: 'name', value: 'Barbara Jensen' }],
    scimType: 'invalidValue',
    detail: 'Operations[0] (replace "name"): "name" needs an object of sub-attributes, not "Barbara Jensen".',
  },
  {
    name: 'should refuse two managers',
    operations: [{ op: 'add', path: 'manager', value: [{ value: 'a' }, { value: 'b' }] }],
    scimType: 'invalidValue',
    detail: 'Operations[0] (add "manager"): "manager" is single-valued; send one object, not an array.',
  },
  {
    name: 'should refuse a manager without a value',
    operations: [{ op: 'add', path: `${ENTERPRISE}:manager.$ref`, value: '../Users/m1' }],
    scimType: 'invalidValue',
    detail: `Operations[0] (add "${ENTERPRISE}:manager.$ref"): "manager" needs a "value" sub-attribute.`,
  },
  {
    name: 'should refuse an email without a value',
    operations: [{ op: 'add', path: 'emails', value: [{ type: 'home' }] }],
    scimType: 'invalidValue',
    detail:
      'Operations[0] (add "emails"): "emails[0]" would add an element of "emails" with no value (only {"type":"home"}).',
  },
  {
    name: 'should refuse a string for a boolean sub-attribute that is not a boolean',
    operations: [{ op: 'add', path: 'emails', value: [{ value: 'a@b.c', primary: 'yes' }] }],
    scimType: 'invalidValue',
    detail: 'Operations[0] (add "emails"): "emails.primary" must be a boolean, got "yes".',
  },
  {
    name: 'should refuse a role whose JSON does not parse',
    operations: [{ op: 'add', path: 'roles', value: [{ value: '{"id":' }] }],
    scimType: 'invalidValue',
    detail: 'Operations[0] (add "roles"): "roles[0].value" looks like JSON but does not parse.',
  },
  {
    name: 'should refuse a path-less add whose value is not an object',
    operations: [{ op: 'add', value: 'Babs' }],
    scimType: 'invalidValue',
    detail: 'Operations[0] (add): Without a path, "add" needs an object of attributes as its value.',
  },
  {
    name: 'should refuse an extension key whose value is not an object',
    operations: [{ op: 'add', value: { [ENTERPRISE]: 'Sales' } }],
    scimType: 'invalidValue',
    detail: 'Operations[0] (add): Without a path, "add" needs an object of attributes as its value.',
  },
];

/** Prototype keys in paths and values (issue 4: "rejected with 400 and leave no trace"). */
const prototypeCases: readonly { name: string; body: string; scimType: string }[] = [
  {
    name: 'should refuse "__proto__" as a path',
    body: '{"op":"add","path":"__proto__","value":{"polluted":true}}',
    scimType: 'invalidPath',
  },
  {
    name: 'should refuse "constructor.prototype" as a path',
    body: '{"op":"add","path":"constructor.prototype","value":"x"}',
    scimType: 'invalidPath',
  },
  {
    name: 'should refuse "toString.x" as a path',
    body: '{"op":"replace","path":"toString.x","value":"x"}',
    scimType: 'invalidPath',
  },
  {
    name: 'should refuse "__proto__" as a key of a path-less value',
    body: '{"op":"add","value":{"__proto__":{"polluted":true}}}',
    scimType: 'invalidPath',
  },
  {
    name: 'should refuse "__proto__" inside a complex value',
    body: '{"op":"replace","path":"name","value":{"__proto__":{"polluted":true}}}',
    scimType: 'invalidPath',
  },
  {
    name: 'should refuse "constructor" inside an element',
    body: '{"op":"add","path":"emails","value":[{"value":"a@b.c","constructor":{"prototype":{"polluted":true}}}]}',
    scimType: 'invalidPath',
  },
  {
    name: 'should refuse "__proto__" inside a role sent as JSON',
    body: '{"op":"add","path":"roles","value":[{"value":"{\\"value\\":\\"r\\",\\"__proto__\\":{\\"polluted\\":true}}"}]}',
    scimType: 'invalidPath',
  },
  {
    name: 'should refuse "__proto__" inside a nested extension object',
    body: `{"op":"add","value":{"${ENTERPRISE}":{"__proto__":{"polluted":true}}}}`,
    scimType: 'invalidPath',
  },
];

function errorOf(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError, but the patch succeeded');
}

describe('applyPatch errors', () => {
  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const before = deepFreeze(enterpriseUser({ department: 'Sales' }));
    const error = errorOf(() =>
      applyPatch(before, normalizePatchRequest(patchBody(...entry.operations)), userResourceSchema),
    );
    expect({ status: error.status, scimType: error.scimType, detail: error.detail }).toEqual({
      status: 400,
      scimType: entry.scimType,
      detail: entry.detail,
    });
  });

  it.each(prototypeCases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const before = deepFreeze(tutorialUser());
    const body = JSON.parse(
      `{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[${entry.body}]}`,
    );
    const error = errorOf(() => applyPatch(before, normalizePatchRequest(body), userResourceSchema));
    expect(error).toMatchObject({ status: 400, scimType: entry.scimType });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('should leave the input untouched when a later operation fails', () => {
    const before = deepFreeze(tutorialUser());
    const operations = normalizePatchRequest(
      patchBody({ op: 'replace', path: 'title', value: 'Changed' }, { op: 'remove', path: 'userName' }),
    );
    expect(() => applyPatch(before, operations, userResourceSchema)).toThrow(ScimError);
    expect(before).toEqual(tutorialUser());
  });
});
