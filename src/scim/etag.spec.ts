import { ScimError } from './errors/scim-error';
import { expectedVersion, parseVersionPrecondition, VersionPrecondition } from './etag';

/** RFC 7644 §3.14 / RFC 7232 §3: If-Match and If-None-Match against our weak tags `W/"<version>"`. */
describe('parseVersionPrecondition', () => {
  interface HeaderCase {
    readonly header: string | undefined;
    readonly expected: VersionPrecondition;
  }

  const cases: readonly HeaderCase[] = [
    { header: 'W/"3"', expected: 3 },
    { header: '"3"', expected: 3 },
    { header: '  W/"42"  ', expected: 42 },
    { header: 'W/"0"', expected: 0 },
    { header: 'W/"007"', expected: 7 },
    { header: 'W/"999999999999999"', expected: 999999999999999 },
    { header: 'W/"3", W/"3"', expected: 3 },
    { header: '*', expected: '*' },
    { header: ' * ', expected: '*' },
    { header: undefined, expected: undefined },
    { header: '', expected: undefined },
    { header: '   ', expected: undefined },
    // A tag we never issued matches no version.
    { header: 'garbage', expected: -1 },
    { header: '3', expected: -1 },
    { header: 'W/3', expected: -1 },
    { header: 'w/"3"', expected: -1 },
    { header: 'W/"abc"', expected: -1 },
    { header: 'W/"-1"', expected: -1 },
    { header: 'W/"3.5"', expected: -1 },
    { header: 'W/""', expected: -1 },
    { header: 'W/"1234567890123456"', expected: -1 },
    { header: '"3', expected: -1 },
  ];

  const shown = cases.map((entry) => ({
    ...entry,
    shown: entry.header === undefined ? 'no header' : `'${entry.header}'`,
  }));

  it.each(shown)('should read $shown as $expected', ({ header, expected }) => {
    expect(parseVersionPrecondition(header)).toBe(expected);
  });

  it.each(['W/"3", W/"4"', 'W/"3", garbage', '*, W/"3"'])(
    'should refuse several different entity tags in %s with 400 invalidValue',
    (header) => {
      let error: unknown;
      try {
        parseVersionPrecondition(header);
      } catch (caught) {
        error = caught;
      }

      expect(error).toBeInstanceOf(ScimError);
      expect(error).toMatchObject({
        status: 400,
        scimType: 'invalidValue',
        detail: 'Send a single entity tag in If-Match.',
      });
    },
  );
});

describe('expectedVersion', () => {
  it.each([
    { precondition: 3, expected: 3 },
    { precondition: -1, expected: -1 },
    { precondition: '*', expected: undefined },
    { precondition: undefined, expected: undefined },
  ] as const)('should expect $expected for $precondition', ({ precondition, expected }) => {
    expect(expectedVersion(precondition)).toBe(expected);
  });
});
