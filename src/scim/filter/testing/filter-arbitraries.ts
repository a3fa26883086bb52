/**
 * fast-check arbitraries for the filter specs: any syntactically valid AST (round-trip tests),
 * and schema-valid filters plus users drawn from the same small value pools, so that random
 * filters actually match random users (SQL-versus-memory tests).
 */
import fc from 'fast-check';
import { JsonObject, JsonValue } from '../../scim-resource';
import { AttributePath, CompareOperator, FilterNode, FilterValue } from '../ast';
import { and, compare, not, or, path, pr, valuePath } from './filter-builders';

export const CORE_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const ALL_OPERATORS: CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

/** A lone surrogate or U+0000 cannot be written in a filter (the lexer refuses them). */
export const isWritable = (text: string) => !text.includes('\u0000') && !/\p{Cs}/u.test(text);

// ---------------------------------------------------------------------------------------------
// Any AST, for parse(format(ast)) = ast.

const attributeName = fc.oneof(
  fc.stringMatching(/^\$?[A-Za-z][A-Za-z0-9_-]{0,6}$/),
  // Keywords are legal attribute names; the parser must tell them apart by position.
  fc.constantFrom('and', 'or', 'not', 'pr', 'eq', 'true', 'null', 'NOT', 'value', 'type'),
);

const anyAttributePath: fc.Arbitrary<AttributePath> = fc
  .record({
    schemaUrn: fc.option(fc.constantFrom(CORE_URN, ENTERPRISE_URN, 'urn:x:y.z', 'URN:A:2.0:b'), {
      nil: undefined,
    }),
    attribute: attributeName,
    subAttribute: fc.option(attributeName, { nil: undefined }),
  })
  .map(({ schemaUrn, attribute, subAttribute }) => ({
    ...(schemaUrn === undefined ? {} : { schemaUrn }),
    attribute,
    ...(subAttribute === undefined ? {} : { subAttribute }),
  }));

