import { ScimError } from '../errors/scim-error';
import { userResourceSchema } from '../schema/resource-schema';
import { userSchema } from '../schema/user-schema';
import { AttributeDefinition } from '../schema/attribute-definition';
import { assertNever } from '../../common/assert-never';
import { parseFilter } from './parser';
import { ResolvedFilter } from './resolved-filter';
import { validateFilter, validateValueFilter } from './validate-filter';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const emails = userSchema.attributes.find((attribute) => attribute.name === 'emails') as AttributeDefinition;

function errorOf(action: () => unknown): ScimError {
  try {
    action();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

const validate = (filter: string) => validateFilter(parseFilter(filter), userResourceSchema);

/** `kind:canonicalPath` of every leaf, to show what each path resolved to. */
function leaves(filter: ResolvedFilter): string[] {
  switch (filter.kind) {
    case 'compare':
    case 'present':
      return [`${filter.kind}:${filter.target.canonicalPath}`];
    case 'and':
    case 'or':
      return [...leaves(filter.left), ...leaves(filter.right)];
    case 'not':
      return leaves(filter.operand);
    case 'valuePath':
      return [`valuePath:${filter.target.canonicalPath}`, ...leaves(filter.filter)];
    default:
      return assertNever(filter);
  }
}

describe('validateFilter', () => {
  const accepted: [string, string[]][] = [
    ['USERNAME eq "a"', ['compare:userName']],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"', ['compare:userName']],
    ['URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:NAME.FAMILYNAME co "x"', ['compare:name.familyName']],
    [`${ENTERPRISE}:department eq "R&D"`, [`compare:${ENTERPRISE}:department`]],
    [`${ENTERPRISE}:manager.value eq "m"`, [`compare:${ENTERPRISE}:manager.value`]],
    [`${ENTERPRISE}:manager pr`, [`present:${ENTERPRISE}:manager`]],
    ['emails co "example.com"', ['compare:emails.value']],
    ['emails pr', ['present:emails']],
    [
      'emails[TYPE eq "work"].Value eq "x"',
      ['valuePath:emails', 'compare:emails.type', 'compare:emails.value'],
    ],
    ['schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"', ['compare:schemas']],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', ['compare:meta.lastModified']],
    ['id eq "x" and externalId eq "y"', ['compare:id', 'compare:externalId']],
    ['title eq null', ['present:title']],
    ['title ne null', ['present:title']],
    ['active eq false', ['compare:active']],
    ['groups.$ref pr', ['present:groups.$ref']],
  ];

  it.each(accepted)('should resolve %s', (filter, expected) => {
    expect(leaves(validate(filter))).toEqual(expected);
  });

  it('should desugar "eq null" into "not pr"', () => {
    expect(validate('title eq null')).toMatchObject({ kind: 'not', operand: { kind: 'present' } });
  });

  it('should carry dateTimes as canonical UTC text', () => {
    expect(validate('meta.created ge "2011-05-13T06:42:34.5+02:00"')).toMatchObject({
      value: '2011-05-13T04:42:34.500Z',
    });
  });

  const rejected: [string, string][] = [
    ['foo eq "a"', 'Unknown attribute "foo" in the filter'],
    ['name.nickName eq "a"', 'Unknown attribute "name.nickName" in the filter'],
    [
      'urn:example:unknown:1.0:User:userName eq "a"',
      'Unknown attribute "urn:example:unknown:1.0:User:userName" in the filter',
    ],
    [`${ENTERPRISE}:userName eq "a"`, `Unknown attribute "${ENTERPRISE}:userName" in the filter`],
    ['password eq "secret"', 'The attribute "password" cannot be used in a filter'],
    ['password pr', 'The attribute "password" cannot be used in a filter'],
    ['userName.first eq "a"', '"userName" is not complex, so it has no sub-attribute "first"'],
    ['name eq "a"', '"name" is complex; compare one of its sub-attributes, e.g. "name.formatted"'],
    [
      'addresses co "Paris"',
      '"addresses" is complex; compare one of its sub-attributes, e.g. "addresses.formatted"',
    ],
    [
      'userName[value eq "a"]',
      '"userName" is not a multi-valued complex attribute, so it cannot take a value filter',
    ],
    [
      'name[givenName eq "a"]',
      '"name" is not a multi-valued complex attribute, so it cannot take a value filter',
    ],
    [
      'emails.value[value eq "a"]',
      '"emails.value" is not a multi-valued complex attribute, so it cannot take a value filter',
    ],
    ['emails[foo eq "a"]', 'Unknown attribute "emails.foo" in the filter'],
    [
      'emails[emails.type eq "a"]',
      '"emails.type" is not a sub-attribute of "emails"; inside "emails[…]" name its sub-attributes only',
    ],
    ['active gt true', 'The operator "gt" does not apply to the boolean attribute "active"'],
    ['active co true', 'The operator "co" does not apply to the boolean attribute "active"'],
    ['emails.primary le false', 'The operator "le" does not apply to the boolean attribute "emails.primary"'],
    [
      'x509Certificates.value gt "a"',
      'The operator "gt" does not apply to the binary attribute "x509Certificates.value"',
    ],
    ['meta.created co "2011"', 'The operator "co" does not apply to the dateTime attribute "meta.created"'],
    ['active eq "true"', '"active" is a boolean attribute; compare it with true or false, not "true"'],
    ['userName eq 42', '"userName" is a string attribute; compare it with a quoted string, not 42'],
    ['userName eq true', '"userName" is a string attribute; compare it with a quoted string, not true'],
    [
      'meta.created gt "yesterday"',
      '"meta.created" is a dateTime attribute; compare it with a quoted xsd:dateTime such as "2011-05-13T04:42:34Z", not "yesterday"',
    ],
    [
      'meta.created gt "2011-02-30T00:00:00Z"',
      '"meta.created" is a dateTime attribute; compare it with a quoted xsd:dateTime such as "2011-05-13T04:42:34Z", not "2011-02-30T00:00:00Z"',
    ],
    [
      'meta.created gt "2011-05-13T04:42:34"',
      '"meta.created" is a dateTime attribute; compare it with a quoted xsd:dateTime such as "2011-05-13T04:42:34Z", not "2011-05-13T04:42:34"',
    ],
    ['title gt null', 'Only "eq" and "ne" can compare "title" with null, not "gt"'],
  ];

  it.each(rejected)('should reject %s', (filter, message) => {
    expect(errorOf(() => validate(filter))).toMatchObject({
      status: 400,
      scimType: 'invalidFilter',
      detail: message,
    });
  });

  it('should reject a value filter nested in another, even in a hand-built AST', () => {
    const nested = parseFilter('emails[type eq "work"]');
    expect(errorOf(() => validateValueFilter(nested, emails)).detail).toBe(
      'A value filter cannot contain another value filter ("emails[…]")',
    );
  });
});

describe('validateValueFilter', () => {
  it('should resolve paths against the sub-attributes of the attribute', () => {
    expect(leaves(validateValueFilter(parseFilter('type eq "work" and primary eq true'), emails))).toEqual([
      'compare:emails.type',
      'compare:emails.primary',
    ]);
  });

  it('should refuse an attribute that is not multi-valued and complex', () => {
    const userName = userSchema.attributes[0];
    expect(errorOf(() => validateValueFilter(parseFilter('value eq "a"'), userName)).detail).toBe(
      '"userName" is not a multi-valued complex attribute, so it cannot take a value filter',
    );
  });
});
