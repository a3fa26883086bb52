import { ScimError, ScimErrorType } from '../errors/scim-error';
import { AttributePath, CompareOperator, FilterNode, FilterValue, PatchPath, ValuePathNode } from './ast';
import { MAX_FILTER_DEPTH, MAX_FILTER_LENGTH, MAX_FILTER_NODES } from './filter-limits';
import { Lexer } from './lexer';
import { Token } from './token';

/**
 * Parses a SCIM filter (the `filter` query parameter or a SearchRequest's `filter`) into an AST.
 * Names stay as written; `validateFilter` resolves them against a resource schema.
 *
 * @throws ScimError 400 `invalidFilter` naming the 1-based position and what was expected.
 */
export function parseFilter(input: string): FilterNode {
  return new Parser(input, 'filter').parseWholeFilter();
}

/**
 * Parses the `path` of a PATCH operation (RFC 7644 §3.5.2).
 *
 * @throws ScimError 400 `invalidPath` naming the 1-based position and what was expected.
 */
export function parsePatchPath(input: string): PatchPath {
  return new Parser(input, 'path').parseWholePatchPath();
}

/**
 * Parses a bare attribute path, as in `sortBy`, `attributes` and `excludedAttributes`
 * (RFC 7644 §3.4.2.3, §3.4.2.5).
 *
 * @throws ScimError 400 with `scimType` (default `invalidPath`).
 */
export function parseAttributePath(input: string, scimType: ScimErrorType = 'invalidPath'): AttributePath {
  return new Parser(input, 'path', scimType).parseWholeAttributePath();
}

const COMPARE_OPERATORS: ReadonlySet<string> = new Set<CompareOperator>([
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
]);

/** RFC 7644 §3.4.2.2 ATTRNAME = ALPHA *(nameChar), plus RFC 7643's `$ref`. */
const ATTRIBUTE_NAME = /^\$?[A-Za-z][A-Za-z0-9_-]*$/;
/** RFC 8141 NID and NSS, restricted to the characters a name token can hold. */
const SCHEMA_URN = /^urn(?::[A-Za-z0-9$._-]+)+$/i;

type Subject = 'filter' | 'path';

/** What the innermost open construct waits for, to say so when something else comes. */
type Closer = 'end' | ')' | ']';

/**
 * A recursive-descent parser for RFC 7644 §3.4.2.2 Figure 1, one method per rule. `and`/`or`
 * chains are loops, not recursion, so the call depth is bounded by the nesting limit.
 */
class Parser {
  private readonly lexer: Lexer;
  private depth = 0;
  private nodes = 0;

  constructor(
    source: string,
    private readonly subject: Subject,
    scimType: ScimErrorType = subject === 'filter' ? 'invalidFilter' : 'invalidPath',
  ) {
    if (source.length > MAX_FILTER_LENGTH) {
      throw ScimError.badRequest(
        scimType,
        `${this.subjectName()} is ${source.length} characters long; the maximum is ${MAX_FILTER_LENGTH} (16 KiB)`,
      );
    }
    this.lexer = new Lexer(source, scimType);
  }

  parseWholeFilter(): FilterNode {
    const filter = this.parseFilter(false);
    this.expectCloser('end');
    return filter;
  }

  /** PATH = attrPath / valuePath [subAttr] (RFC 7644 §3.5.2) */
  parseWholePatchPath(): PatchPath {
    const path = this.parseAttributePath();
    if (!this.peek('[')) {
      this.expectToken('end', '"[" or the end of the path');
      return { path };
    }
    const filter = this.parseBracketedValueFilter();
    if (!this.peek('.')) {
      this.expectToken('end', '"." or the end of the path');
      return { path, filter };
    }
    const subAttribute = this.parseSubAttribute();
    this.expectToken('end', 'the end of the path');
    return { path, filter, subAttribute };
  }

  /** attrPath = [URI ":"] ATTRNAME *1subAttr */
  parseWholeAttributePath(): AttributePath {
    const path = this.parseAttributePath();
    this.expectToken('end', 'the end of the path');
    return path;
  }

  /**
   * FILTER = attrExp / logExp / valuePath / *1"not" "(" FILTER ")"
   * logExp = FILTER SP ("and" / "or") SP FILTER
   *
   * RFC 7644 §3.4.2.2: "or" binds loosest, then "and", then "not" and parentheses. Chains are
   * left-associative: `a or b or c` is `(a or b) or c`.
   */
  private parseFilter(inValueFilter: boolean): FilterNode {
    let left = this.parseAndExpression(inValueFilter);
    while (this.peekKeyword('or')) {
      this.lexer.advance();
      this.countNode();
      left = { kind: 'or', left, right: this.parseAndExpression(inValueFilter) };
    }
    return left;
  }