const anyValue: fc.Arbitrary<FilterValue> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }).filter(isWritable),
  fc.string({ maxLength: 6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

const anyLeaf: fc.Arbitrary<FilterNode> = fc.oneof(
  fc.record({
    kind: fc.constant('compare' as const),
    path: anyAttributePath,
    operator: fc.constantFrom(...ALL_OPERATORS),
    value: anyValue,
  }),
  fc.record({ kind: fc.constant('present' as const), path: anyAttributePath }),
);

/** Trees of and/or/not over `leaf`, plus `valuePath` nodes (whose filters hold none) when given. */
export function filterTree(
  leaf: fc.Arbitrary<FilterNode>,
  valuePathOf?: (inner: fc.Arbitrary<FilterNode>) => fc.Arbitrary<FilterNode>,
  maxDepth = 4,
): fc.Arbitrary<FilterNode> {
  const logical = (node: fc.Arbitrary<FilterNode>) =>
    fc.letrec<{ tree: FilterNode }>((tie) => ({
      tree: fc.oneof(
        { maxDepth, depthIdentifier: 'filter' },
        node,
        fc.tuple(tie('tree'), tie('tree')).map(([left, right]) => and(left, right)),
        fc.tuple(tie('tree'), tie('tree')).map(([left, right]) => or(left, right)),
        tie('tree').map(not),
      ),
    })).tree;
  if (!valuePathOf) return logical(leaf);
  const inner = logical(leaf);
  return logical(fc.oneof(leaf, valuePathOf(inner)));
}

export const anyFilterAst: fc.Arbitrary<FilterNode> = filterTree(anyLeaf, (inner) =>
  fc
    .tuple(anyAttributePath, inner)
    .map(([attribute, filter]) => ({ kind: 'valuePath' as const, path: attribute, filter })),
);

// ---------------------------------------------------------------------------------------------
// Users and schema-valid filters over the User schema.

/**
 * Strings chosen to catch folding and collation slips: case pairs beyond ASCII, NFC versus NFD,
 * final sigma, dotted I, SQL wildcards, a character above U+FFFF and one in U+E000–U+FFFF.
 */
export const STRING_POOL = [
  'alice',
  'Alice',
  'ALICE',
  'bob',
  'Bob',
  'émile',
  'Émile',
  'E\u0301mile',
  'ß',
  'SS',
  'ss',
  'İstanbul',
  'i\u0307stanbul',
  '\u039f\u0394\u039f\u03a3',
  '\u03bf\u03b4\u03bf\u03c3',
  '\u03bf\u03b4\u03bf\u03c2',
  '50%',
  '5_0',
  'a\\b',
  'x@example.com',
  'X@Example.COM',
  'y@example.org',
  '😀',
  '\uE000',
  'work',
  'Work',
  'home',
  'zoë',
  'ZOË',
  "O'Malley",
  '',
  ' ',
  'a',
  'B',
];
const FRAGMENT_POOL = [
  '%',
  '_',
  '\\',
  'li',
  'LI',
  'É',
  'e\u0301',
  'example',
  '.COM',
  '@',
  'mile',
  '\u03c2',
  '\u03a3',
  '😀',
];
export const DATE_POOL = [
  '2011-05-13T04:42:34Z',
  '2011-05-13T04:42:34.000Z',
  '2011-05-13T06:42:34+02:00',
  '2011-05-13T04:42:34.001Z',
  '2011-05-13T04:42:33.999Z',
  '1999-12-31T23:59:59.999Z',
  '2020-02-29T12:00:00-05:30',
];
export const ID_POOL = Array.from(
  { length: 40 },
  (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
);
const TYPE_POOL = ['work', 'Work', 'WORK', 'home', 'other'];

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const stringValue = fc.oneof(
  { weight: 4, arbitrary: pick(STRING_POOL) },
  { weight: 1, arbitrary: pick(FRAGMENT_POOL) },
);
/** Attribute names in any case, and (outside value filters) core attributes fully qualified. */
const spelledName = (name: string, qualify = true) => {
  const variants = [name, name.toUpperCase(), name.toLowerCase()];
  if (qualify && !name.startsWith('urn:') && name !== 'schemas') variants.push(`${CORE_URN}:${name}`);
  return pick(variants);
};

function stringLeaf(attribute: string, qualify = true): fc.Arbitrary<FilterNode> {
  const spelled = (name: string) => spelledName(name, qualify);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(spelled(attribute), pick(ALL_OPERATORS), stringValue)
        .map(([name, operator, value]) => compare(name, operator, value)),
    },
    { weight: 1, arbitrary: spelled(attribute).map(pr) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(spelled(attribute), pick(['eq', 'ne'] as const))
        .map(([name, operator]) => compare(name, operator, null)),
    },
  );
}

function idLeaf(): fc.Arbitrary<FilterNode> {
  const values = pick([...ID_POOL.slice(0, 30), ID_POOL[0].toUpperCase(), 'not-a-uuid', '0000']);
  return fc.oneof(
    fc
      .tuple(pick(['eq', 'ne', 'sw', 'co', 'gt'] as const), values)
      .map(([operator, value]) => compare('id', operator, value)),
    fc.constant(pr('id')),
  );
}

function booleanLeaf(attribute: string, qualify = true): fc.Arbitrary<FilterNode> {
  const spelled = (name: string) => spelledName(name, qualify);
  return fc.oneof(
    fc
      .tuple(spelled(attribute), pick(['eq', 'ne'] as const), fc.boolean())
      .map(([name, operator, value]) => compare(name, operator, value)),
    spelled(attribute).map(pr),
    spelled(attribute).map((name) => compare(name, 'eq', null)),
  );
}

function dateTimeLeaf(attribute: string): fc.Arbitrary<FilterNode> {
  return fc.oneof(
    fc
      .tuple(pick(['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const), pick(DATE_POOL))
      .map(([operator, value]) => compare(attribute, operator, value)),
    fc.constant(pr(attribute)),
  );
}

const STRING_ATTRIBUTES = [
  'userName',
  'displayName',
  'title',
  'externalId',
  'name.givenName',
  'name.familyName',
  'emails',
  'emails.value',
  'emails.type',
  'emails.display',
  'phoneNumbers.value',
  'addresses.locality',
  'schemas',
  `${ENTERPRISE_URN}:department`,
  `${ENTERPRISE_URN}:manager.value`,
];
const COMPLEX_ATTRIBUTES = ['name', 'emails', 'addresses', 'phoneNumbers', `${ENTERPRISE_URN}:manager`];

const userLeaf: fc.Arbitrary<FilterNode> = fc.oneof(
  { weight: 8, arbitrary: fc.oneof(...STRING_ATTRIBUTES.map((name) => stringLeaf(name))) },
  { weight: 1, arbitrary: idLeaf() },
  { weight: 2, arbitrary: fc.oneof(booleanLeaf('active'), booleanLeaf('emails.primary')) },
  { weight: 2, arbitrary: fc.oneof(dateTimeLeaf('meta.created'), dateTimeLeaf('meta.lastModified')) },
  { weight: 1, arbitrary: pick(COMPLEX_ATTRIBUTES).map(pr) },
);

/** Leaves for inside `emails[…]`/`phoneNumbers[…]`/`addresses[…]`. */
function elementLeaf(subAttributes: { strings: string[]; booleans: string[] }): fc.Arbitrary<FilterNode> {
  const typeEq = fc
    .tuple(spelledName('type', false), pick(TYPE_POOL))
    .map(([name, value]) => compare(name, 'eq', value));
  return fc.oneof(
    { weight: 2, arbitrary: typeEq },
    { weight: 4, arbitrary: fc.oneof(...subAttributes.strings.map((name) => stringLeaf(name, false))) },
    { weight: 1, arbitrary: fc.oneof(...subAttributes.booleans.map((name) => booleanLeaf(name, false))) },
  );
}

const EMAIL_LIKE = { strings: ['value', 'type', 'display'], booleans: ['primary'] };
const ADDRESS = { strings: ['locality', 'type'], booleans: ['primary'] };

/** Entra's lookup, in both spellings of its AST, on top of random value filters. */
const workEmailLookup: fc.Arbitrary<FilterNode> = fc
  .tuple(pick(['work', 'Work', 'WORK']), pick(ALL_OPERATORS), stringValue, fc.boolean())
  .map(([type, operator, value, swapped]) => {
    const selector = compare('type', 'eq', type);
    const leaf = compare('value', operator, value);
    return valuePath('emails', swapped ? and(leaf, selector) : and(selector, leaf));
  });

export const userFilter: fc.Arbitrary<FilterNode> = filterTree(userLeaf, () =>
  fc.oneof(
    workEmailLookup,
    fc
      .tuple(spelledName('emails'), filterTree(elementLeaf(EMAIL_LIKE), undefined, 2))
      .map(([name, filter]) => valuePath(name, filter)),
    filterTree(elementLeaf(EMAIL_LIKE), undefined, 2).map((filter) => valuePath('phoneNumbers', filter)),
    filterTree(elementLeaf(ADDRESS), undefined, 2).map((filter) => valuePath('addresses', filter)),
  ),
);

/** Absent, null, or a value (fields of stored resources are all optional here). */
const optional = <T extends JsonValue>(value: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 4, arbitrary: value },
  );

const compact = (object: Record<string, JsonValue | undefined>): JsonObject =>
  Object.fromEntries(
    Object.entries(object).filter((entry): entry is [string, JsonValue] => entry[1] !== undefined),
  );

const multiValuedElement = (fields: Record<string, fc.Arbitrary<JsonValue>>) =>
  fc
    .record(Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, optional(value)])))
    .map(compact);

