import { ScimError } from '../errors/scim-error';
import { MAX_PATCH_OPERATIONS, normalizePatchRequest } from './normalize-patch-request';
import { PatchOperation } from './patch-operation';
import { PATCH_OP_SCHEMA } from './patch-test-fixtures';

describe('normalizePatchRequest', () => {
  const accepted: readonly [string, unknown, PatchOperation[]][] = [
    [
      "should lower-case Entra's capitalised op names",
      {
        schemas: [PATCH_OP_SCHEMA],
        Operations: [
          { op: 'Add', path: 'nickName', value: 'Babs' },
          { op: 'Replace', path: 'active', value: 'False' },
          { op: 'Remove', path: 'members', value: [{ value: 'u1091' }] },
        ],
      },
      [
        { op: 'add', path: 'nickName', value: 'Babs' },
        { op: 'replace', path: 'active', value: 'False' },
        { op: 'remove', path: 'members', value: [{ value: 'u1091' }] },
      ],
    ],
    [
      'should accept op names and message members in any case',
      {
        SCHEMAS: [PATCH_OP_SCHEMA.toUpperCase()],
        operations: [{ OP: 'rEpLaCe', Path: 'title', VALUE: 'x' }],
      },
      [{ op: 'replace', path: 'title', value: 'x' }],
    ],
    [
      'should read an absent, null or blank path as no path',
      {
        schemas: [PATCH_OP_SCHEMA],
        Operations: [
          { op: 'replace', value: { title: 'a' } },
          { op: 'replace', path: null, value: { title: 'b' } },
          { op: 'replace', path: '  ', value: { title: 'c' } },
        ],
      },
      [
        { op: 'replace', value: { title: 'a' } },
        { op: 'replace', value: { title: 'b' } },
        { op: 'replace', value: { title: 'c' } },
      ],
    ],
    [
      'should keep a null value for add and replace (it clears the target)',
      { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', path: 'title', value: null }] },
      [{ op: 'replace', path: 'title', value: null }],
    ],
    [
      'should accept the PatchOp URN among other schemas',
      { schemas: ['urn:example:other', PATCH_OP_SCHEMA], Operations: [{ op: 'remove', path: 'title' }] },
      [{ op: 'remove', path: 'title' }],
    ],
  ];

  it.each(accepted)('%s', (_name, body, expected) => {
    expect(normalizePatchRequest(body)).toEqual(expected);
  });

  const tooMany = Array.from({ length: MAX_PATCH_OPERATIONS + 1 }, () => ({ op: 'remove', path: 'title' }));
  const rejected: readonly [string, unknown, string, string][] = [
    [
      'should refuse a body that is not an object',
      [],
      'invalidSyntax',
      'The PATCH body must be a JSON object (RFC 7644 §3.5.2).',
    ],
    [
      'should refuse a null body',
      null,
      'invalidSyntax',
      'The PATCH body must be a JSON object (RFC 7644 §3.5.2).',
    ],
    [
      'should refuse a body without schemas',
      { Operations: [{ op: 'remove', path: 'title' }] },
      'invalidSyntax',
      `The PATCH body's "schemas" must contain "${PATCH_OP_SCHEMA}".`,
    ],
    [
      'should refuse a body with another message schema',
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        Operations: [{ op: 'remove', path: 'title' }],
      },
      'invalidSyntax',
      `The PATCH body's "schemas" must contain "${PATCH_OP_SCHEMA}".`,
    ],
    [
      'should refuse a body without Operations',
      { schemas: [PATCH_OP_SCHEMA] },
      'invalidSyntax',
      'The PATCH body must contain "Operations", an array of one or more operations (RFC 7644 §3.5.2).',
    ],
    [
      'should refuse an empty Operations array',
      { schemas: [PATCH_OP_SCHEMA], Operations: [] },
      'invalidSyntax',
      'The PATCH body must contain "Operations", an array of one or more operations (RFC 7644 §3.5.2).',
    ],
    [
      'should refuse Operations that is an object',
      { schemas: [PATCH_OP_SCHEMA], Operations: { op: 'remove', path: 'title' } },
      'invalidSyntax',
      'The PATCH body must contain "Operations", an array of one or more operations (RFC 7644 §3.5.2).',
    ],
    [
      'should refuse more operations than the limit',
      { schemas: [PATCH_OP_SCHEMA], Operations: tooMany },
      'invalidSyntax',
      `A PATCH request may carry at most ${MAX_PATCH_OPERATIONS} operations; this one has ${MAX_PATCH_OPERATIONS + 1}.`,
    ],
    [
      'should refuse an operation that is not an object',
      { schemas: [PATCH_OP_SCHEMA], Operations: ['remove title'] },
      'invalidSyntax',
      'Operations[0] must be an object with "op", "path" and "value".',
    ],
    [
      'should refuse an unknown op',
      { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'move', path: 'title' }] },
      'invalidSyntax',
      'Operations[0]: "op" must be one of "add", "remove" or "replace" (in any case), got "move".',
    ],
    [
      'should refuse a missing op',
      { schemas: [PATCH_OP_SCHEMA], Operations: [{ path: 'title', value: 'x' }] },
      'invalidSyntax',
      'Operations[0]: "op" must be one of "add", "remove" or "replace" (in any case), got null.',
    ],
    [
      'should refuse a path that is not a string',
      { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'remove', path: ['title'] }] },
      'invalidPath',
      'Operations[0]: "path" must be a string.',
    ],
    [
      'should refuse an add without value',
      { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'Add', path: 'title' }] },
      'invalidValue',
      'Operations[0]: "add" requires a "value" (RFC 7644 §3.5.2).',
    ],
    [
      'should refuse a replace without value, reporting its position',
      {
        schemas: [PATCH_OP_SCHEMA],
        Operations: [
          { op: 'remove', path: 'title' },
          { op: 'replace', path: 'title' },
        ],
      },
      'invalidValue',
      'Operations[1]: "replace" requires a "value" (RFC 7644 §3.5.2).',
    ],
  ];

  it.each(rejected)('%s', (_name, body, scimType, detail) => {
    let caught: unknown;
    try {
      normalizePatchRequest(body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScimError);
    expect(caught).toMatchObject({ status: 400, scimType, detail });
  });

  it('should refuse prototype keys anywhere in a value, even one the operation would ignore', () => {
    const body = JSON.parse(
      `{"schemas":["${PATCH_OP_SCHEMA}"],"Operations":[{"op":"remove","path":"title","value":[{"a":{"__proto__":{"polluted":true}}}]}]}`,
    );
    expect(() => normalizePatchRequest(body)).toThrow(
      expect.objectContaining({
        status: 400,
        scimType: 'invalidPath',
        detail: '"__proto__" is not a SCIM attribute name (Operations[0], in "value").',
      }),
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('should ignore members inherited from Object.prototype', () => {
    const body = JSON.parse(
      `{"schemas":["${PATCH_OP_SCHEMA}"],"Operations":[{"op":"remove","path":"title"}]}`,
    );
    expect(normalizePatchRequest(Object.assign(Object.create({ path: 'userName' }), body))).toEqual([
      { op: 'remove', path: 'title' },
    ]);
  });
});
