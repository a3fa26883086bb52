import { ResourceSchema } from '../schema/resource-schema';
import { AttributeType } from '../schema/attribute-definition';
import { CompareOperator, FilterNode } from './ast';
import { assertNever } from '../../common/assert-never';
import { FilterAttribute, leafDefinition } from './filter-attribute';
import {
  BindParameter,
  FilterSqlDialect,
  postgresDialect,
  SQL_ORDERING,
  SqlDialectName,
  SqlJsonValue,
  sqliteDialect,
} from './filter-sql-dialect';
import { SCIM_FOLD_FUNCTION } from './filter-sql-functions';
import { foldCase } from './fold-case';
import { formatFilterValue } from './format-filter';
import { ResolvedCompare, ResolvedFilter, ResolvedPresent, ResolvedValuePath } from './resolved-filter';
import { validateFilter } from './validate-filter';

/**
 * What the persistence layer tells the compiler about its table. Nothing here comes from a
 * request: expressions are SQL written by the persistence layer, and every value of the filter
 * becomes a bound parameter.
 */
export interface FilterSqlTarget {
  readonly dialect: SqlDialectName;
  /**
   * Indexed columns for single-valued attributes, keyed by canonical path (the schema's spelling,
   * no URN for the core schema): `id`, `externalId`, `userName`, `name.givenName`, `active`,
   * `meta.created`, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`.
   *
   * A value-path key `emails[type eq "work"].value` binds the `value` of the element whose `type`
   * is "work" (the literal written `foldCase`d unless the selecting sub-attribute is caseExact):
   * it serves `emails[type eq "work"].value eq "x"` and `emails[type eq "work" and value co "x"]`.
   * The persistence layer must keep at most one such element per resource.
   *
   * A bound column must hold exactly what the JSON holds (NULL when the JSON lacks the value),
   * save for the case folding a `canonical` column applies.
   */
  readonly columns: Readonly<Record<string, ColumnBinding>>;
  /**
   * SQL expression of the text column holding the whole SCIM resource as JSON, always in sync,
   * with the schema's attribute spellings and values of the schema's types. Every attribute
   * without a column binding is read from it.
   */
  readonly jsonColumn: string;
}

/** How one attribute is stored in a column of its own. */
export type ColumnBinding =
  StringColumnBinding | UuidColumnBinding | BooleanColumnBinding | DateTimeColumnBinding;

/** A text column (never a PostgreSQL uuid: see `UuidColumnBinding`). */
export interface StringColumnBinding {
  readonly kind: 'string';
  /** e.g. `"u"."user_name_key"` */
  readonly expression: string;
  /**
   * `canonical`: the column holds `foldCase(value)`, compared with `foldCase(literal)`; it cannot
   * answer a caseExact attribute, which then falls back to the JSON. `exact`: the value as is;
   * a case-insensitive comparison wraps it in `scim_fold()` and cannot use a plain index.
   */
  readonly fold: 'canonical' | 'exact';
}

/**
 * A column of lower-case UUIDs (PostgreSQL `uuid`, or text). Literals that are not a lower-case
 * UUID match nothing instead of reaching the database, which would reject them (`uuid` input
 * syntax) or match them case-insensitively. `co`, `sw`, `gt`… read the JSON instead.
 */
export interface UuidColumnBinding {
  readonly kind: 'uuid';
  readonly expression: string;
}

/** SQLite 0/1 or PostgreSQL boolean; `negate` for a column stored inverted (`suspended` = not `active`). */
export interface BooleanColumnBinding {
  readonly kind: 'boolean';
  readonly expression: string;
  readonly negate?: boolean;
}

/**
 * SQLite: text in `canonicalDateTime` form (`2011-05-13T04:42:34.000Z`, `toISOString()`), so
 * text order is time order. PostgreSQL: `timestamptz`.
 */
export interface DateTimeColumnBinding {
  readonly kind: 'dateTime';
  readonly expression: string;
}