  /** The "and" level of logExp: `FILTER SP "and" SP FILTER`, binding tighter than "or". */
  private parseAndExpression(inValueFilter: boolean): FilterNode {
    let left = this.parseUnaryExpression(inValueFilter);
    while (this.peekKeyword('and')) {
      this.lexer.advance();
      this.countNode();
      left = { kind: 'and', left, right: this.parseUnaryExpression(inValueFilter) };
    }
    return left;
  }

  /**
   * *1"not" "(" FILTER ")" / attrExp / valuePath
   * valFilter = attrExp / logExp / *1"not" "(" valFilter ")"
   */
  private parseUnaryExpression(inValueFilter: boolean): FilterNode {
    if (this.peek('(')) return this.parseParenthesized(inValueFilter);
    if (this.peekKeyword('not') && this.startsNegation()) {
      this.lexer.advance();
      this.countNode();
      if (!this.peek('(')) throw this.expected('"("');
      return { kind: 'not', operand: this.parseParenthesized(inValueFilter) };
    }
    return this.parseAttributeExpression(inValueFilter);
  }

  /**
   * Whether the current `not` negates: RFC 7644 requires "(" after it, but an attribute may be
   * called `not` too, so `not pr` and `not eq 1` read as attribute expressions.
   */
  private startsNegation(): boolean {
    const next = this.lexer.lookahead();
    if (next.kind === '[') return false;
    if (next.kind !== 'name') return true;
    const word = next.text.toLowerCase();
    return word !== 'pr' && !COMPARE_OPERATORS.has(word);
  }

  /** "(" FILTER ")" */
  private parseParenthesized(inValueFilter: boolean): FilterNode {
    this.enterNesting();
    this.lexer.advance();
    const filter = this.parseFilter(inValueFilter);
    this.expectCloser(')');
    this.leaveNesting();
    return filter;
  }

  /**
   * attrExp   = (attrPath SP "pr") / (attrPath SP compareOp SP compValue)
   * valuePath = attrPath "[" valFilter "]"
   *
   * Also Microsoft Entra's `emails[type eq "work"].value eq "x"`, which RFC 7644 does not define:
   * it is read as `emails[type eq "work" and value eq "x"]`, the one meaning that keeps the
   * element's type and value tied to the same element.
   */
  private parseAttributeExpression(inValueFilter: boolean): FilterNode {
    const path = this.parseAttributePath();
    if (!this.peek('[')) return this.parseOperation(path);
    if (inValueFilter) {
      throw this.lexer.error(
        `A value filter cannot contain another value filter, at position ${this.lexer.token.start + 1}`,
      );
    }
    this.countNode();
    const filter = this.parseBracketedValueFilter();
    if (!this.peek('.')) return { kind: 'valuePath', path, filter };
    return this.parseEntraValuePath(path, filter);
  }

  /** valuePath "." ATTRNAME SP ("pr" / compareOp SP compValue), Entra's form (see above). */
  private parseEntraValuePath(path: AttributePath, filter: FilterNode): ValuePathNode {
    const subAttribute = this.parseSubAttribute();
    this.countNode();
    const last = this.parseOperation({ attribute: subAttribute });
    return { kind: 'valuePath', path, filter: { kind: 'and', left: filter, right: last } };
  }

  /** "[" valFilter "]" */
  private parseBracketedValueFilter(): FilterNode {
    this.enterNesting();
    this.lexer.advance();
    const filter = this.parseFilter(true);
    this.expectCloser(']');
    this.leaveNesting();
    return filter;
  }

  /** subAttr = "." ATTRNAME, after a value filter's "]" */
  private parseSubAttribute(): string {
    this.lexer.advance();
    const token = this.lexer.token;
    if (token.kind !== 'name' || !ATTRIBUTE_NAME.test(token.text)) {
      throw this.expected('a sub-attribute name');
    }
    this.lexer.advance();
    return token.text;
  }

  /**
   * (SP "pr") / (SP compareOp SP compValue)
   * compareOp = "eq" / "ne" / "co" / "sw" / "ew" / "gt" / "lt" / "ge" / "le"
   *
   * RFC 7644 §3.4.2.2: operators are case-insensitive.
   */
  private parseOperation(path: AttributePath): FilterNode {
    const token = this.lexer.token;
    const word = token.kind === 'name' ? token.text.toLowerCase() : '';
    if (word === 'pr') {
      this.lexer.advance();
      this.countNode();
      return { kind: 'present', path };
    }
    if (!isCompareOperator(word)) throw this.expected('an operator');
    this.lexer.advance();
    this.countNode();
    return { kind: 'compare', path, operator: word, value: this.parseCompValue() };
  }

