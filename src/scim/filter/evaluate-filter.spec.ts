import { AttributeDefinition } from '../schema/attribute-definition';
import { userResourceSchema } from '../schema/resource-schema';
import { userSchema } from '../schema/user-schema';
import { JsonObject } from '../scim-resource';
import { ScimError } from '../errors/scim-error';
import { elementMatches, elementPredicate, filterPredicate, matchesFilter } from './evaluate-filter';
import { parseFilter } from './parser';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const barbara: JsonObject = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'BJ-0042',
  userName: 'BJensen@Example.com',
  name: { familyName: "O'Malley", givenName: 'Barbara', middleName: '' },
  displayName: 'Zoë Ωmega',
  title: null,
  userType: 'Employee',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  phoneNumbers: [],
  addresses: [{}],
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T06:42:34.5+02:00',
  },
  [ENTERPRISE]: { department: '50%_off\\deals', manager: { value: '26118915' } },
};

const matches = (filter: string, resource: JsonObject = barbara) =>
  matchesFilter(parseFilter(filter), resource, userResourceSchema);

describe('matchesFilter', () => {
  const cases: [string, string, boolean][] = [
    // RFC 7644 §3.4.2.2: attribute names and operators are case-insensitive.
    ['names in any case', 'USERNAME EQ "bjensen@example.com"', true],
    ['a fully qualified core name', 'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "bj"', true],
    ['an extension attribute', `${ENTERPRISE}:department sw "50%_"`, true],
    [
      'an extension attribute, URN in another case',
      `${ENTERPRISE.toUpperCase()}:DEPARTMENT ew "\\\\deals"`,
      true,
    ],
    ['an extension sub-attribute (caseExact)', `${ENTERPRISE}:manager.value eq "26118915"`, true],
    // caseExact decides the string comparison.
    ['userName is case-insensitive', 'userName eq "BJENSEN@EXAMPLE.COM"', true],
    ['externalId is case-exact', 'externalId eq "bj-0042"', false],
    ['externalId, exact case', 'externalId eq "BJ-0042"', true],
    ['id is case-exact', 'id eq "2819C223-7F76-453A-919D-413861904646"', false],
    ['folding beyond ASCII', 'displayName eq "ZOË ΩMEGA"', true],
    ['folding normalises NFD to NFC', 'displayName eq "Zoe\u0308 Ωmega"', true],
    ['% and _ are no wildcards', `${ENTERPRISE}:department co "%_o"`, true],
    ['% is no wildcard', `${ENTERPRISE}:department co "50%off"`, false],
    ['"co" with the empty string', 'userType co ""', true],
    // Ordering compares by code point after folding.
    ['gt on strings', 'userName gt "bjensen@example.co"', true],
    ['lt on strings', 'userName lt "BJENSEN@EXAMPLE.CO"', false],
    ['ge on equal strings', 'userName ge "BJensen@Example.com"', true],
    // dateTimes compare as instants.
    ['dateTime eq across offsets', 'meta.lastModified eq "2011-05-13T04:42:34.500Z"', true],
    ['dateTime gt', 'meta.lastModified gt "2011-05-13T04:42:34Z"', true],
    ['dateTime le', 'meta.created le "2010-01-23T04:56:22.000Z"', true],
    ['dateTime lt', 'meta.created lt "2010-01-23T04:56:22Z"', false],
    // Booleans.
    ['boolean eq', 'active eq true', true],
    ['boolean ne', 'active ne true', false],
    // Multi-valued: any value matches.
    ['a multi-valued sub-attribute', 'emails.value ew "jensen.org"', true],
    ['a multi-valued complex means its value', 'emails co "example.com"', true],
    ['a multi-valued boolean', 'emails.primary eq true', true],
    ['"ne" on a multi-valued attribute: some value differs', 'emails.type ne "work"', true],
    ['schemas (not in any schema, but filterable)', `schemas eq "${ENTERPRISE.toUpperCase()}"`, true],
    // Value paths tie the conditions to one element.
    ['a value path', 'emails[type eq "work" and value co "@example.com"]', true],
    [
      'a value path whose conditions hold on different elements',
      'emails[type eq "home" and value co "@example.com"]',
      false,
    ],
    ["Entra's value path", 'emails[type eq "work"].value eq "BJENSEN@example.com"', true],
    ['"not" inside a value path', 'emails[not (type eq "work")]', true],
    // pr: not null, "", [] or {}.
    ['pr on a value', 'userName pr', true],
    ['pr on null', 'title pr', false],
    ['pr on ""', 'name.middleName pr', false],
    ['pr on an absent attribute', 'nickName pr', false],
    ['pr on []', 'phoneNumbers pr', false],
    ['pr on [{}]', 'addresses pr', false],
    ['pr on a non-empty complex', 'name pr', true],
    ['pr on an absent extension', `${ENTERPRISE}:costCenter pr`, false],
    // Absent values never compare; "not" does.
    ['"eq" on an absent attribute', 'nickName eq "x"', false],
    ['"ne" on an absent attribute', 'nickName ne "x"', false],
    ['"ne" on a null attribute', 'title ne "x"', false],
    ['"not eq" on an absent attribute', 'not (nickName eq "x")', true],
    ['"eq null" on null', 'title eq null', true],
    ['"eq null" on a value', 'userName eq null', false],
    ['"ne null" on a value', 'userName ne null', true],
    // Logic.
    ['"and" binds tighter than "or"', 'userName eq "x" and title pr or active eq true', true],
    ['parentheses', 'userName eq "x" and (title pr or active eq true)', false],
    ['negation', 'not (active eq true)', false],
  ];

  it.each(cases)('should evaluate %s', (_name, filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it('should read keys spelled in another case when the schema spelling is absent', () => {
    expect(matches('userName eq "a"', { USERNAME: 'A' })).toBe(true);
  });

  it('should not match values of the wrong JSON type', () => {
    expect(matches('userName eq "1"', { userName: 1 })).toBe(false);
    expect(matches('active eq true', { active: 'true' })).toBe(false);
    expect(matches('meta.created gt "2000-01-01T00:00:00Z"', { meta: { created: 'yesterday' } })).toBe(false);
    expect(matches('emails.value eq "a"', { emails: { value: 'a' } })).toBe(false);
  });

  it('should order by code point, not by UTF-16 unit', () => {
    // U+1F600 is above U+FFFD by code point; as UTF-16 its first unit (U+D83D) is below.
    expect(matches('displayName gt "\uFFFD"', { displayName: '😀' })).toBe(true);
  });

  it('should throw 400 invalidFilter for a filter that does not fit the schema', () => {
    expect(() => matches('password eq "x"')).toThrow(ScimError);
  });

  it('should validate once and evaluate many resources with filterPredicate', () => {
    const isEmployee = filterPredicate(parseFilter('userType eq "employee"'), userResourceSchema);
    expect([barbara, { userType: 'Intern' }, {}].map(isEmployee)).toEqual([true, false, false]);
  });
});

describe('elementMatches', () => {
  const emails = userSchema.attributes.find(
    (attribute) => attribute.name === 'emails',
  ) as AttributeDefinition;

  const cases: [string, string, JsonObject, boolean][] = [
    ['a type', 'type eq "WORK"', { type: 'work', value: 'a@b.c' }, true],
    ['a type and a value', 'type eq "work" and value eq "A@B.C"', { type: 'work', value: 'a@b.c' }, true],
    ['another type', 'type eq "work"', { type: 'home', value: 'a@b.c' }, false],
    ['a boolean', 'primary eq true', { primary: true }, true],
    ['an absent sub-attribute', 'primary eq true', { value: 'x' }, false],
    ['"not"', 'not (primary eq true)', { value: 'x' }, true],
  ];

  it.each(cases)('should match %s', (_name, filter, element, expected) => {
    expect(elementMatches(parseFilter(filter), element, emails)).toBe(expected);
  });

  it('should never match an element that is not an object', () => {
    const isWork = elementPredicate(parseFilter('type eq "work"'), emails);
    expect(['work', null, ['work'], { type: 'work' }].map(isWork)).toEqual([false, false, false, true]);
  });

  it('should reject paths that are not sub-attributes, with 400 invalidFilter', () => {
    expect(() => elementMatches(parseFilter('emails.type eq "work"'), {}, emails)).toThrow(
      expect.objectContaining({ scimType: 'invalidFilter' }),
    );
  });
});