/** For TypeORM: `queryBuilder.where(sql.where, sql.parameters)`. */
export interface FilterSql {
  readonly where: string;
  readonly parameters: Readonly<Record<string, string | number>>;
}

export interface CompileFilterSqlOptions {
  /** Parameters are named `:<prefix>0`, `:<prefix>1`…; default `f`. */
  readonly parameterPrefix?: string;
}

/**
 * Compiles a filter into a parameterised WHERE condition that selects exactly the resources
 * `matchesFilter` accepts (see evaluate-filter.ts for the semantics), identically on SQLite and
 * PostgreSQL. `userName eq`, `externalId eq`, `id eq` and `emails[type eq "work"].value eq`
 * become a plain equality on their bound column, so an index answers them.
 *
 * The databases need `scim_fold` installed (filter-sql-functions.ts).
 *
 * @throws ScimError 400 `invalidFilter` when the filter does not fit the schema.
 */
export function compileFilterSql(
  filter: FilterNode,
  schema: ResourceSchema,
  target: FilterSqlTarget,
  options: CompileFilterSqlOptions = {},
): FilterSql {
  const resolved = validateFilter(filter, schema);
  const compiler = new FilterSqlCompiler(target, options.parameterPrefix ?? 'f');
  const where = compiler.compile(resolved, {
    kind: 'resource',
    document: compiler.dialect.rootDocument(target.jsonColumn),
  });
  return { where, parameters: compiler.parameters };
}

/** Where paths are read: the stored resource (columns usable) or one array element (JSON only). */
interface SqlScope {
  readonly kind: 'resource' | 'element';
  readonly document: string;
}

type ResolvedLeaf = ResolvedCompare | ResolvedPresent;

const STRING_TYPES: readonly AttributeType[] = ['string', 'reference', 'binary'];
const LOWER_CASE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

class FilterSqlCompiler {
  readonly dialect: FilterSqlDialect;
  readonly parameters: Record<string, string | number> = {};
  private readonly placeholders = new Map<string, string>();
  private aliasCount = 0;

  constructor(
    private readonly target: FilterSqlTarget,
    private readonly parameterPrefix: string,
  ) {
    this.dialect = target.dialect === 'sqlite' ? sqliteDialect : postgresDialect;
  }

  /** Each distinct value is bound once; the same JSON path used twice shares its parameter. */
  readonly bind: BindParameter = (value) => {
    const key = `${typeof value}:${value}`;
    const existing = this.placeholders.get(key);
    if (existing) return existing;
    const name = `${this.parameterPrefix}${this.placeholders.size}`;
    this.parameters[name] = value;
    this.placeholders.set(key, `:${name}`);
    return `:${name}`;
  };

  compile(filter: ResolvedFilter, scope: SqlScope): string {
    switch (filter.kind) {
      case 'compare':
      case 'present':
        return this.compileLeaf(filter, scope);
      case 'and':
        return `(${this.compile(filter.left, scope)} AND ${this.compile(filter.right, scope)})`;
      case 'or':
        return `(${this.compile(filter.left, scope)} OR ${this.compile(filter.right, scope)})`;
      case 'not':
        // SQL's NOT NULL is NULL: an absent value must make "not (…)" true, as in memory.
        return `NOT COALESCE(${this.compile(filter.operand, scope)}, FALSE)`;
      case 'valuePath':
        return this.compileValuePath(filter, scope);
      default:
        return assertNever(filter);
    }
  }

  private compileLeaf(leaf: ResolvedLeaf, scope: SqlScope): string {
    const binding = scope.kind === 'resource' ? this.bindingFor(leaf.target) : undefined;
    const viaColumn = binding && this.columnPredicate(binding, leaf);
    return viaColumn ?? this.jsonPredicate(leaf, scope.document);
  }

  private bindingFor(target: FilterAttribute): ColumnBinding | undefined {
    const binding = this.target.columns[target.canonicalPath];
    if (binding && target.attribute.multiValued) {
      throw new Error(
        `Column binding "${target.canonicalPath}": a column cannot hold a multi-valued attribute`,
      );
    }
    return binding;
  }

