import fc from 'fast-check';
import { ScimError } from '../errors/scim-error';
import { commonAttributes } from '../schema/common-attributes';
import { userResourceSchema } from '../schema/resource-schema';
import { JsonObject, JsonValue, ScimResource } from '../scim-resource';
import { applyPatch } from './apply-patch';
import { deepEqualJson } from './json';
import { normalizePatchRequest } from './normalize-patch-request';
import { deepFreeze, ENTERPRISE_USER_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA } from './patch-test-fixtures';

/**
 * Properties from issue 4: whatever a client sends, the engine answers with a 400 `ScimError` or a
 * well-formed resource; it never writes to its input; `id` and `meta` never change; a replace is
 * idempotent; prototype keys are refused and leave no trace. Run counts are kept small for CI.
 */
const RUNS = { numRuns: 300 };

// ---------------------------------------------------------------------------------------------
// Random users
// ---------------------------------------------------------------------------------------------

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,8}$/);
const emailType = fc.constantFrom('work', 'home', 'other', 'Work');
const element = (valueArbitrary: fc.Arbitrary<string>) =>
  fc.record(
    { value: valueArbitrary, type: emailType, primary: fc.boolean(), display: word },
    { requiredKeys: ['value'] },
  );

const userArbitrary: fc.Arbitrary<ScimResource> = fc
  .record(
    {
      userName: word,
      externalId: word,
      title: word,
      active: fc.boolean(),
      name: fc.record({ givenName: word, familyName: word, middleName: word }, { requiredKeys: [] }),
      emails: fc.array(element(fc.emailAddress()), { maxLength: 3 }),
      phoneNumbers: fc.array(element(fc.stringMatching(/^\+?[0-9]{3,8}$/)), { maxLength: 2 }),
      addresses: fc.array(
        fc.record(
          { type: emailType, locality: word, country: fc.constantFrom('FR', 'US') },
          { requiredKeys: [] },
        ),
        { maxLength: 2 },
      ),
      roles: fc.array(element(word), { maxLength: 2 }),
      enterprise: fc.record(
        { department: word, employeeNumber: word, manager: fc.record({ value: word }) },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['userName'] },
  )
  .map(({ enterprise, ...core }) => {
    const hasEnterprise = enterprise !== undefined && Object.keys(enterprise).length > 0;
    const attributes = Object.fromEntries(
      Object.entries(core).filter(([, value]) => !Array.isArray(value) || value.length > 0),
    ) as JsonObject;
    return {
      schemas: hasEnterprise ? [USER_SCHEMA, ENTERPRISE_USER_SCHEMA] : [USER_SCHEMA],
      id: '2819c223-7f76-453a-919d-413861904646',
      meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z' },
      ...attributes,
      ...(hasEnterprise ? { [ENTERPRISE_USER_SCHEMA]: enterprise } : {}),
    };
  });

// ---------------------------------------------------------------------------------------------
// Random operations: valid and invalid paths, Entra's spellings, well- and ill-typed values
// ---------------------------------------------------------------------------------------------

const ENTERPRISE = ENTERPRISE_USER_SCHEMA;
const pathArbitrary = fc.constantFrom(
  undefined,
  'title',
  'TITLE',
  'userName',
  'externalId',
  'active',
  'nickName',
  'name',
  'name.givenName',
  'name.FamilyName',
  'emails',
  'emails.display',
  'emails[type eq "work"].value',
  'emails[type eq "work"].Value',
  'emails[type eq "home"]',
  'emails[type eq "work"].primary',
  'emails[value co "@"]',
  'emails[type eq "work" or type eq "home"].value',
  'phoneNumbers[type eq "fax"].value',
  'addresses[type eq "work"].locality',
  'roles',
  'roles[primary eq "True"].value',
  `${ENTERPRISE}:department`,
  `${ENTERPRISE}:manager`,
  `${ENTERPRISE}:manager.value`,
  'manager',
  ENTERPRISE,
  `${USER_SCHEMA}:title`,
  'id',
  'meta',
  'meta.created',
  'groups',
  'password',
  'nope',
  'name.nope',
  'emails[',
  'emails[type eq]',
  'emails[nope eq "x"]',
  'title[value eq "x"]',
  'toString.x',
);

const leaf: fc.Arbitrary<JsonValue> = fc.oneof(
  word,
  fc.constantFrom('', 'True', 'False', 'true', 'FALSE', 'work', '{"value":"Admin","displayName":"Admin"}'),
  fc.boolean(),
  fc.integer({ min: -2, max: 2 }),
  fc.constant(null),
);
const keyArbitrary = fc.constantFrom(
  'value',
  'type',
  'primary',
  'display',
  'givenName',
  'familyName',
  'title',
  'displayName',
  'name.givenName',
  'department',
  ENTERPRISE,
  `${ENTERPRISE}:employeeNumber`,
  '$ref',
  'Value',
  'unknown',
);
const objectOf = (values: fc.Arbitrary<JsonValue>) =>
  fc.dictionary(keyArbitrary, values, { maxKeys: 3 }) as fc.Arbitrary<JsonObject>;
const valueArbitrary: fc.Arbitrary<JsonValue> = fc.oneof(
  leaf,
  objectOf(leaf),
  fc.array(fc.oneof(leaf, objectOf(leaf)), { maxLength: 3 }),
  objectOf(fc.oneof(leaf, objectOf(leaf))),
);

const operationArbitrary: fc.Arbitrary<JsonObject> = fc
  .record({
    op: fc.constantFrom('add', 'replace', 'remove', 'Add', 'Replace', 'Remove'),
    path: pathArbitrary,
    value: fc.option(valueArbitrary, { nil: undefined }),
  })
  .map(({ op, path, value }) => ({
    op,
    ...(path === undefined ? {} : { path }),
    ...(value === undefined ? {} : { value }),
  }));

/** Operations whose value fits their path, so that bodies often succeed and reach the invariants. */
const wellTypedArbitrary: fc.Arbitrary<{ path: string | undefined; value: JsonValue }> = fc.oneof(
  fc.record({ path: fc.constantFrom('title', 'name.givenName', `${ENTERPRISE}:department`), value: word }),
  fc.record({ path: fc.constantFrom('active'), value: fc.constantFrom(true, false, 'True', 'False') }),
  fc.record({
    path: fc.constantFrom(
      'emails[type eq "work"].value',
      'emails[type eq "Work"].display',
      'emails[type eq "work"].primary',
      'phoneNumbers[type eq "fax"].value',
      'addresses[type eq "work"].locality',
    ),
    value: fc.oneof(word, fc.constant('')),
  }),
  fc.record({
    path: fc.constant('emails[type eq "home"]'),
    value: fc.record({ value: fc.emailAddress(), display: word }),
  }),
  fc.record({ path: fc.constant('emails'), value: fc.array(element(fc.emailAddress()), { maxLength: 3 }) }),
  fc.record({
    path: fc.constant(`${ENTERPRISE}:manager`),
    value: fc.oneof(word, fc.record({ value: word })),
  }),
  fc.record({
    path: fc.constant(undefined),
    value: fc.record({ 'name.familyName': word, displayName: word, [`${ENTERPRISE}:employeeNumber`]: word }),
  }),
);

const wellTypedOperationArbitrary: fc.Arbitrary<JsonObject> = fc
  .tuple(fc.constantFrom('add', 'replace', 'Replace', 'remove'), wellTypedArbitrary)
  .map(([op, { path, value }]) => ({ op, ...(path === undefined ? {} : { path }), value }));

const bodyArbitrary = fc
  .array(fc.oneof(operationArbitrary, wellTypedOperationArbitrary), { minLength: 1, maxLength: 4 })
  .map((operations) => ({ schemas: [PATCH_OP_SCHEMA], Operations: operations }));

/** Runs `run`; returns its result, or the ScimError it threw, and rethrows anything else. */
function orScimError(run: () => ScimResource): ScimResource | ScimError {
  try {
    return run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
}

/** Normalise + apply, as the service does. */
function attempt(user: ScimResource, body: JsonObject): ScimResource | ScimError {
  return orScimError(() => applyPatch(user, normalizePatchRequest(body), userResourceSchema));
}

const KNOWN_TOP_LEVEL_KEYS = new Set([
  'schemas',
  ENTERPRISE_USER_SCHEMA,
  ...commonAttributes.map((attribute) => attribute.name),
  ...userResourceSchema.core.attributes.map((attribute) => attribute.name),
]);

describe('applyPatch properties', () => {
  it('should answer any operation list with a 400 ScimError or a well-formed resource', () => {
    fc.assert(
      fc.property(userArbitrary, bodyArbitrary, (user, body) => {
        const result = attempt(deepFreeze(user), body);
        if (result instanceof ScimError) {
          expect(result.status).toBe(400);
          expect(result.scimType).toBeDefined();
          return;
        }
        expect(Object.keys(result).every((key) => KNOWN_TOP_LEVEL_KEYS.has(key))).toBe(true);
        expect(typeof result['userName']).toBe('string');
        const listed = result['schemas'];
        const hasEnterprise = result[ENTERPRISE_USER_SCHEMA] !== undefined;
        expect(Array.isArray(listed) && listed.includes(ENTERPRISE_USER_SCHEMA)).toBe(hasEnterprise);
      }),
      RUNS,
    );
  });

  it('should never change id or meta', () => {
    fc.assert(
      fc.property(userArbitrary, bodyArbitrary, (user, body) => {
        const result = attempt(deepFreeze(user), body);
        if (result instanceof ScimError) return;
        expect(result['id']).toBe(user['id']);
        expect(result['meta']).toEqual(user['meta']);
      }),
      RUNS,
    );
  });

  it('should leave a deep-frozen input exactly as it was, whether the patch succeeds or throws', () => {
    fc.assert(
      fc.property(userArbitrary, bodyArbitrary, (user, body) => {
        const snapshot = structuredClone(user);
        attempt(deepFreeze(user), body);
        expect(deepEqualJson(user, snapshot)).toBe(true);
      }),
      RUNS,
    );
  });

  it('should give the same result for a replace applied twice as applied once', () => {
    fc.assert(
      fc.property(userArbitrary, wellTypedArbitrary, (user, { path, value }) => {
        const operations = normalizePatchRequest({
          schemas: [PATCH_OP_SCHEMA],
          Operations: [{ op: 'replace', ...(path === undefined ? {} : { path }), value }],
        });
        const once = orScimError(() => applyPatch(deepFreeze(user), operations, userResourceSchema));
        if (once instanceof ScimError) return;
        const twice = applyPatch(deepFreeze(once), operations, userResourceSchema);
        expect(twice).toEqual(once);
      }),
      RUNS,
    );
  });

  it('should refuse prototype keys in paths and values and never pollute Object.prototype', () => {
    const poison = fc.constantFrom('__proto__', 'constructor', 'prototype');
    const operationText = fc.oneof(
      poison.map((key) => `{"op":"add","path":"${key}","value":{"polluted":true}}`),
      poison.map((key) => `{"op":"replace","path":"${key}.polluted","value":true}`),
      poison.map((key) => `{"op":"add","value":{"${key}":{"polluted":true}}}`),
      poison.map((key) => `{"op":"replace","path":"name","value":{"${key}":{"polluted":true}}}`),
      poison.map(
        (key) => `{"op":"add","path":"emails","value":[{"value":"a@b.c","${key}":{"polluted":true}}]}`,
      ),
      poison.map((key) => `{"op":"add","value":{"${ENTERPRISE}":{"${key}":{"polluted":true}}}}`),
      poison.map((key) => `{"op":"remove","path":"title","value":{"${key}":{"polluted":true}}}`),
    );
    fc.assert(
      fc.property(userArbitrary, operationText, (user, text) => {
        const body = JSON.parse(`{"schemas":["${PATCH_OP_SCHEMA}"],"Operations":[${text}]}`) as JsonObject;
        const result = attempt(deepFreeze(user), body);
        expect(result).toBeInstanceOf(ScimError);
        expect((result as ScimError).status).toBe(400);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
        expect(Object.prototype).not.toHaveProperty('polluted');
      }),
      { numRuns: 100 },
    );
  });
});