const emailElement = multiValuedElement({
  value: pick(STRING_POOL),
  type: pick(TYPE_POOL),
  primary: fc.boolean(),
  display: pick(STRING_POOL),
});
const addressElement = multiValuedElement({
  locality: pick(STRING_POOL),
  type: pick(TYPE_POOL),
  primary: fc.boolean(),
});

const isWork = (element: JsonValue) =>
  typeof element === 'object' &&
  element !== null &&
  !Array.isArray(element) &&
  typeof element['type'] === 'string' &&
  element['type'].toLowerCase() === 'work';

/** At most one work email: the persistence layer's work-email column holds one value. */
const emails = fc.array(emailElement, { maxLength: 3 }).map((elements) => {
  const firstWork = elements.findIndex(isWork);
  return elements.filter((element, index) => !isWork(element) || index === firstWork);
});

/** A stored SCIM user (minus `id`, given by the caller), conforming to the User schema's types. */
export const userResource: fc.Arbitrary<JsonObject> = fc
  .record({
    userName: pick(STRING_POOL.filter((value) => value.trim() === value && value !== '')),
    externalId: optional(pick(STRING_POOL)),
    displayName: optional(pick(STRING_POOL)),
    title: optional(pick(STRING_POOL)),
    active: optional(fc.boolean()),
    name: optional(multiValuedElement({ givenName: pick(STRING_POOL), familyName: pick(STRING_POOL) })),
    emails: optional(emails),
    phoneNumbers: optional(fc.array(emailElement, { maxLength: 2 })),
    addresses: optional(fc.array(addressElement, { maxLength: 2 })),
    created: pick(DATE_POOL),
    lastModified: optional(pick(DATE_POOL)),
    enterprise: fc.option(
      multiValuedElement({
        department: pick(STRING_POOL),
        manager: multiValuedElement({ value: pick(STRING_POOL) }),
      }),
      { nil: undefined },
    ),
    schemaSpelling: pick([ENTERPRISE_URN, ENTERPRISE_URN.toUpperCase()]),
  })
  .map(({ created, lastModified, enterprise, schemaSpelling, ...user }) =>
    compact({
      schemas: enterprise ? [CORE_URN, schemaSpelling] : [CORE_URN],
      ...user,
      meta: compact({ resourceType: 'User', created, lastModified }),
      [ENTERPRISE_URN]: enterprise,
    }),
  );

export { path };
