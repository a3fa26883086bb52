import { isDeepStrictEqual } from 'node:util';
import { applyPatch } from '../../src/scim/patch/apply-patch';
import { normalizePatchRequest } from '../../src/scim/patch/normalize-patch-request';
import { tutorialUser } from '../../src/scim/patch/patch-test-fixtures';
import { EntraCase, userCases } from '../../src/scim/patch/testing/entra-patch-cases';
import { userResourceSchema } from '../../src/scim/schema/resource-schema';
import type { JsonObject } from '../../src/scim/scim-resource';
import { UsersService } from '../../src/users/users.service';
import {
  clientWritable,
  comparable,
  ENTRA_PATCH_HEADERS,
  expectedColumns,
  MappedColumns,
  mappedColumnsOf,
  PATCH_OP_SCHEMA,
  patchOp,
  replayOf,
  richUser,
  withFreshIdentity,
} from '../support/patch-fixtures';
import {
  createUser,
  ENTERPRISE_SCHEMA,
  ERROR_SCHEMA,
  SCIM_CONTENT_TYPE,
  USER_SCHEMA,
  usersFilterUrl,
  workEmail,
} from '../support/scim-fixtures';
import { createTestApp, ScimResponse, TestApp } from '../support/test-app';

/** RFC 7644 §3.12: the exact error body. */
function scimError(status: number, scimType: string | undefined, detail: string): JsonObject {
  return {
    schemas: [ERROR_SCHEMA],
    status: String(status),
    ...(scimType === undefined ? {} : { scimType }),
    detail,
  };
}

const requiredByBloomflow = (attribute: string) => `Attribute "${attribute}" is required by Bloomflow.`;

/**
 * PATCH bodies that would leave a value Bloomflow requires empty (validator null-updates and
 * removals), in the table's shape: their `after` is what the engine alone produces.
 */
const emptyingRequired: readonly EntraCase[] = [
  {
    name: 'should refuse the null-update of externalId',
    source: 'VALIDATOR: null-update, on a Bloomflow-required attribute',
    before: tutorialUser(),
    body: patchOp({ op: 'Replace', path: 'externalId', value: '' }),
    after: tutorialUser({ externalId: undefined }),
  },
  {
    name: 'should refuse removing name.givenName',
    source: 'RFC 7644 §3.5.2.2 remove, on a Bloomflow-required attribute',
    before: tutorialUser(),
    body: patchOp({ op: 'Remove', path: 'name.givenName' }),
    after: tutorialUser({ name: { formatted: 'givenName familyName', familyName: 'familyName' } }),
  },
  {
    name: 'should refuse the null-update of name.familyName in a path-less replace',
    source: 'KNOWN ISSUES (path-less replace, with feature flag) carrying a null-update',
    before: tutorialUser(),
    body: patchOp({ op: 'replace', value: { 'name.familyName': '' } }),
    after: tutorialUser({ name: { formatted: 'givenName familyName', givenName: 'givenName' } }),
  },
  {
    name: 'should refuse removing the work email',
    source: 'RFC 7644 §3.5.2.2 remove with a value filter, on the Bloomflow email',
    before: tutorialUser(),
    body: patchOp({ op: 'Remove', path: 'emails[type eq "work"]' }),
    after: tutorialUser({ emails: undefined }),
  },
  {
    name: 'should refuse the null-update of the work email value',
    source: 'VALIDATOR: null-update, on the Bloomflow email',
    before: tutorialUser(),
    body: patchOp({ op: 'Replace', path: 'emails[type eq "work"].value', value: '' }),
    after: tutorialUser({ emails: undefined }),
  },
];

/**
 * Issue 4's table of Entra PATCH bodies (the one the engine's unit spec runs), and the cases
 * above, replayed over HTTP against the real store. Each case gets a user of its own
 * (withFreshIdentity); a case whose resource Bloomflow cannot hold (a required attribute
 * missing) is asserted as the refusal it is.
 */