  /** valuePath = attrPath "[" valFilter "]": some element matches; or its column, if bound. */
  private compileValuePath(filter: ResolvedValuePath, scope: SqlScope): string {
    const viaColumn = scope.kind === 'resource' ? this.valuePathColumnPredicate(filter) : undefined;
    if (viaColumn) return viaColumn;
    return this.dialect.someElement(
      scope.document,
      filter.target.keys,
      this.nextAlias(),
      this.bind,
      (element) => this.compile(filter.filter, { kind: 'element', document: element.document }),
    );
  }

  /**
   * Entra's hot path: `emails[type eq "work" and value eq "x"]` on a bound
   * `emails[type eq "work"].value` column is `work_email_key = :f0`.
   */
  private valuePathColumnPredicate(filter: ResolvedValuePath): string | undefined {
    const condition = filter.filter;
    if (condition.kind !== 'and') return undefined;
    const pairs: [ResolvedFilter, ResolvedFilter][] = [
      [condition.left, condition.right],
      [condition.right, condition.left],
    ];
    for (const [selector, leaf] of pairs) {
      if (selector.kind !== 'compare' || selector.operator !== 'eq' || typeof selector.value !== 'string')
        continue;
      if (leaf.kind !== 'compare' && leaf.kind !== 'present') continue;
      const literal = leafDefinition(selector.target).caseExact ? selector.value : foldCase(selector.value);
      const key = `${filter.target.canonicalPath}[${selector.target.attribute.name} eq ${formatFilterValue(literal)}].${leaf.target.attribute.name}`;
      const binding = this.target.columns[key];
      const viaColumn = binding && this.columnPredicate(binding, leaf);
      if (viaColumn) return viaColumn;
    }
    return undefined;
  }

  /** The predicate on a bound column, or undefined when the column cannot answer this leaf. */
  private columnPredicate(binding: ColumnBinding, leaf: ResolvedLeaf): string | undefined {
    const definition = leafDefinition(leaf.target);
    assertBindingFits(binding, definition.type, leaf.target.canonicalPath);
    const { expression } = binding;
    if (leaf.kind === 'present') {
      return binding.kind === 'string'
        ? `(${expression} IS NOT NULL AND ${expression} <> '')`
        : `${expression} IS NOT NULL`;
    }
    switch (binding.kind) {
      case 'string':
        return this.stringColumnPredicate(binding, leaf, definition.caseExact);
      case 'uuid':
        return this.uuidColumnPredicate(binding, leaf);
      case 'boolean': {
        // `ne true` on a boolean means "is false": present and different.
        const wanted = (leaf.operator === 'eq') === leaf.value;
        return `${expression} = ${wanted !== (binding.negate ?? false) ? 'TRUE' : 'FALSE'}`;
      }
      case 'dateTime':
        return `${expression} ${orderingSql(leaf.operator)} ${this.dialect.dateTimeParameter(this.bind(String(leaf.value)))}`;
      default:
        return assertNever(binding);
    }
  }

  private stringColumnPredicate(
    binding: StringColumnBinding,
    leaf: ResolvedCompare,
    caseExact: boolean,
  ): string | undefined {
    const value = String(leaf.value);
    if (binding.fold === 'canonical') {
      return caseExact ? undefined : this.stringPredicate(leaf.operator, binding.expression, foldCase(value));
    }
    if (caseExact) return this.stringPredicate(leaf.operator, binding.expression, value);
    return this.stringPredicate(leaf.operator, fold(binding.expression), foldCase(value));
  }

  private uuidColumnPredicate(binding: UuidColumnBinding, leaf: ResolvedCompare): string | undefined {
    const value = String(leaf.value);
    const isUuid = LOWER_CASE_UUID.test(value);
    switch (leaf.operator) {
      case 'eq':
        return isUuid ? `${binding.expression} = ${this.bind(value)}` : 'FALSE';
      case 'ne':
        return isUuid ? `${binding.expression} <> ${this.bind(value)}` : `${binding.expression} IS NOT NULL`;
      default:
        return undefined;
    }
  }

