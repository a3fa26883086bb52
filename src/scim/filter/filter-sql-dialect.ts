import { CompareOperator } from './ast';

export type SqlDialectName = 'sqlite' | 'postgres';

/** Binds a value as a named parameter and returns its placeholder (`:f0`). */
export type BindParameter = (value: string | number) => string;

/** One JSON value as SQL reads it, from the stored resource or from an array element. */
export interface SqlJsonValue {
  /** The value as an SQL scalar: text for a JSON string, NULL for JSON null or when absent. */
  readonly scalar: string;
  /** Its JSON type, in the dialect's vocabulary (SQLite `json_type`, PostgreSQL `jsonb_typeof`). */
  readonly type: string;
  /** The value as a JSON document whose members can be read; NULL unless it is an object. */
  readonly document: string;
}

/** String comparisons other than equality, which differ between the two databases. */
export type TextOperator = Exclude<CompareOperator, 'eq' | 'ne'>;

/**
 * The SQL that differs between SQLite and PostgreSQL. Every function returns an expression that
 * is either true or false/NULL; the compiler handles NULL where it matters (under NOT).
 */
export interface FilterSqlDialect {
  readonly name: SqlDialectName;
  /** The stored resource as a JSON document. */
  rootDocument(jsonColumn: string): string;
  /** The value at `keys` (schema spellings, bound as parameters) inside `document`. */
  valueAt(document: string, keys: readonly string[], bind: BindParameter): SqlJsonValue;
  /** EXISTS some element of the array at `keys` inside `document` satisfying `predicate`. */
  someElement(
    document: string,
    keys: readonly string[],
    alias: string,
    bind: BindParameter,
    predicate: (element: SqlJsonValue) => string,
  ): string;
  isNonEmptyObject(value: SqlJsonValue): string;
  isBoolean(value: SqlJsonValue, expected: boolean): string;
  /** The value as a number, NULL when it is not a JSON number. */
  numberOf(value: SqlJsonValue): string;
  /** A dateTime from JSON, in a form that compares as an instant against `dateTimeParameter`. */
  dateTimeOf(value: SqlJsonValue): string;
  /** A bound `canonicalDateTime`, comparable with `dateTimeOf` and with a dateTime column. */
  dateTimeParameter(placeholder: string): string;
  /** `co`, `sw`, `ew` and the orderings on text, by code point; `right` is a non-empty bound string. */
  compareText(operator: TextOperator, left: string, right: string): string;
}

/**
 * SQLite: the resource is JSON text read with `json_extract`/`json_type`/`json_each`. Text compares
 * with the BINARY collation, i.e. by UTF-8 bytes, i.e. by code point. LIKE is avoided altogether: it
 * folds ASCII case and treats `%` and `_` as wildcards.
 */
