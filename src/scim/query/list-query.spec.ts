import { ScimError } from '../errors/scim-error';
import { ENTERPRISE_USER_SCHEMA, SEARCH_REQUEST_SCHEMA, USER_SCHEMA } from '../schema/schema-urns';
import {
  DEFAULT_PAGE_SIZE,
  ListQuery,
  MAX_PAGE_SIZE,
  parseListQuery,
  parseSearchRequest,
  RawListQuery,
  SortSpec,
} from './list-query';

/** RFC 7644 §3.4.2 query parameters (GET) and §3.4.3 SearchRequest bodies (POST .search). */

const SORTABLE = 'id, userName, name.givenName, name.familyName, meta.created, meta.lastModified';

const DEFAULTS: ListQuery = {
  filter: undefined,
  sort: undefined,
  projection: { kind: 'default' },
  count: DEFAULT_PAGE_SIZE,
  page: { kind: 'index', startIndex: 1 },
};

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

interface RefusalCase<Input> {
  readonly name: string;
  readonly input: Input;
  readonly scimType: 'invalidValue' | 'invalidSyntax';
  readonly detail: string;
}

describe('parseListQuery', () => {
  it('should read an empty query as the first page of the default size', () => {
    expect(parseListQuery({})).toEqual(DEFAULTS);
    expect(DEFAULT_PAGE_SIZE).toBe(100);
    expect(MAX_PAGE_SIZE).toBe(200);
  });

  interface PagingCase {
    readonly name: string;
    readonly raw: RawListQuery;
    readonly expected: Partial<ListQuery>;
  }

  const paging: readonly PagingCase[] = [
    {
      name: 'should keep a startIndex of 1',
      raw: { startIndex: '1' },
      expected: { page: { kind: 'index', startIndex: 1 } },
    },
    {
      name: 'should keep a startIndex above 1',
      raw: { startIndex: '51' },
      expected: { page: { kind: 'index', startIndex: 51 } },
    },
    {
      name: 'should read a startIndex of 0 as 1 (RFC 7644 §3.4.2.4)',
      raw: { startIndex: '0' },
      expected: { page: { kind: 'index', startIndex: 1 } },
    },
    {
      name: 'should read a negative startIndex as 1',
      raw: { startIndex: '-20' },
      expected: { page: { kind: 'index', startIndex: 1 } },
    },
    {
      name: 'should treat a blank startIndex as absent',
      raw: { startIndex: ' ' },
      expected: { page: { kind: 'index', startIndex: 1 } },
    },
    {
      name: 'should trim a startIndex',
      raw: { startIndex: ' 7 ' },
      expected: { page: { kind: 'index', startIndex: 7 } },
    },
    { name: 'should keep a count', raw: { count: '25' }, expected: { count: 25 } },
    { name: 'should keep a count of 0 (totalResults only)', raw: { count: '0' }, expected: { count: 0 } },
    {
      name: 'should read a negative count as 0 (RFC 7644 §3.4.2.4)',
      raw: { count: '-5' },
      expected: { count: 0 },
    },
    {
      name: 'should keep a count of exactly the maximum',
      raw: { count: '200' },
      expected: { count: MAX_PAGE_SIZE },
    },
    {
      name: 'should cap a count above the maximum',
      raw: { count: '201' },
      expected: { count: MAX_PAGE_SIZE },
    },
    {
      name: 'should cap a huge count',
      raw: { count: '999999999999999' },
      expected: { count: MAX_PAGE_SIZE },
    },
    {
      name: 'should cap a count longer than any safe integer (RFC 7644 §3.4.2.4)',
      raw: { count: '12345678901234567890' },
      expected: { count: MAX_PAGE_SIZE },
    },
    {
      name: 'should treat an empty count as the default',
      raw: { count: '' },
      expected: { count: DEFAULT_PAGE_SIZE },
    },
    {
      name: 'should page by cursor when a cursor is sent (RFC 9865)',
      raw: { cursor: 'abc.def', count: '10' },
      expected: { count: 10, page: { kind: 'cursor', cursor: 'abc.def' } },
    },
    {
      name: 'should start cursor paging on an empty cursor (RFC 9865 §2.1)',
      raw: { cursor: '' },
      expected: { page: { kind: 'cursor', cursor: '' } },
    },
    {
      name: 'should allow a blank startIndex beside a cursor',
      raw: { cursor: 'abc.def', startIndex: '' },
      expected: { page: { kind: 'cursor', cursor: 'abc.def' } },
    },
    {
      name: 'should keep a filter as sent',
      raw: { filter: 'userName eq "Alice@contoso.com" ' },
      expected: { filter: 'userName eq "Alice@contoso.com" ' },
    },
    { name: 'should treat a blank filter as none', raw: { filter: '   ' }, expected: { filter: undefined } },
    {
      name: 'should read attributes into a projection',
      raw: { attributes: 'userName,emails' },
      expected: { projection: { kind: 'only', paths: ['userName', 'emails'] } },
    },
    {
      name: 'should read excludedAttributes into a projection',
      raw: { excludedAttributes: 'emails' },
      expected: { projection: { kind: 'except', paths: ['emails'] } },
    },
  ];

  it.each(paging)('$name', ({ raw, expected }) => {
    expect(parseListQuery(raw)).toEqual({ ...DEFAULTS, ...expected });
  });

  interface SortCase {
    readonly name: string;
    readonly sortBy: string;
    readonly sortOrder?: string;
    readonly expected: SortSpec;
  }

  const sorting: readonly SortCase[] = [
    {
      name: 'should sort by userName ascending by default',
      sortBy: 'userName',
      expected: { column: 'user_name_key', descending: false, path: 'userName' },
    },
    {
      name: 'should read sortBy case-insensitively and canonicalise its path',
      sortBy: 'USERNAME',
      expected: { column: 'user_name_key', descending: false, path: 'userName' },
    },
    {
      name: 'should read a URN-qualified core path',
      sortBy: `${USER_SCHEMA}:name.familyName`,
      expected: { column: 'last_name', descending: false, path: 'name.familyName' },
    },
    {
      name: 'should read a URN-qualified core path whatever its case',
      sortBy: `${USER_SCHEMA.toUpperCase()}:Name.GivenName`,
      expected: { column: 'first_name', descending: false, path: 'name.givenName' },
    },
    {
      name: 'should sort by id',
      sortBy: 'id',
      expected: { column: 'id', descending: false, path: 'id' },
    },
    {
      name: 'should sort by meta.created',
      sortBy: 'meta.created',
      expected: { column: 'created_at', descending: false, path: 'meta.created' },
    },
    {
      name: 'should sort by meta.lastModified descending',
      sortBy: ' meta.lastModified ',
      sortOrder: 'descending',
      expected: { column: 'updated_at', descending: true, path: 'meta.lastModified' },
    },
    {
      name: 'should read sortOrder case-insensitively',
      sortBy: 'userName',
      sortOrder: ' DESCENDING ',
      expected: { column: 'user_name_key', descending: true, path: 'userName' },
    },
    {
      name: 'should read ascending',
      sortBy: 'userName',
      sortOrder: 'Ascending',
      expected: { column: 'user_name_key', descending: false, path: 'userName' },
    },
    {
      name: 'should treat an empty sortOrder as ascending',
      sortBy: 'userName',
      sortOrder: '',
      expected: { column: 'user_name_key', descending: false, path: 'userName' },
    },
  ];

  it.each(sorting)('$name', ({ sortBy, sortOrder, expected }) => {
    expect(parseListQuery({ sortBy, sortOrder }).sort).toEqual(expected);
  });

  it('should not sort for a blank sortBy, even with a sortOrder', () => {
    expect(parseListQuery({ sortBy: ' ', sortOrder: 'descending' }).sort).toBeUndefined();
  });

  const refusals: readonly RefusalCase<RawListQuery>[] = [
    {
      name: 'should refuse a startIndex that is not a number',
      input: { startIndex: 'first' },
      scimType: 'invalidValue',
      detail: '"startIndex" must be an integer.',
    },
    {
      name: 'should refuse a fractional startIndex',
      input: { startIndex: '1.5' },
      scimType: 'invalidValue',
      detail: '"startIndex" must be an integer.',
    },
    {
      name: 'should refuse a count that is not a number',
      input: { count: 'ten' },
      scimType: 'invalidValue',
      detail: '"count" must be an integer.',
    },
    {
      name: 'should refuse a count in exponent notation',
      input: { count: '1e2' },
      scimType: 'invalidValue',
      detail: '"count" must be an integer.',
    },
    {
      name: 'should refuse a hexadecimal count',
      input: { count: '0x10' },
      scimType: 'invalidValue',
      detail: '"count" must be an integer.',
    },
    {
      name: 'should refuse cursor and startIndex paging together',
      input: { cursor: 'abc.def', startIndex: '1' },
      scimType: 'invalidValue',
      detail: 'Use either "cursor" or "startIndex" paging, not both.',
    },
    {
      name: 'should refuse an unknown sortOrder',
      input: { sortBy: 'userName', sortOrder: 'up' },
      scimType: 'invalidValue',
      detail: '"sortOrder" must be "ascending" or "descending".',
    },
    {
      name: 'should refuse an unknown sortOrder even without sortBy',
      input: { sortOrder: 'desc' },
      scimType: 'invalidValue',
      detail: '"sortOrder" must be "ascending" or "descending".',
    },
    {
      name: 'should refuse an attribute that is not sortable, listing the sortable ones',
      input: { sortBy: 'title' },
      scimType: 'invalidValue',
      detail: `"sortBy" must name a sortable attribute: ${SORTABLE}.`,
    },
    {
      name: 'should refuse a complex attribute as sortBy',
      input: { sortBy: 'name' },
      scimType: 'invalidValue',
      detail: `"sortBy" must name a sortable attribute: ${SORTABLE}.`,
    },
    {
      name: 'should refuse emails as sortBy: RFC 7644 §3.4.2.3 orders it by the primary email, which no column holds',
      input: { sortBy: 'emails' },
      scimType: 'invalidValue',
      detail: `"sortBy" must name a sortable attribute: ${SORTABLE}.`,
    },
    {
      name: 'should refuse an unknown attribute as sortBy',
      input: { sortBy: 'shoeSize' },
      scimType: 'invalidValue',
      detail: `"sortBy" must name a sortable attribute: ${SORTABLE}.`,
    },
    {
      name: 'should refuse an extension attribute as sortBy',
      input: { sortBy: `${ENTERPRISE_USER_SCHEMA}:department` },
      scimType: 'invalidValue',
      detail: `"sortBy" must name a sortable attribute: ${SORTABLE}.`,
    },
    {
      name: 'should refuse attributes and excludedAttributes together',
      input: { attributes: 'userName', excludedAttributes: 'emails' },
      scimType: 'invalidValue',
      detail: 'Send either "attributes" or "excludedAttributes", not both.',
    },
  ];

  it.each(refusals)('$name', ({ input, scimType, detail }) => {
    const error = thrown(() => parseListQuery(input));

    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType, detail });
  });
});