  /** A leaf read from the JSON document: directly, or through the elements of a multi-valued attribute. */
  private jsonPredicate(leaf: ResolvedLeaf, document: string): string {
    const { keys, attribute, subAttribute } = leaf.target;
    const subKeys = subAttribute ? [subAttribute.name] : [];
    if (!attribute.multiValued)
      return this.valuePredicate(leaf, this.dialect.valueAt(document, [...keys, ...subKeys], this.bind));
    return this.dialect.someElement(document, keys, this.nextAlias(), this.bind, (element) =>
      this.valuePredicate(
        leaf,
        subAttribute ? this.dialect.valueAt(element.document, subKeys, this.bind) : element,
      ),
    );
  }

  /** The leaf's test on one JSON value, by the attribute's type. */
  private valuePredicate(leaf: ResolvedLeaf, value: SqlJsonValue): string {
    const definition = leafDefinition(leaf.target);
    if (leaf.kind === 'present') {
      return definition.type === 'complex'
        ? this.dialect.isNonEmptyObject(value)
        : `(${value.scalar} IS NOT NULL AND ${value.scalar} <> '')`;
    }
    const { operator } = leaf;
    switch (definition.type) {
      case 'string':
      case 'reference':
      case 'binary':
        return definition.caseExact
          ? this.stringPredicate(operator, value.scalar, String(leaf.value))
          : this.stringPredicate(operator, fold(value.scalar), foldCase(String(leaf.value)));
      case 'boolean':
        return this.dialect.isBoolean(value, (operator === 'eq') === leaf.value);
      case 'integer':
      case 'decimal':
        return `${this.dialect.numberOf(value)} ${orderingSql(operator)} ${this.bind(Number(leaf.value))}`;
      case 'dateTime':
        return `${this.dialect.dateTimeOf(value)} ${orderingSql(operator)} ${this.dialect.dateTimeParameter(this.bind(String(leaf.value)))}`;
      case 'complex':
        throw new Error(`validateFilter let a comparison on complex "${leaf.target.canonicalPath}" through`);
      default:
        return assertNever(definition.type);
    }
  }

  /** RFC 7644 §3.4.2.2 string operators on an SQL text expression, with a bound literal. */
  private stringPredicate(operator: CompareOperator, left: string, value: string): string {
    switch (operator) {
      case 'eq':
        return `${left} = ${this.bind(value)}`;
      case 'ne':
        return `${left} <> ${this.bind(value)}`;
      case 'co':
      case 'sw':
      case 'ew':
        // Every string contains, starts and ends with "": only presence is left to test.
        return value === ''
          ? `${left} IS NOT NULL`
          : this.dialect.compareText(operator, left, this.bind(value));
      case 'gt':
      case 'ge':
      case 'lt':
      case 'le':
        return this.dialect.compareText(operator, left, this.bind(value));
      default:
        return assertNever(operator);
    }
  }

  private nextAlias(): string {
    return `scim_e${this.aliasCount++}`;
  }
}

const fold = (expression: string) => `${SCIM_FOLD_FUNCTION}(${expression})`;

/** eq, ne and the orderings as SQL operators; substring operators never reach non-string types. */
function orderingSql(operator: CompareOperator): string {
  switch (operator) {
    case 'eq':
      return '=';
    case 'ne':
      return '<>';
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return SQL_ORDERING[operator];
    case 'co':
    case 'sw':
    case 'ew':
      throw new Error(`validateFilter let "${operator}" through on a non-string attribute`);
    default:
      return assertNever(operator);
  }
}

/** A binding of the wrong kind is a wiring mistake of the persistence layer: fail loudly. */
function assertBindingFits(binding: ColumnBinding, type: AttributeType, path: string): void {
  const fits =
    binding.kind === 'string' || binding.kind === 'uuid'
      ? STRING_TYPES.includes(type)
      : binding.kind === type;
  if (!fits)
    throw new Error(`Column binding "${path}" is of kind ${binding.kind} but the attribute is ${type}`);
}