export const sqliteDialect: FilterSqlDialect = {
  name: 'sqlite',
  rootDocument: (jsonColumn) => jsonColumn,
  valueAt(document, keys, bind) {
    const path = bind(sqliteJsonPath(keys));
    return {
      scalar: `json_extract(${document}, ${path})`,
      type: `json_type(${document}, ${path})`,
      document: `json_extract(${document}, ${path})`,
    };
  },
  someElement(document, keys, alias, bind, predicate) {
    const path = bind(sqliteJsonPath(keys));
    // json_each over an object would list its members: the type test keeps arrays only.
    const element: SqlJsonValue = {
      scalar: `${alias}.value`,
      type: `${alias}.type`,
      // json_extract on a plain string element would fail on malformed JSON; CASE guards it.
      document: `CASE ${alias}.type WHEN 'object' THEN ${alias}.value END`,
    };
    return `EXISTS (SELECT 1 FROM json_each(${document}, ${path}) AS ${alias} WHERE json_type(${document}, ${path}) = 'array' AND ${predicate(element)})`;
  },
  // json_extract returns objects as minified JSON text, so an empty one is exactly '{}'.
  isNonEmptyObject: (value) => `(${value.type} = 'object' AND ${value.scalar} <> '{}')`,
  isBoolean: (value, expected) => `${value.type} = '${expected ? 'true' : 'false'}'`,
  numberOf: (value) => `(CASE WHEN ${value.type} IN ('integer', 'real') THEN ${value.scalar} END)`,
  // Normalises any offset to UTC with milliseconds: the `canonicalDateTime` text form.
  dateTimeOf: (value) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${value.scalar})`,
  dateTimeParameter: (placeholder) => placeholder,
  compareText(operator, left, right) {
    switch (operator) {
      case 'co':
        return `instr(${left}, ${right}) > 0`;
      case 'sw':
        return `substr(${left}, 1, length(${right})) = ${right}`;
      case 'ew':
        return `substr(${left}, -length(${right})) = ${right}`;
      default:
        return `${left} ${SQL_ORDERING[operator]} ${right}`;
    }
  },
};

/**
 * PostgreSQL: the resource text is cast to jsonb and read with `jsonb_extract_path(_text)`, whose
 * keys are bound parameters. Orderings use `COLLATE "C"` (code point order, as SQLite); equality
 * needs no collation since every deterministic collation compares equal only identical strings.
 */
export const postgresDialect: FilterSqlDialect = {
  name: 'postgres',
  rootDocument: (jsonColumn) => `CAST(${jsonColumn} AS jsonb)`,
  valueAt(document, keys, bind) {
    const args = [document, ...keys.map((key) => bind(key))].join(', ');
    const json = `jsonb_extract_path(${args})`;
    return { scalar: `jsonb_extract_path_text(${args})`, type: `jsonb_typeof(${json})`, document: json };
  },
  someElement(document, keys, alias, bind, predicate) {
    const array = `jsonb_extract_path(${[document, ...keys.map((key) => bind(key))].join(', ')})`;
    const element: SqlJsonValue = {
      scalar: `(${alias}.value #>> '{}')`,
      type: `jsonb_typeof(${alias}.value)`,
      document: `${alias}.value`,
    };
    // jsonb_array_elements raises an error on a non-array; CASE turns that into no rows.
    return `EXISTS (SELECT 1 FROM jsonb_array_elements(CASE jsonb_typeof(${array}) WHEN 'array' THEN ${array} END) AS ${alias}(value) WHERE ${predicate(element)})`;
  },
  isNonEmptyObject: (value) => `(${value.type} = 'object' AND ${value.document} <> CAST('{}' AS jsonb))`,
  isBoolean: (value, expected) => `${value.document} = CAST('${expected ? 'true' : 'false'}' AS jsonb)`,
  // double precision parses number text exactly as JavaScript's Number() does.
  numberOf: (value) =>
    `CAST(CASE WHEN ${value.type} = 'number' THEN ${value.scalar} END AS double precision)`,
  dateTimeOf: (value) => `CAST(${value.scalar} AS timestamptz)`,
  dateTimeParameter: (placeholder) => `CAST(${placeholder} AS timestamptz)`,
  compareText(operator, left, right) {
    switch (operator) {
      case 'co':
        return `strpos(${left}, ${right}) > 0`;
      case 'sw':
        return `starts_with(${left}, ${right})`;
      case 'ew':
        return `right(${left}, char_length(${right})) = ${right}`;
      default:
        return `(${left}) COLLATE "C" ${SQL_ORDERING[operator]} ${right}`;
    }
  },
};

export const SQL_ORDERING: Readonly<Record<'gt' | 'ge' | 'lt' | 'le', string>> = {
  gt: '>',
  ge: '>=',
  lt: '<',
  le: '<=',
};

/** `$."name"."familyName"`: quoted labels, so a URN's colons and dots stay one key. */
function sqliteJsonPath(keys: readonly string[]): string {
  // Keys come from the schema, never from the filter; a quote would still break the path syntax.
  if (keys.some((key) => key.includes('"'))) throw new Error(`Unsupported JSON key in ${keys.join('.')}`);
  return `$${keys.map((key) => `."${key}"`).join('')}`;
}
