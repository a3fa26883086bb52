import fc from 'fast-check';
import { FilterNode, PatchPath } from './ast';
import { formatFilter, formatPatchPath } from './format-filter';
import { parseFilter, parsePatchPath } from './parser';
import { anyFilterAst } from './testing/filter-arbitraries';
import { and, compare, eq, not, or, pr, valuePath } from './testing/filter-builders';

describe('formatFilter', () => {
  const cases: [string, FilterNode, string][] = [
    ['a comparison', eq('userName', 'bjensen'), 'userName eq "bjensen"'],
    ['JSON escapes', eq('displayName', 'a"b\\c\n\u0001é'), String.raw`displayName eq "a\"b\\c\n\u0001é"`],
    [
      'numbers, booleans and null',
      and(and(eq('x', -1.5e-7), eq('y', true)), eq('z', null)),
      'x eq -1.5e-7 and y eq true and z eq null',
    ],
    ['negative zero', eq('x', -0), 'x eq -0'],
    ['presence', pr('title'), 'title pr'],
    [
      'a left-nested chain without parentheses',
      and(and(pr('a'), pr('b')), pr('c')),
      'a pr and b pr and c pr',
    ],
    [
      'a right-nested chain with parentheses',
      and(pr('a'), and(pr('b'), pr('c'))),
      'a pr and (b pr and c pr)',
    ],
    ['"or" under "and"', and(or(pr('a'), pr('b')), pr('c')), '(a pr or b pr) and c pr'],
    ['"and" under "or"', or(pr('a'), and(pr('b'), pr('c'))), 'a pr or b pr and c pr'],
    ['negation', not(or(pr('a'), pr('b'))), 'not (a pr or b pr)'],
    [
      "Entra's value path in RFC spelling",
      parseFilter('emails[type eq "work"].value eq "x"'),
      'emails[type eq "work" and value eq "x"]',
    ],
    [
      'a qualified path',
      compare('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value', 'eq', 'm'),
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "m"',
    ],
    [
      'a value path in a chain',
      or(valuePath('emails', eq('type', 'work')), pr('x')),
      'emails[type eq "work"] or x pr',
    ],
  ];

  it.each(cases)('should format %s', (_name, node, text) => {
    expect(formatFilter(node)).toBe(text);
  });

  it('should round-trip every AST through text: parseFilter(formatFilter(ast)) equals ast', () => {
    fc.assert(
      fc.property(anyFilterAst, (ast) => {
        // toEqual: fast-check builds null-prototype objects; the parser tables check exact shapes.
        expect(parseFilter(formatFilter(ast))).toEqual(ast);
      }),
      { numRuns: 1000 },
    );
  });

  it('should be a fixed point on formatted text', () => {
    fc.assert(
      fc.property(anyFilterAst, (ast) => {
        const text = formatFilter(ast);
        expect(formatFilter(parseFilter(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatPatchPath', () => {
  const paths = [
    'name.givenName',
    'members[value eq "2819c223"]',
    'emails[type eq "work"].value',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
    'addresses[type eq "work" and primary eq true].streetAddress',
  ];

  it.each(paths)('should round-trip %s', (text) => {
    const parsed: PatchPath = parsePatchPath(text);
    expect(formatPatchPath(parsed)).toBe(text);
  });
});
