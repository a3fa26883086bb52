/** The SCIM filter language (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2): parse, check, evaluate, print. */
export * from './ast';
export { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, MAX_FILTER_NODES } from './filter-limits';
export { parseAttributePath, parseFilter, parsePatchPath } from './parser';
export { formatAttributePath, formatFilter, formatFilterValue, formatPatchPath } from './format-filter';
export { validateFilter, validateValueFilter } from './validate-filter';
export type { ResolvedFilter } from './resolved-filter';
export type { FilterAttribute } from './filter-attribute';
export {
  elementMatches,
  elementPredicate,
  evaluateFilter,
  filterPredicate,
  isPresent,
  matchesFilter,
} from './evaluate-filter';
export { compareCodePoints, foldCase } from './fold-case';
export { canonicalDateTime, parseDateTime } from './date-time';
export { compileFilterSql } from './compile-filter-sql';
export type {
  BooleanColumnBinding,
  ColumnBinding,
  CompileFilterSqlOptions,
  DateTimeColumnBinding,
  FilterSql,
  FilterSqlTarget,
  StringColumnBinding,
  UuidColumnBinding,
} from './compile-filter-sql';
export type { SqlDialectName } from './filter-sql-dialect';
export {
  POSTGRES_FILTER_FUNCTIONS_SQL,
  registerSqliteFilterFunctions,
  SCIM_FOLD_FUNCTION,
} from './filter-sql-functions';
export type { SqliteFunctionRegistry } from './filter-sql-functions';