describe('parseSearchRequest', () => {
  const SCHEMAS = [SEARCH_REQUEST_SCHEMA];

  it("should read Entra's SearchRequest like the same query in a URL", () => {
    const body = {
      schemas: SCHEMAS,
      filter: 'userName eq "alice@contoso.com"',
      attributes: ['userName', 'emails', 'name'],
      startIndex: 1,
      count: 10,
    };

    expect(parseSearchRequest(body)).toEqual(
      parseListQuery({
        filter: 'userName eq "alice@contoso.com"',
        attributes: 'userName,emails,name',
        startIndex: '1',
        count: '10',
      }),
    );
    expect(parseSearchRequest(body)).toEqual({
      ...DEFAULTS,
      filter: 'userName eq "alice@contoso.com"',
      projection: { kind: 'only', paths: ['userName', 'emails', 'name'] },
      count: 10,
    });
  });

  interface SearchCase {
    readonly name: string;
    readonly body: Record<string, unknown>;
    readonly expected: Partial<ListQuery>;
  }

  const accepted: readonly SearchCase[] = [
    { name: 'should default a request with schemas only', body: {}, expected: {} },
    {
      name: 'should read the schema URN case-insensitively',
      body: { schemas: [SEARCH_REQUEST_SCHEMA.toUpperCase()] },
      expected: {},
    },
    {
      name: 'should read sortBy and sortOrder',
      body: { sortBy: 'name.familyName', sortOrder: 'descending' },
      expected: { sort: { column: 'last_name', descending: true, path: 'name.familyName' } },
    },
    {
      name: 'should read excludedAttributes as an array',
      body: { excludedAttributes: ['emails', 'phoneNumbers'] },
      expected: { projection: { kind: 'except', paths: ['emails', 'phoneNumbers'] } },
    },
    {
      name: 'should read startIndex and count as numbers, with the GET limits',
      body: { startIndex: 0, count: 1000 },
      expected: { count: MAX_PAGE_SIZE, page: { kind: 'index', startIndex: 1 } },
    },
    {
      name: 'should read a negative count as 0',
      body: { count: -1 },
      expected: { count: 0 },
    },
    {
      name: 'should read a cursor',
      body: { cursor: 'abc.def' },
      expected: { page: { kind: 'cursor', cursor: 'abc.def' } },
    },
    {
      name: 'should treat null members as absent',
      body: { filter: null, sortBy: null, startIndex: null, count: null, attributes: null },
      expected: {},
    },
  ];

  it.each(accepted)('$name', ({ body, expected }) => {
    expect(parseSearchRequest({ schemas: SCHEMAS, ...body })).toEqual({ ...DEFAULTS, ...expected });
  });

  const refusals: readonly RefusalCase<unknown>[] = [
    {
      name: 'should refuse a body that is not an object',
      input: 'filter=userName eq "a"',
      scimType: 'invalidSyntax',
      detail: 'The SearchRequest body must be a JSON object.',
    },
    {
      name: 'should refuse a null body',
      input: null,
      scimType: 'invalidSyntax',
      detail: 'The SearchRequest body must be a JSON object.',
    },
    {
      name: 'should refuse an array body',
      input: [{ schemas: SCHEMAS }],
      scimType: 'invalidSyntax',
      detail: 'The SearchRequest body must be a JSON object.',
    },
    {
      name: 'should require schemas',
      input: { filter: 'userName eq "a"' },
      scimType: 'invalidSyntax',
      detail: `"schemas" must contain "${SEARCH_REQUEST_SCHEMA}".`,
    },
    {
      name: 'should require schemas to be an array',
      input: { schemas: SEARCH_REQUEST_SCHEMA },
      scimType: 'invalidSyntax',
      detail: `"schemas" must contain "${SEARCH_REQUEST_SCHEMA}".`,
    },
    {
      name: 'should require the SearchRequest URN among the schemas',
      input: { schemas: [USER_SCHEMA] },
      scimType: 'invalidSyntax',
      detail: `"schemas" must contain "${SEARCH_REQUEST_SCHEMA}".`,
    },
    {
      name: 'should require attributes to be an array',
      input: { schemas: SCHEMAS, attributes: 'userName' },
      scimType: 'invalidValue',
      detail: '"attributes" must be an array of attribute names.',
    },
    {
      name: 'should require attributes to hold strings',
      input: { schemas: SCHEMAS, attributes: ['userName', 7] },
      scimType: 'invalidValue',
      detail: '"attributes" must be an array of attribute names.',
    },
    {
      name: 'should require excludedAttributes to be an array',
      input: { schemas: SCHEMAS, excludedAttributes: 'emails' },
      scimType: 'invalidValue',
      detail: '"excludedAttributes" must be an array of attribute names.',
    },
    {
      name: 'should require startIndex to be a number, not a string',
      input: { schemas: SCHEMAS, startIndex: '1' },
      scimType: 'invalidValue',
      detail: '"startIndex" must be an integer.',
    },
    {
      name: 'should require count to be an integer',
      input: { schemas: SCHEMAS, count: 2.5 },
      scimType: 'invalidValue',
      detail: '"count" must be an integer.',
    },
    {
      name: 'should require count to be a number, not a string',
      input: { schemas: SCHEMAS, count: '10' },
      scimType: 'invalidValue',
      detail: '"count" must be an integer.',
    },
    {
      name: 'should require filter to be a string',
      input: { schemas: SCHEMAS, filter: { userName: 'a' } },
      scimType: 'invalidValue',
      detail: '"filter" must be a string.',
    },
    {
      name: 'should require sortBy to be a string',
      input: { schemas: SCHEMAS, sortBy: ['userName'] },
      scimType: 'invalidValue',
      detail: '"sortBy" must be a string.',
    },
    {
      name: 'should require cursor to be a string',
      input: { schemas: SCHEMAS, cursor: 2 },
      scimType: 'invalidValue',
      detail: '"cursor" must be a string.',
    },
    {
      name: 'should refuse cursor and startIndex together',
      input: { schemas: SCHEMAS, cursor: '', startIndex: 1 },
      scimType: 'invalidValue',
      detail: 'Use either "cursor" or "startIndex" paging, not both.',
    },
  ];

  it.each(refusals)('$name', ({ input, scimType, detail }) => {
    const error = thrown(() => parseSearchRequest(input));

    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType, detail });
  });
});
