import fc from 'fast-check';
import { ScimError } from '../errors/scim-error';
import { userResourceSchema } from '../schema/resource-schema';
import { compileFilterSql, FilterSqlTarget } from './compile-filter-sql';
import { SqlDialectName } from './filter-sql-dialect';
import { foldCase } from './fold-case';
import { parseFilter } from './parser';
import { isWritable } from './testing/filter-arbitraries';
import { userTableTarget } from './testing/user-table';

const compile = (
  filter: string,
  dialect: SqlDialectName = 'sqlite',
  target: FilterSqlTarget = userTableTarget(dialect),
) => compileFilterSql(parseFilter(filter), userResourceSchema, target);

describe('compileFilterSql', () => {
  describe("Entra's lookups: a plain equality on the bound column", () => {
    const cases: [string, string, Record<string, string>][] = [
      ['userName eq "BJensen@Example.COM"', '"u"."user_name_key" = :f0', { f0: 'bjensen@example.com' }],
      ['externalId eq "0A21f0f2"', '"u"."external_id" = :f0', { f0: '0A21f0f2' }],
      [
        'id eq "2819c223-7f76-453a-919d-413861904646"',
        '"u"."id" = :f0',
        { f0: '2819c223-7f76-453a-919d-413861904646' },
      ],
      ['emails[type eq "work"].value eq "B@X.io"', '"u"."work_email_key" = :f0', { f0: 'b@x.io' }],
      ['emails[VALUE eq "B@X.io" and TYPE eq "Work"]', '"u"."work_email_key" = :f0', { f0: 'b@x.io' }],
      [
        'userName eq "a" and externalId eq "b"',
        '("u"."user_name_key" = :f0 AND "u"."external_id" = :f1)',
        { f0: 'a', f1: 'b' },
      ],
    ];

    it.each(cases)('should compile %s', (filter, where, parameters) => {
      for (const dialect of ['sqlite', 'postgres'] as const) {
        expect(compile(filter, dialect)).toEqual({ where, parameters });
      }
    });
  });

  describe('mapped columns', () => {
    const cases: [string, SqlDialectName, string][] = [
      ['userName pr', 'sqlite', `("u"."user_name_key" IS NOT NULL AND "u"."user_name_key" <> '')`],
      ['userName co "%_\\\\"', 'sqlite', 'instr("u"."user_name_key", :f0) > 0'],
      ['userName sw "a"', 'postgres', 'starts_with("u"."user_name_key", :f0)'],
      ['userName ew "a"', 'sqlite', 'substr("u"."user_name_key", -length(:f0)) = :f0'],
      ['userName ew "a"', 'postgres', 'right("u"."user_name_key", char_length(:f0)) = :f0'],
      ['userName gt "a"', 'sqlite', '"u"."user_name_key" > :f0'],
      ['userName gt "a"', 'postgres', '("u"."user_name_key") COLLATE "C" > :f0'],
      ['userName co ""', 'sqlite', '"u"."user_name_key" IS NOT NULL'],
      ['name.givenName eq "Émile"', 'sqlite', 'scim_fold("u"."given_name") = :f0'],
      ['active eq true', 'sqlite', '"u"."suspended" = FALSE'],
      ['active ne true', 'postgres', '"u"."suspended" = TRUE'],
      ['active pr', 'sqlite', '"u"."suspended" IS NOT NULL'],
      ['meta.created gt "2011-05-13T06:42:34+02:00"', 'sqlite', '"u"."created_at" > :f0'],
      [
        'meta.created gt "2011-05-13T06:42:34+02:00"',
        'postgres',
        '"u"."created_at" > CAST(:f0 AS timestamptz)',
      ],
      ['id eq "2819C223-7F76-453A-919D-413861904646"', 'postgres', 'FALSE'],
      ['id ne "not-a-uuid"', 'postgres', '"u"."id" IS NOT NULL'],
      ['not (userName eq "a")', 'sqlite', 'NOT COALESCE("u"."user_name_key" = :f0, FALSE)'],
    ];

    it.each(cases)('should compile %s on %s', (filter, dialect, where) => {
      expect(compile(filter, dialect).where).toBe(where);
    });

    it('should bind dateTimes as canonical UTC text', () => {
      expect(compile('meta.created gt "2011-05-13T06:42:34+02:00"').parameters).toEqual({
        f0: '2011-05-13T04:42:34.000Z',
      });
    });

    it('should read a caseExact attribute from the JSON when its column is canonical', () => {
      const target = userTableTarget('sqlite');
      const caseFolded = {
        ...target,
        columns: {
          ...target.columns,
          externalId: { kind: 'string' as const, expression: '"u"."x"', fold: 'canonical' as const },
        },
      };
      expect(compile('externalId eq "A"', 'sqlite', caseFolded)).toEqual({
        where: 'json_extract("u"."resource", :f0) = :f1',
        parameters: { f0: '$."externalId"', f1: 'A' },
      });
    });
  });

  describe('attributes read from the JSON', () => {
    const cases: [string, SqlDialectName, string, Record<string, string | number>][] = [
      [
        'title eq "Boss"',
        'sqlite',
        'scim_fold(json_extract("u"."resource", :f0)) = :f1',
        { f0: '$."title"', f1: 'boss' },
      ],
      [
        'title eq "Boss"',
        'postgres',
        'scim_fold(jsonb_extract_path_text(CAST("u"."resource" AS jsonb), :f0)) = :f1',
        { f0: 'title', f1: 'boss' },
      ],
      [
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "M"',
        'sqlite',
        'json_extract("u"."resource", :f0) = :f1',
        { f0: '$."urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"."manager"."value"', f1: 'M' },
      ],
      [
        'emails.value co "@x"',
        'sqlite',
        `EXISTS (SELECT 1 FROM json_each("u"."resource", :f0) AS scim_e0 WHERE json_type("u"."resource", :f0) = 'array' AND instr(scim_fold(json_extract(CASE scim_e0.type WHEN 'object' THEN scim_e0.value END, :f1)), :f2) > 0)`,
        { f0: '$."emails"', f1: '$."value"', f2: '@x' },
      ],
      [
        'emails[type eq "home"]',
        'postgres',
        `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE jsonb_typeof(jsonb_extract_path(CAST("u"."resource" AS jsonb), :f0)) WHEN 'array' THEN jsonb_extract_path(CAST("u"."resource" AS jsonb), :f0) END) AS scim_e0(value) WHERE scim_fold(jsonb_extract_path_text(scim_e0.value, :f1)) = :f2)`,
        { f0: 'emails', f1: 'type', f2: 'home' },
      ],
      [
        'name pr',
        'postgres',
        `(jsonb_typeof(jsonb_extract_path(CAST("u"."resource" AS jsonb), :f0)) = 'object' AND jsonb_extract_path(CAST("u"."resource" AS jsonb), :f0) <> CAST('{}' AS jsonb))`,
        { f0: 'name' },
      ],
      [
        'meta.lastModified lt "2011-05-13T04:42:34Z"',
        'sqlite',
        `strftime('%Y-%m-%dT%H:%M:%fZ', json_extract("u"."resource", :f0)) < :f1`,
        { f0: '$."meta"."lastModified"', f1: '2011-05-13T04:42:34.000Z' },
      ],
    ];

    it.each(cases)('should compile %s on %s', (filter, dialect, where, parameters) => {
      expect(compile(filter, dialect)).toEqual({ where, parameters });
    });
  });

  describe('injection', () => {
    const hostile = `x' OR 1=1; DROP TABLE users; -- :f1 $1 \\" %_`;

    it.each(['sqlite', 'postgres'] as const)(
      'should keep every filter value out of the SQL text on %s',
      (dialect) => {
        const filter = `externalId eq ${JSON.stringify(hostile)} or title co ${JSON.stringify(hostile)} or emails[type eq ${JSON.stringify(hostile)}]`;
        const { where, parameters } = compile(filter, dialect);
        expect(where).not.toMatch(/drop/i);
        expect(where).not.toContain("x'");
        expect(Object.values(parameters)).toEqual(expect.arrayContaining([hostile, foldCase(hostile)]));
      },
    );

    it('should keep generated SQL free of colons other than its own parameters', () => {
      fc.assert(
        fc.property(
          fc.constantFrom('sqlite' as const, 'postgres' as const),
          fc.string().filter(isWritable),
          (dialect, value) => {
            const { where } = compile(
              `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department co ${JSON.stringify(value)}`,
              dialect,
            );
            // TypeORM replaces every ":name" it finds; a stray one would be mistaken for a parameter.
            expect(where.replace(/:f\d+/g, '')).not.toMatch(/:[A-Za-z0-9_]/);
          },
        ),
        { numRuns: 50 },
      );
    });
  });

  it('should name parameters with the given prefix', () => {
    const sql = compileFilterSql(
      parseFilter('userName eq "a"'),
      userResourceSchema,
      userTableTarget('sqlite'),
      { parameterPrefix: 'filter_' },
    );
    expect(sql).toEqual({ where: '"u"."user_name_key" = :filter_0', parameters: { filter_0: 'a' } });
  });

  it('should bind a repeated value once', () => {
    expect(compile('title eq "a" or displayName eq "a"').parameters).toEqual({
      f0: '$."title"',
      f1: 'a',
      f2: '$."displayName"',
    });
  });

  it('should fail loudly on a column binding of the wrong kind', () => {
    const target = userTableTarget('sqlite');
    const wrong = {
      ...target,
      columns: {
        ...target.columns,
        active: { kind: 'string' as const, expression: 'x', fold: 'exact' as const },
      },
    };
    expect(() => compile('active eq true', 'sqlite', wrong)).toThrow(
      'Column binding "active" is of kind string but the attribute is boolean',
    );
  });

  it('should fail loudly on a column bound to a multi-valued attribute', () => {
    const target = userTableTarget('sqlite');
    const wrong = {
      ...target,
      columns: {
        ...target.columns,
        'emails.value': { kind: 'string' as const, expression: 'x', fold: 'exact' as const },
      },
    };
    expect(() => compile('emails.value eq "a"', 'sqlite', wrong)).toThrow(
      'a column cannot hold a multi-valued attribute',
    );
  });

  it('should throw nothing but a 400 ScimError for arbitrary text', () => {
    const fragments = fc.constantFrom(
      'userName',
      'emails',
      'emails.value',
      'name.givenName',
      'active',
      'meta.created',
      'password',
      'id',
      'foo',
      'schemas',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
      ' eq ',
      ' ne ',
      ' co ',
      ' gt ',
      ' pr',
      ' and ',
      ' or ',
      'not (',
      '(',
      ')',
      '[',
      ']',
      '.value',
      'type eq "work"',
      '"x"',
      '"2011-05-13T04:42:34Z"',
      'true',
      'null',
      '1',
      ' ',
    );
    fc.assert(
      fc.property(
        fc.array(fragments, { maxLength: 16 }),
        fc.constantFrom('sqlite' as const, 'postgres' as const),
        (parts, dialect) => {
          try {
            compile(parts.join(''), dialect);
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