const replays = [...userCases, ...emptyingRequired].map((entry) => {
  const fresh = withFreshIdentity(entry);
  return { name: entry.name, body: fresh.body, replay: replayOf(fresh) };
});

const applying = replays.flatMap(({ name, body, replay }) =>
  replay.kind === 'applies' ? [[name, { body, ...replay }] as const] : [],
);
const refusedAtCreation = replays.flatMap(({ name, replay }) =>
  replay.kind === 'beforeRefused' ? [[name, replay] as const] : [],
);
const refusedPatches = replays.flatMap(({ name, body, replay }) =>
  replay.kind === 'patchRefused' ? [[name, { body, ...replay }] as const] : [],
);

describe('SCIM PATCH /Users/{id} with Entra bodies (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const patch = (id: string, body: unknown, headers: Record<string, string> = {}, query = '') =>
    t.scim({
      method: 'PATCH',
      url: `Users/${id}${query}`,
      body,
      headers: { ...ENTRA_PATCH_HEADERS, ...headers },
    });
  const read = (id: string, headers: Record<string, string> = {}) =>
    t.scim({ method: 'GET', url: `Users/${id}`, headers });
  const columnsOf = async (id: string): Promise<MappedColumns> =>
    mappedColumnsOf(await t.app.get(UsersService).getProvisioned(id));

  /** What a later GET must still show: the resource, its ETag and the Bloomflow columns. */
  async function snapshot(id: string) {
    const current = await read(id);
    return {
      status: current.status,
      body: current.body,
      etag: current.headers.etag,
      columns: await columnsOf(id),
    };
  }

  function expectError(response: ScimResponse, status: number, scimType: string | undefined, detail: string) {
    expect({
      status: response.status,
      contentType: response.headers['content-type'],
      body: response.body,
    }).toEqual({
      status,
      contentType: expect.stringMatching(SCIM_CONTENT_TYPE),
      body: scimError(status, scimType, detail),
    });
  }

  describe("replaying the engine's Entra table", () => {
    it('should replay every case, and refuse each one that empties a Bloomflow-required value', () => {
      expect(applying.length + refusedAtCreation.length + refusedPatches.length).toBe(
        userCases.length + emptyingRequired.length,
      );
      expect(refusedPatches.map(([name]) => name)).toEqual(
        expect.arrayContaining(emptyingRequired.map((entry) => entry.name)),
      );
    });

    it.each(emptyingRequired.map((entry) => [entry.name, entry] as const))(
      '%s: its `after` is what the engine produces',
      (_name, { before, body, after }) => {
        expect(applyPatch(before, normalizePatchRequest(body), userResourceSchema)).toEqual(after);
      },
    );

    it.each(applying)('%s', async (_name, { body, before, after }) => {
      const created = await createUser(t, clientWritable(before));
      const columnsBefore = await columnsOf(created.id);

      const response = await patch(created.id, body);
      const stored = await read(created.id);

      // The store holds the case's `before`, so the comparison below is the engine's, end to end.
      expect(comparable(created)).toEqual(comparable(before));
      expect(columnsBefore).toEqual(expectedColumns(before));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(SCIM_CONTENT_TYPE);
      expect(comparable(response.body)).toEqual(comparable(after));
      const changed = !isDeepStrictEqual(comparable(before), comparable(after));
      expect(response.body.id).toBe(created.id);
      const createdMeta = created.meta as { lastModified: string; version: string };
      expect(response.body.meta).toEqual({
        ...createdMeta,
        // RFC 7644 §3.5.2: a PATCH that changes nothing keeps the version and modify time.
        lastModified: changed ? expect.any(String) : createdMeta.lastModified,
        version: changed ? 'W/"2"' : 'W/"1"',
      });
      expect(Date.parse(response.body.meta.lastModified)).toBeGreaterThanOrEqual(
        Date.parse(createdMeta.lastModified),
      );
      expect(response.headers.etag).toBe(response.body.meta.version);
      expect({ status: stored.status, body: stored.body, etag: stored.headers.etag }).toEqual({
        status: 200,
        body: response.body,
        etag: response.headers.etag,
      });
      await expect(columnsOf(created.id)).resolves.toEqual(expectedColumns(after));
    });

    it.each(refusedAtCreation)(
      '%s: its user, lacking a value Bloomflow requires, is refused at creation',
      async (_name, { before, attribute }) => {
        const response = await t.scim({ method: 'POST', url: 'Users', body: clientWritable(before) });
        const found = await t.scim({
          method: 'GET',
          url: usersFilterUrl(`userName eq "${before.userName as string}"`),
        });

        expectError(response, 400, 'invalidValue', requiredByBloomflow(attribute));
        expect(found.body.totalResults).toBe(0);
      },
    );

    it.each(refusedPatches)(
      '%s: 400 naming the attribute Bloomflow requires, nothing stored',
      async (_name, { body, before, attribute }) => {
        const created = await createUser(t, clientWritable(before));
        const previous = await snapshot(created.id);

        const response = await patch(created.id, body);

        expectError(response, 400, 'invalidValue', requiredByBloomflow(attribute));
        await expect(snapshot(created.id)).resolves.toEqual(previous);
      },
    );
  });

  describe('atomicity: a failing operation leaves the user as it was', () => {
    /** The second operation of each request, as raw JSON so that keys like `__proto__` reach the wire. */
    const failures: readonly [string, string, number, string, string][] = [
      [
        'an unknown attribute',
        '{"op":"replace","path":"favouriteColour","value":"blue"}',
        400,
        'invalidPath',
        'Operations[1] (replace "favouriteColour"): Path "favouriteColour": unknown attribute "favouriteColour".',
      ],
      [
        'an unknown sub-attribute',
        '{"op":"Replace","path":"name.nickname","value":"Babs"}',
        400,
        'invalidPath',
        'Operations[1] (replace "name.nickname"): Path "name.nickname": "name" has no sub-attribute "nickname".',
      ],
      [
        'a filter on an unknown sub-attribute',
        '{"op":"Replace","path":"emails[kind eq \\"work\\"].value","value":"a@b.c"}',
        400,
        'invalidFilter',
        'Operations[1] (replace "emails[kind eq "work"].value"): Unknown attribute "emails.kind" in the filter',
      ],
      [
        'a replace of id',
        '{"op":"replace","path":"id","value":"other"}',
        400,
        'mutability',
        'Operations[1] (replace "id"): "id" is read-only and cannot be modified (RFC 7643 §2.2).',
      ],
      [
        'a replace of meta.created',
        '{"op":"replace","path":"meta.created","value":"2020-01-01T00:00:00Z"}',
        400,
        'mutability',
        'Operations[1] (replace "meta.created"): "meta" is read-only and cannot be modified (RFC 7643 §2.2).',
      ],
      [
        'a removal of meta',
        '{"op":"Remove","path":"meta"}',
        400,
        'mutability',
        'Operations[1] (remove "meta"): "meta" is read-only and cannot be modified (RFC 7643 §2.2).',
      ],
      [
        'an add to groups',
        '{"op":"Add","path":"groups","value":[{"value":"g1"}]}',
        400,
        'mutability',
        'Operations[1] (add "groups"): "groups" is read-only and cannot be modified (RFC 7643 §2.2).',
      ],
      [
        'a removal of userName',
        '{"op":"Remove","path":"userName"}',
        400,
        'mutability',
        'Operations[1] (remove "userName"): "userName" is required and cannot be removed or emptied (RFC 7644 §3.5.2.2).',
      ],
      [
        'a remove without path',
        '{"op":"Remove"}',
        400,
        'noTarget',
        'Operations[1] (remove): "remove" needs a "path" naming what to remove (RFC 7644 §3.5.2.2).',
      ],
      [
        'a filter that matches nothing and describes no element',
        '{"op":"Replace","path":"emails[value co \\"@old.example\\"].value","value":"a@new.example"}',
        400,
        'noTarget',
        'Operations[1] (replace "emails[value co "@old.example"].value"): No value of "emails" matches the filter.',
      ],
      [
        'a non-boolean for active',
        '{"op":"Replace","path":"active","value":"yes"}',
        400,
        'invalidValue',
        'Operations[1] (replace "active"): "active" must be a boolean, got "yes".',
      ],
      [
        'a number for externalId',
        '{"op":"Replace","path":"externalId","value":42}',
        400,
        'invalidValue',
        'Operations[1] (replace "externalId"): "externalId" must be a string (a JSON string), got 42.',
      ],
      [
        'two managers',
        `{"op":"Add","path":"${ENTERPRISE_SCHEMA}:manager","value":[{"value":"a"},{"value":"b"}]}`,
        400,
        'invalidValue',
        `Operations[1] (add "${ENTERPRISE_SCHEMA}:manager"): "manager" is single-valued; send one object, not an array.`,
      ],
      [
        'a removal of a value Bloomflow requires',
        '{"op":"Remove","path":"name.givenName"}',
        400,
        'invalidValue',
        requiredByBloomflow('name.givenName'),
      ],
      [
        '"__proto__" as a path',
        '{"op":"add","path":"__proto__","value":{"polluted":true}}',
        400,
        'invalidPath',
        'Operations[1] (add "__proto__"): Unexpected character "_" at position 1',
      ],
      [
        '"constructor.prototype" as a path',
        '{"op":"add","path":"constructor.prototype","value":"x"}',
        400,
        'invalidPath',
        'Operations[1] (add "constructor.prototype"): "constructor" is not a SCIM attribute name (path "constructor.prototype").',
      ],
      [
        '"toString.x" as a path',
        '{"op":"replace","path":"toString.x","value":"x"}',
        400,
        'invalidPath',
        'Operations[1] (replace "toString.x"): Path "toString.x": unknown attribute "toString".',
      ],
      [
        '"constructor" as a key of an element',
        '{"op":"add","path":"emails","value":[{"value":"a@b.c","constructor":"x"}]}',
        400,
        'invalidPath',
        '"constructor" is not a SCIM attribute name (Operations[1], in "value").',
      ],
      [
        '"__proto__" inside a role sent as JSON',
        '{"op":"add","path":"roles","value":[{"value":"{\\"value\\":\\"r\\",\\"__proto__\\":{\\"polluted\\":true}}"}]}',
        400,
        'invalidPath',
        'Operations[1] (add "roles"): "__proto__" is not a SCIM attribute name (in the value of "roles[0]").',
      ],
      // Fastify's JSON parser refuses these bodies before any code of ours runs.
      [
        '"__proto__" as a key of a path-less value',
        '{"op":"add","value":{"__proto__":{"polluted":true}}}',
        400,
        'invalidSyntax',
        'The request body is not valid JSON.',
      ],
      [
        '"constructor.prototype" inside an element',
        '{"op":"add","path":"emails","value":[{"value":"a@b.c","constructor":{"prototype":{"polluted":true}}}]}',
        400,
        'invalidSyntax',
        'The request body is not valid JSON.',
      ],
      [
        'an unknown op',
        '{"op":"Frobnicate","path":"title","value":"x"}',
        400,
        'invalidSyntax',
        'Operations[1]: "op" must be one of "add", "remove" or "replace" (in any case), got "Frobnicate".',
      ],
    ];

    it.each(failures)(
      'should answer %s with the exact error and change nothing, ETag included',
      async (_what, second, status, scimType, detail) => {
        const created = await createUser(t, richUser());
        const previous = await snapshot(created.id);
        const first = JSON.stringify({
          op: 'Replace',
          path: 'title',
          value: 'Changed by the first operation',
        });

        const response = await patch(
          created.id,
          `{"schemas":["${PATCH_OP_SCHEMA}"],"Operations":[${first},${second}]}`,
        );

        expectError(response, status, scimType, detail);
        await expect(snapshot(created.id)).resolves.toEqual(previous);
        expect(Object.prototype).not.toHaveProperty('polluted');
      },
    );

    it('should answer 409 when the second operation takes another user’s work email, and change nothing', async () => {
      const other = await createUser(t, richUser());
      const created = await createUser(t, richUser());
      const previous = await snapshot(created.id);

      const response = await patch(
        created.id,
        patchOp(
          { op: 'Replace', path: 'title', value: 'Changed by the first operation' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: workEmail(other) as string },
        ),
      );

      expectError(response, 409, 'uniqueness', 'Another user already has this emails[type eq "work"].value.');
      await expect(snapshot(created.id)).resolves.toEqual(previous);
    });
  });

  describe('a PATCH that changes nothing', () => {
    it('should keep meta.version, meta.lastModified and the ETag when the same replace is sent twice', async () => {
      const created = await createUser(t, richUser());
      const body = patchOp({ op: 'Replace', path: 'title', value: 'Scout' });

      const first = await patch(created.id, body);
      const second = await patch(created.id, body);
      const stored = await read(created.id);

      expect(first.body.meta.version).toBe('W/"2"');
      expect({ status: second.status, body: second.body, etag: second.headers.etag }).toEqual({
        status: 200,
        body: first.body,
        etag: first.headers.etag,
      });
      expect({ body: stored.body, etag: stored.headers.etag }).toEqual({ body: first.body, etag: 'W/"2"' });
    });

    /** Each body sends what the user already holds. */
    const noOps: readonly [string, (user: JsonObject) => JsonObject][] = [
      [
        'a replace of title with its current value',
        (user) => patchOp({ op: 'Replace', path: 'title', value: user.title }),
      ],
      [
        "Entra's re-sync of every mapped attribute with current values, one operation each",
        (user) =>
          patchOp(
            { op: 'Replace', path: 'displayName', value: user.displayName },
            { op: 'Replace', path: 'emails[type eq "work"].value', value: workEmail(user) as string },
            { op: 'Replace', path: 'name.givenName', value: (user.name as JsonObject).givenName },
            { op: 'Replace', path: 'name.familyName', value: (user.name as JsonObject).familyName },
            { op: 'Replace', path: 'externalId', value: user.externalId },
            { op: 'Replace', path: 'active', value: 'True' },
            { op: 'Replace', path: 'phoneNumbers[type eq "work"].value', value: '+33 6 12 34 56 78' },
            { op: 'Replace', path: 'addresses[type eq "work"].locality', value: 'Lyon' },
            { op: 'Replace', path: `${ENTERPRISE_SCHEMA}:department`, value: 'Research & Development' },
            { op: 'Replace', path: `${ENTERPRISE_SCHEMA}:employeeNumber`, value: '4711' },
          ),
      ],
      [
        'a path-less replace with dotted and URN keys holding current values (aadOptscim062020)',
        (user) =>
          patchOp({
            op: 'replace',
            value: {
              displayName: user.displayName,
              'name.givenName': (user.name as JsonObject).givenName,
              'name.familyName': (user.name as JsonObject).familyName,
              [`${ENTERPRISE_SCHEMA}:employeeNumber`]: '4711',
            },
          }),
      ],
      [
        'an add of a role the user already holds',
        () => patchOp({ op: 'Add', path: 'roles', value: [{ value: 'Reader', display: 'Reader' }] }),
      ],
      ['a removal of an attribute the user does not have', () => patchOp({ op: 'Remove', path: 'nickName' })],
      [
        'a removal by a filter that matches nothing',
        () => patchOp({ op: 'Remove', path: 'emails[type eq "home"]' }),
      ],
    ];

    it.each(noOps)(
      'should keep meta.version, meta.lastModified and the ETag for %s',
      async (_what, bodyFor) => {
        const created = await createUser(t, richUser());
        const previous = await snapshot(created.id);

        const response = await patch(created.id, bodyFor(previous.body));

        expect({ status: response.status, body: response.body, etag: response.headers.etag }).toEqual({
          status: 200,
          body: previous.body,
          etag: previous.etag,
        });
        await expect(snapshot(created.id)).resolves.toEqual(previous);
      },
    );
  });

  describe('If-Match and If-None-Match', () => {
    const retitle = (title: string) => patchOp({ op: 'Replace', path: 'title', value: title });

    it.each([
      ['the current ETag', (etag: string) => etag],
      ['the current version as a strong tag', (etag: string) => etag.replace(/^W\//, '')],
      ['*', () => '*'],
    ])('should apply a PATCH whose If-Match holds %s', async (_what, ifMatch) => {
      const created = await createUser(t, richUser());

      const response = await patch(created.id, retitle('Matched'), {
        'if-match': ifMatch((created.meta as { version: string }).version),
      });

      expect(response.status).toBe(200);
      expect(response.body.title).toBe('Matched');
      expect(response.headers.etag).toBe('W/"2"');
    });

    it.each([
      ['a stale ETag', 'W/"1"'],
      ['a version never issued', 'W/"999"'],
      ['a tag we never issue', '"not-a-version"'],
    ])(
      'should refuse a PATCH whose If-Match holds %s with 412 and change nothing',
      async (_what, ifMatch) => {
        const created = await createUser(t, richUser());
        await patch(created.id, retitle('Moved on'));
        const previous = await snapshot(created.id);

        const response = await patch(created.id, retitle('Lost update'), { 'if-match': ifMatch });

        expectError(response, 412, undefined, `User ${created.id} has changed since the version given.`);
        await expect(snapshot(created.id)).resolves.toEqual(previous);
      },
    );

    it('should answer a GET whose If-None-Match holds the current ETag with 304, the ETag and no body', async () => {
      const created = await createUser(t, richUser());
      const patched = await patch(created.id, retitle('Cached'));

      const response = await read(created.id, { 'if-none-match': String(patched.headers.etag) });

      expect({ status: response.status, etag: response.headers.etag, body: response.raw.body }).toEqual({
        status: 304,
        etag: 'W/"2"',
        body: '',
      });
    });

    it('should answer a GET whose If-None-Match holds a stale ETag with 200 and the current user', async () => {
      const created = await createUser(t, richUser());
      const patched = await patch(created.id, retitle('Fresh'));

      const response = await read(created.id, {
        'if-none-match': (created.meta as { version: string }).version,
      });

      expect({ status: response.status, etag: response.headers.etag, body: response.body }).toEqual({
        status: 200,
        etag: 'W/"2"',
        body: patched.body,
      });
    });
  });

  describe('projection on PATCH', () => {
    it('should return only userName (and id, schemas) for attributes=userName, with the new ETag', async () => {
      const created = await createUser(t, richUser());

      const response = await patch(
        created.id,
        patchOp({ op: 'Replace', path: 'title', value: 'Projected' }),
        {},
        '?attributes=userName',
      );
      const stored = await read(created.id);

      expect({ status: response.status, etag: response.headers.etag, body: response.body }).toEqual({
        status: 200,
        etag: 'W/"2"',
        body: { schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA], id: created.id, userName: created.userName },
      });
      expect({ title: stored.body.title, etag: stored.headers.etag }).toEqual({
        title: 'Projected',
        etag: 'W/"2"',
      });
    });

    it('should leave out excludedAttributes=emails,roles and keep the ETag header', async () => {
      const created = await createUser(t, richUser());

      const response = await patch(
        created.id,
        patchOp({ op: 'Replace', path: 'title', value: 'Projected' }),
        {},
        '?excludedAttributes=emails,roles',
      );
      const stored = await read(created.id);

      const { emails: _emails, roles: _roles, ...expected } = stored.body;
      expect({ status: response.status, etag: response.headers.etag, body: response.body }).toEqual({
        status: 200,
        etag: stored.headers.etag,
        body: expected,
      });
    });
  });
});