  /**
   * compValue = false / null / true / number / string
   *
   * The JSON literals are accepted in any case, as the operators are.
   */
  private parseCompValue(): FilterValue {
    const token = this.lexer.token;
    const value = literalValue(token);
    if (value === undefined) throw this.expected('a value');
    this.lexer.advance();
    return value;
  }

  /** attrPath = [URI ":"] ATTRNAME *1subAttr */
  private parseAttributePath(): AttributePath {
    const token = this.lexer.token;
    if (token.kind !== 'name') throw this.expected('an attribute path');
    const path = splitAttributePath(token.text);
    if (!path) {
      throw this.lexer.error(
        `Invalid attribute path "${shorten(token.text)}" at position ${token.start + 1}`,
      );
    }
    this.lexer.advance();
    return path;
  }

  private expectCloser(closer: Closer): void {
    const expectation: Record<Closer, string> = {
      end: '"and", "or" or the end of the filter',
      ')': '"and", "or" or ")"',
      ']': '"and", "or" or "]"',
    };
    this.expectToken(closer, expectation[closer]);
  }

  private expectToken(kind: Token['kind'], description: string): void {
    if (this.lexer.token.kind !== kind) throw this.expected(description);
    if (kind !== 'end') this.lexer.advance();
  }

  private peek(kind: Token['kind']): boolean {
    return this.lexer.token.kind === kind;
  }

  private peekKeyword(keyword: 'and' | 'or' | 'not'): boolean {
    const token = this.lexer.token;
    return token.kind === 'name' && token.text.toLowerCase() === keyword;
  }

  /** RFC 7644 §7 lets a provider refuse costly requests: cap the nesting (and so the recursion). */
  private enterNesting(): void {
    this.depth++;
    if (this.depth > MAX_FILTER_DEPTH) {
      throw this.lexer.error(
        `${this.subjectName()} nests deeper than the maximum of ${MAX_FILTER_DEPTH} levels at position ${this.lexer.token.start + 1}`,
      );
    }
  }

  private leaveNesting(): void {
    this.depth--;
  }

  /** Called once per AST node, at the token that creates it. */
  private countNode(): void {
    this.nodes++;
    if (this.nodes > MAX_FILTER_NODES) {
      throw this.lexer.error(
        `${this.subjectName()} has more than the maximum of ${MAX_FILTER_NODES} expressions at position ${this.lexer.token.start + 1}`,
      );
    }
  }

  /** `Expected an operator after "userName" at position 10`. */
  private expected(what: string): ScimError {
    const token = this.lexer.token;
    const previous = this.lexer.lastToken;
    const after = previous ? ` after ${describeToken(previous)}` : '';
    const ending = token.kind === 'end' ? ` (end of ${this.subject})` : '';
    return this.lexer.error(`Expected ${what}${after} at position ${token.start + 1}${ending}`);
  }

  private subjectName(): string {
    return this.subject === 'filter' ? 'Filter' : 'Path';
  }
}

function isCompareOperator(word: string): word is CompareOperator {
  return COMPARE_OPERATORS.has(word);
}

/** The compValue a token spells, or undefined if it spells none. */
function literalValue(token: Token): FilterValue | undefined {
  switch (token.kind) {
    case 'string':
    case 'number':
      return token.value;
    case 'name':
      return keywordLiteral(token.text.toLowerCase());
    default:
      return undefined;
  }
}

function keywordLiteral(word: string): FilterValue | undefined {
  if (word === 'true') return true;
  if (word === 'false') return false;
  if (word === 'null') return null;
  return undefined;
}

/**
 * Splits `[URN ":"] ATTRNAME ["." ATTRNAME]`. A URN's own segments may hold dots (`2.0`), so the
 * attribute starts after the last colon. Returns undefined when the text is no attribute path.
 */
function splitAttributePath(text: string): AttributePath | undefined {
  const colon = text.lastIndexOf(':');
  const schemaUrn = colon === -1 ? undefined : text.slice(0, colon);
  if (schemaUrn !== undefined && !SCHEMA_URN.test(schemaUrn)) return undefined;
  const names = text.slice(colon + 1).split('.');
  if (names.length > 2 || !names.every((name) => ATTRIBUTE_NAME.test(name))) return undefined;
  const [attribute, subAttribute] = names as [string, string | undefined];
  return {
    ...(schemaUrn === undefined ? {} : { schemaUrn }),
    attribute,
    ...(subAttribute === undefined ? {} : { subAttribute }),
  };
}

function describeToken(token: Token): string {
  return token.kind === 'string' ? shorten(token.text) : `"${shorten(token.text)}"`;
}

/** Keeps messages short when the input is long. */
function shorten(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 39)}…`;
}
