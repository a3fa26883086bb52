import fc from 'fast-check';
import { ScimError } from '../errors/scim-error';
import { FilterNode, PatchPath } from './ast';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, MAX_FILTER_NODES } from './filter-limits';
import { parseAttributePath, parseFilter, parsePatchPath } from './parser';
import { and, compare, eq, not, or, path, pr, valuePath } from './testing/filter-builders';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

function errorOf(action: () => unknown): ScimError {
  try {
    action();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('parseFilter', () => {
  describe('RFC 7644 §3.4.2.2 examples', () => {
    const cases: [string, FilterNode][] = [
      ['userName eq "bjensen"', eq('userName', 'bjensen')],
      ['name.familyName co "O\'Malley"', compare('name.familyName', 'co', "O'Malley")],
      ['userName sw "J"', compare('userName', 'sw', 'J')],
      [`${CORE}:userName sw "J"`, compare(`${CORE}:userName`, 'sw', 'J')],
      ['title pr', pr('title')],
      [
        'meta.lastModified gt "2011-05-13T04:42:34Z"',
        compare('meta.lastModified', 'gt', '2011-05-13T04:42:34Z'),
      ],
      [
        'meta.lastModified ge "2011-05-13T04:42:34Z"',
        compare('meta.lastModified', 'ge', '2011-05-13T04:42:34Z'),
      ],
      [
        'meta.lastModified lt "2011-05-13T04:42:34Z"',
        compare('meta.lastModified', 'lt', '2011-05-13T04:42:34Z'),
      ],
      [
        'meta.lastModified le "2011-05-13T04:42:34Z"',
        compare('meta.lastModified', 'le', '2011-05-13T04:42:34Z'),
      ],
      ['title pr and userType eq "Employee"', and(pr('title'), eq('userType', 'Employee'))],
      ['title pr or userType eq "Intern"', or(pr('title'), eq('userType', 'Intern'))],
      [`schemas eq "${ENTERPRISE}"`, eq('schemas', ENTERPRISE)],
      [
        'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
        and(
          eq('userType', 'Employee'),
          or(compare('emails', 'co', 'example.com'), compare('emails.value', 'co', 'example.org')),
        ),
      ],
      [
        'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
        and(
          compare('userType', 'ne', 'Employee'),
          not(or(compare('emails', 'co', 'example.com'), compare('emails.value', 'co', 'example.org'))),
        ),
      ],
      [
        'userType eq "Employee" and (emails.type eq "work")',
        and(eq('userType', 'Employee'), eq('emails.type', 'work')),
      ],
      [
        'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
        and(
          eq('userType', 'Employee'),
          valuePath('emails', and(eq('type', 'work'), compare('value', 'co', '@example.com'))),
        ),
      ],
      [
        'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
        or(
          valuePath('emails', and(eq('type', 'work'), compare('value', 'co', '@example.com'))),
          valuePath('ims', and(eq('type', 'xmpp'), compare('value', 'co', '@foo.com'))),
        ),
      ],
    ];

    it.each(cases)('should parse %s', (input, expected) => {
      expect(parseFilter(input)).toStrictEqual(expected);
    });
  });

  describe('Microsoft Entra ID queries', () => {
    const cases: [string, FilterNode][] = [
      [
        'userName eq "Test_User_dfeef4c5-5681-4387-b016-bdf221e82081"',
        eq('userName', 'Test_User_dfeef4c5-5681-4387-b016-bdf221e82081'),
      ],
      [
        'externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"',
        eq('externalId', '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef'),
      ],
      [
        'emails[type eq "work"].value eq "Test_User_fd0ea19b@testuser.com"',
        valuePath('emails', and(eq('type', 'work'), eq('value', 'Test_User_fd0ea19b@testuser.com'))),
      ],
      ['displayName eq "Group"', eq('displayName', 'Group')],
      [
        'id eq "40734ae655284ad3abcc" and members[value eq "2819c223-7f76-453a-919d-413861904646"]',
        and(
          eq('id', '40734ae655284ad3abcc'),
          valuePath('members', eq('value', '2819c223-7f76-453a-919d-413861904646')),
        ),
      ],
      ['emails[type eq "work"].value pr', valuePath('emails', and(eq('type', 'work'), pr('value')))],
    ];

    it.each(cases)('should parse %s', (input, expected) => {
      expect(parseFilter(input)).toStrictEqual(expected);
    });
  });

  describe('grammar details', () => {
    const cases: [string, string, FilterNode][] = [
      ['operators in any case', 'userName EQ "a"', eq('userName', 'a')],
      ['and/or/not in any case', 'NOT (a Pr) AnD b pR oR c pr', or(and(not(pr('a')), pr('b')), pr('c'))],
      ['"and" tighter than "or"', 'a pr or b pr and c pr', or(pr('a'), and(pr('b'), pr('c')))],
      ['left-associative "and"', 'a pr and b pr and c pr', and(and(pr('a'), pr('b')), pr('c'))],
      ['left-associative "or"', 'a pr or b pr or c pr', or(or(pr('a'), pr('b')), pr('c'))],
      ['parentheses overriding precedence', '(a pr or b pr) and c pr', and(or(pr('a'), pr('b')), pr('c'))],
      ['right-nested parentheses', 'a pr and (b pr and c pr)', and(pr('a'), and(pr('b'), pr('c')))],
      ['redundant parentheses', '((a pr))', pr('a')],
      ['"not(" without a space (the ABNF spelling)', 'not(a pr)', not(pr('a'))],
      ['double negation', 'not (not (a pr))', not(not(pr('a')))],
      [
        '"not" inside a value filter',
        'emails[not (type eq "work")]',
        valuePath('emails', not(eq('type', 'work'))),
      ],
      [
        'parentheses inside a value filter',
        'emails[(type eq "a" or type eq "b") and primary eq true]',
        valuePath('emails', and(or(eq('type', 'a'), eq('type', 'b')), eq('primary', true))),
      ],
      ['an attribute called "not"', 'not pr', pr('not')],
      ['an attribute called "not" compared', 'not eq 1', eq('not', 1)],
      ['an attribute called "and"', 'and pr and or pr', and(pr('and'), pr('or'))],
      ['extension attribute', `${ENTERPRISE}:department eq "R&D"`, eq(`${ENTERPRISE}:department`, 'R&D')],
      [
        'extension sub-attribute',
        `${ENTERPRISE}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`,
        eq(`${ENTERPRISE}:manager.value`, '26118915-6090-4610-87e4-49d8ca9f808d'),
      ],
      ['$ref sub-attribute', 'groups.$ref pr', pr('groups.$ref')],
      [
        'JSON escapes',
        String.raw`displayName eq "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00"`,
        eq('displayName', 'a"b\\c/d\b\f\n\r\té😀'),
      ],
      ['raw non-ASCII', 'displayName eq "Zoë 😀"', eq('displayName', 'Zoë 😀')],
      [
        'SQL wildcards kept verbatim',
        String.raw`displayName co "50%_\\"`,
        compare('displayName', 'co', '50%_\\'),
      ],
      ['an integer', 'x eq 42', eq('x', 42)],
      ['a negative decimal with exponent', 'x gt -1.5e3', compare('x', 'gt', -1500)],
      ['negative zero', 'x eq -0', eq('x', -0)],
      ['true', 'active eq true', eq('active', true)],
      ['FALSE in upper case', 'active eq FALSE', eq('active', false)],
      ['null', 'title eq null', eq('title', null)],
      ['tabs and newlines as whitespace', 'a\tpr\nand\r\nb pr', and(pr('a'), pr('b'))],
      [
        'no space around strings and brackets',
        'emails[type eq"work"]',
        valuePath('emails', eq('type', 'work')),
      ],
      ['leading and trailing spaces', '  a pr  ', pr('a')],
    ];

    it.each(cases)('should parse %s', (_name, input, expected) => {
      expect(parseFilter(input)).toStrictEqual(expected);
    });
  });

  describe('malformed filters', () => {
    const cases: [string, string][] = [
      ['', 'Expected an attribute path at position 1 (end of filter)'],
      ['   ', 'Expected an attribute path at position 4 (end of filter)'],
      ['userName', 'Expected an operator after "userName" at position 9 (end of filter)'],
      ['userName xx "a"', 'Expected an operator after "userName" at position 10'],
      ['userName "a"', 'Expected an operator after "userName" at position 10'],
      ['userName eq', 'Expected a value after "eq" at position 12 (end of filter)'],
      ['userName eq bjensen', 'Expected a value after "eq" at position 13'],
      ['userName eq "a" xx', 'Expected "and", "or" or the end of the filter after "a" at position 17'],
      ['userName eq "a" and', 'Expected an attribute path after "and" at position 20 (end of filter)'],
      ['userName eq "a" or or', 'Expected an operator after "or" at position 22 (end of filter)'],
      ['(userName pr', 'Expected "and", "or" or ")" after "pr" at position 13 (end of filter)'],
      ['userName pr)', 'Expected "and", "or" or the end of the filter after "pr" at position 12'],
      ['()', 'Expected an attribute path after "(" at position 2'],
      ['not userName pr', 'Expected "(" after "not" at position 5'],
      ['not', 'Expected "(" after "not" at position 4 (end of filter)'],
      ['emails[type eq "work"', 'Expected "and", "or" or "]" after "work" at position 22 (end of filter)'],
      ['emails[]', 'Expected an attribute path after "[" at position 8'],
      ['emails[type eq "work"]]', 'Expected "and", "or" or the end of the filter after "]" at position 23'],
      ['emails[type eq "work"].', 'Expected a sub-attribute name after "." at position 24 (end of filter)'],
      ['emails[type eq "work"].value', 'Expected an operator after "value" at position 29 (end of filter)'],
      ['emails[type eq "work"].value.x eq "a"', 'Expected a sub-attribute name after "." at position 24'],
      [
        'emails[type eq "a" and x[y pr]]',
        'A value filter cannot contain another value filter, at position 25',
      ],
      ['name. pr', 'Invalid attribute path "name." at position 1'],
      ['name.givenName.x pr', 'Invalid attribute path "name.givenName.x" at position 1'],
      ['foo:bar pr', 'Invalid attribute path "foo:bar" at position 1'],
      ['urn::x pr', 'Invalid attribute path "urn::x" at position 1'],
      ['.name pr', 'Expected an attribute path at position 1'],
      ['"userName" eq "a"', 'Expected an attribute path at position 1'],
      ['userName eq "a" and 42', 'Expected an attribute path after "and" at position 21'],
      ['userName = "a"', 'Unexpected character "=" at position 10'],
      ["userName eq 'a'", 'Unexpected character "\'" at position 13'],
      ['userName eq "a', 'Unterminated string starting at position 13'],
      ['userName eq "a\\', 'Invalid escape sequence "\\" in a string at position 15'],
      ['userName eq "a\\x"', 'Invalid escape sequence "\\x" in a string at position 15'],
      ['userName eq "\\u12"', 'Invalid Unicode escape "\\u12"" in a string at position 14'],
      ['userName eq "\\u0000"', 'The character U+0000 is not allowed in a string at position 14'],
      ['userName eq "\\ud800"', 'Unpaired surrogate escape in a string at position 14'],
      ['userName eq "\\ud800\\u0041"', 'Unpaired surrogate escape in a string at position 14'],
      ['userName eq "\\udc00"', 'Unpaired surrogate escape in a string at position 14'],
      ['userName eq "a\ud800"', 'Unpaired surrogate in a string at position 15'],
      ['userName eq "a\nb"', 'Unescaped control character U+000A in a string at position 15'],
      ['userName eq 01', 'Invalid number "01" at position 13'],
      ['userName eq 1.', 'Invalid number "1." at position 13'],
      ['userName eq -', 'Invalid number "-" at position 13'],
      ['userName eq 1abc', 'Invalid number "1abc" at position 13'],
      ['userName eq "a" # comment', 'Unexpected character "#" at position 17'],
      ['userName eq "a"\u0007', 'Unexpected character U+0007 at position 16'],
      ['title gt null and', 'Expected an attribute path after "and" at position 18 (end of filter)'],
      [
        `displayName eq "${'x'.repeat(60)}" xx`,
        `Expected "and", "or" or the end of the filter after "${'x'.repeat(38)}… at position 79`,
      ],
    ];

    it.each(cases)('should reject %j', (input, message) => {
      const error = errorOf(() => parseFilter(input));
      expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter', detail: message });
    });
  });

  describe('limits', () => {
    it('should accept a filter of exactly the maximum length', () => {
      const input = `displayName eq "${'x'.repeat(MAX_FILTER_LENGTH - 17)}"`;
      expect(input).toHaveLength(MAX_FILTER_LENGTH);
      expect(parseFilter(input)).toMatchObject({ kind: 'compare' });
    });

    it('should reject a filter longer than 16 KiB', () => {
      const input = `displayName eq "${'x'.repeat(MAX_FILTER_LENGTH)}"`;
      expect(errorOf(() => parseFilter(input))).toMatchObject({
        status: 400,
        scimType: 'invalidFilter',
        detail: `Filter is ${MAX_FILTER_LENGTH + 17} characters long; the maximum is 16384 (16 KiB)`,
      });
    });

    it('should accept nesting up to the maximum depth', () => {
      const input = `${'('.repeat(MAX_FILTER_DEPTH)}a pr${')'.repeat(MAX_FILTER_DEPTH)}`;
      expect(parseFilter(input)).toStrictEqual(pr('a'));
    });

    it('should reject nesting deeper than the maximum', () => {
      const input = `${'not ('.repeat(MAX_FILTER_DEPTH + 1)}a pr${')'.repeat(MAX_FILTER_DEPTH + 1)}`;
      expect(errorOf(() => parseFilter(input)).detail).toBe(
        `Filter nests deeper than the maximum of 32 levels at position ${5 * MAX_FILTER_DEPTH + 5}`,
      );
    });

    it('should reject deep nesting long before the stack could overflow', () => {
      const input = '('.repeat(MAX_FILTER_LENGTH);
      expect(errorOf(() => parseFilter(input)).detail).toBe(
        'Filter nests deeper than the maximum of 32 levels at position 33',
      );
    });

    it('should accept the maximum number of expressions', () => {
      // n comparisons joined by n - 1 "or"s are 2n - 1 nodes.
      const comparisons = (MAX_FILTER_NODES + 1) / 2;
      const input = Array.from({ length: Math.floor(comparisons) }, (_, index) => `a${index} pr`).join(
        ' or ',
      );
      expect(() => parseFilter(input)).not.toThrow();
    });

    it('should reject more than the maximum number of expressions', () => {
      const input = Array.from({ length: MAX_FILTER_NODES }, (_, index) => `a${index} pr`).join(' or ');
      const error = errorOf(() => parseFilter(input));
      expect(error.detail).toMatch(/^Filter has more than the maximum of 200 expressions at position \d+$/);
    });
  });

  describe('fuzzing', () => {
    const fragments = fc.constantFrom(
      'userName',
      'emails',
      'name.familyName',
      `${ENTERPRISE}:manager.value`,
      ' eq ',
      ' co ',
      ' gt ',
      ' pr',
      ' and ',
      ' or ',
      'not ',
      '(',
      ')',
      '[',
      ']',
      '.',
      '"x"',
      '"\\u00e9"',
      '"\\ud800"',
      '"',
      '\\',
      '1',
      '-',
      'true',
      'null',
      ' ',
      'type eq "work"',
      'value',
      '%',
      '_',
      ':',
    );

    it('should throw nothing but a 400 ScimError on arbitrary text', () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 80 }),
            fc.array(fragments, { maxLength: 25 }).map((parts) => parts.join('')),
          ),
          (input) => {
            try {
              parseFilter(input);
            } catch (error) {
              if (!(error instanceof ScimError) || error.status !== 400 || error.scimType !== 'invalidFilter')
                throw error;
            }
          },
        ),
        { numRuns: 3000 },
      );
    });
  });
});

describe('parsePatchPath', () => {
  const cases: [string, PatchPath][] = [
    ['name.givenName', { path: path('name.givenName') }],
    ['userName', { path: path('userName') }],
    ['members', { path: path('members') }],
    ['members[value eq "2819c223"]', { path: path('members'), filter: eq('value', '2819c223') }],
    [
      'emails[type eq "work"].value',
      { path: path('emails'), filter: eq('type', 'work'), subAttribute: 'value' },
    ],
    [
      'addresses[type eq "work" and primary eq true].streetAddress',
      {
        path: path('addresses'),
        filter: and(eq('type', 'work'), eq('primary', true)),
        subAttribute: 'streetAddress',
      },
    ],
    [`${ENTERPRISE}:manager`, { path: path(`${ENTERPRISE}:manager`) }],
    [`${ENTERPRISE}:manager.value`, { path: path(`${ENTERPRISE}:manager.value`) }],
    [
      `${CORE}:emails[type eq "work"].value`,
      { path: path(`${CORE}:emails`), filter: eq('type', 'work'), subAttribute: 'value' },
    ],
  ];

  it.each(cases)('should parse %s', (input, expected) => {
    expect(parsePatchPath(input)).toStrictEqual(expected);
  });

  const malformed: [string, string][] = [
    ['', 'Expected an attribute path at position 1 (end of path)'],
    ['emails[type eq "work"', 'Expected "and", "or" or "]" after "work" at position 22 (end of path)'],
    ['emails[type eq "work"].', 'Expected a sub-attribute name after "." at position 24 (end of path)'],
    ['emails[type eq "work"]x', 'Expected "." or the end of the path after "]" at position 23'],
    ['emails[type eq "work"].value eq "x"', 'Expected the end of the path after "value" at position 30'],
    ['userName eq "x"', 'Expected "[" or the end of the path after "userName" at position 10'],
    ['emails[type[value pr]]', 'A value filter cannot contain another value filter, at position 12'],
    ['name..givenName', 'Invalid attribute path "name..givenName" at position 1'],
  ];

  it.each(malformed)('should reject %j with invalidPath', (input, message) => {
    expect(errorOf(() => parsePatchPath(input))).toMatchObject({
      status: 400,
      scimType: 'invalidPath',
      detail: message,
    });
  });
});

describe('parseAttributePath', () => {
  it('should parse a sortBy path', () => {
    expect(parseAttributePath('name.familyName')).toStrictEqual(path('name.familyName'));
  });

  it('should report errors with the scimType it is given', () => {
    expect(errorOf(() => parseAttributePath('name[', 'invalidValue'))).toMatchObject({
      scimType: 'invalidValue',
      detail: 'Expected the end of the path after "name" at position 5',
    });
  });
});
