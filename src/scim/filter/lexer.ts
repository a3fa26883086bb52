import { ScimError, ScimErrorType } from '../errors/scim-error';
import { NumberToken, PunctuatorToken, StringToken, Token } from './token';

const SINGLE_CHARACTER_TOKENS = new Map<string, PunctuatorToken['kind']>([
  ['(', '('],
  [')', ')'],
  ['[', '['],
  [']', ']'],
  ['.', '.'],
]);

/** RFC 7644 §3.4.2.2 separates tokens with SP; tabs and line breaks are tolerated too. */
const isWhitespace = (char: string) => char === ' ' || char === '\t' || char === '\n' || char === '\r';
const isDigit = (char: string) => char >= '0' && char <= '9';
const isAlpha = (char: string) => (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
/** ATTRNAME starts with ALPHA; `$` admits RFC 7643's `$ref`. */
const isNameStart = (char: string) => isAlpha(char) || char === '$';
/**
 * RFC 7644 §3.4.2.2 nameChar (`-`, `_`, DIGIT, ALPHA) plus what a path adds around names: `.` before
 * a sub-attribute and `:` in a schema URN (`urn:…:2.0:User:name.familyName`). The parser splits
 * the path; one token per path keeps `2.0` inside a URN from reading as a number.
 */
const isNameContinue = (char: string) =>
  isNameStart(char) || isDigit(char) || char === '-' || char === '_' || char === '.' || char === ':';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** The JSON number grammar (RFC 8259 §6), which RFC 7644's compValue `number` refers to. */
const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Turns a filter into tokens on demand, one token of lookahead, like graphql-js's Lexer. Errors are
 * `ScimError` 400s naming the 1-based position, with the `scimType` of the caller (a filter is
 * `invalidFilter`, a PATCH path `invalidPath`).
 */
export class Lexer {
  private current: Token;
  private next: Token | undefined;
  private previous: Token | undefined;

  constructor(
    readonly source: string,
    private readonly scimType: ScimErrorType,
  ) {
    this.current = this.readToken(0);
  }

  /** The token the parser is looking at. */
  get token(): Token {
    return this.current;
  }

  /** The token consumed last, for "after …" in messages. */
  get lastToken(): Token | undefined {
    return this.previous;
  }

  /** Consumes the current token and returns it. */
  advance(): Token {
    const consumed = this.current;
    this.previous = consumed;
    this.current = this.next ?? this.readToken(consumed.end);
    this.next = undefined;
    return consumed;
  }

  /** The token after the current one, without consuming anything. */
  lookahead(): Token {
    this.next ??= this.readToken(this.current.end);
    return this.next;
  }

  error(message: string): ScimError {
    return ScimError.badRequest(this.scimType, message);
  }

  private readToken(from: number): Token {
    const start = this.skipWhitespace(from);
    const source = this.source;
    if (start >= source.length) return { kind: 'end', start, end: start, text: '' };
    const char = source.charAt(start);
    const punctuator = SINGLE_CHARACTER_TOKENS.get(char);
    if (punctuator) return { kind: punctuator, start, end: start + 1, text: char };
    if (char === '"') return this.readString(start);
    if (char === '-' || isDigit(char)) return this.readNumber(start);
    if (isNameStart(char)) return this.readName(start);
    throw this.error(`Unexpected character ${describeCharacter(source, start)} at position ${start + 1}`);
  }

  private skipWhitespace(from: number): number {
    let position = from;
    while (position < this.source.length && isWhitespace(this.source.charAt(position))) position++;
    return position;
  }

  private readName(start: number): Token {
    let end = start + 1;
    while (end < this.source.length && isNameContinue(this.source.charAt(end))) end++;
    return { kind: 'name', start, end, text: this.source.slice(start, end) };
  }

  /** RFC 8259 §6 number; a letter or digit glued to it (`01`, `1abc`) is an error, not two tokens. */
  private readNumber(start: number): NumberToken {
    JSON_NUMBER.lastIndex = start;
    const match = JSON_NUMBER.exec(this.source);
    let end = match ? start + match[0].length : start;
    const glued = end < this.source.length && isNameContinue(this.source.charAt(end));
    if (!match || glued) {
      while (end < this.source.length && isNameContinue(this.source.charAt(end))) end++;
      const text = this.source.slice(start, Math.max(end, start + 1));
      throw this.error(`Invalid number "${text}" at position ${start + 1}`);
    }
    const text = match[0];
    return { kind: 'number', start, end, text, value: Number(text) };
  }

  /**
   * RFC 8259 §7 string. Two JSON-legal strings are refused because no database can store them:
   * U+0000 (PostgreSQL text cannot hold it) and unpaired surrogates (not encodable as UTF-8).
   */
  private readString(start: number): StringToken {
    const source = this.source;
    let value = '';
    let position = start + 1;
    while (position < source.length) {
      const char = source.charAt(position);
      if (char === '"') {
        const end = position + 1;
        return { kind: 'string', start, end, text: source.slice(start, end), value };
      }
      if (char === '\\') {
        const [decoded, length] = this.readEscape(position);
        value += decoded;
        position += length;
        continue;
      }
      const code = char.charCodeAt(0);
      if (code < 0x20) {
        throw this.error(
          `Unescaped control character ${describeCharacter(source, position)} in a string at position ${position + 1}`,
        );
      }
      if (isHighSurrogate(code) && isLowSurrogate(source.charCodeAt(position + 1))) {
        value += source.slice(position, position + 2);
        position += 2;
        continue;
      }
      if (isHighSurrogate(code) || isLowSurrogate(code)) {
        throw this.error(`Unpaired surrogate in a string at position ${position + 1}`);
      }
      value += char;
      position++;
    }
    throw this.error(`Unterminated string starting at position ${start + 1}`);
  }

  /** Decodes the escape at `position` (the backslash); returns the text and the length consumed. */
  private readEscape(position: number): [string, number] {
    const source = this.source;
    const letter = source.charAt(position + 1);
    const simple = SIMPLE_ESCAPES[letter];
    if (simple !== undefined) return [simple, 2];
    if (letter !== 'u') {
      const shown = source.slice(position, position + 2);
      throw this.error(`Invalid escape sequence "${shown}" in a string at position ${position + 1}`);
    }
    const high = this.readHex4(position);
    if (high === 0) {
      throw this.error(`The character U+0000 is not allowed in a string at position ${position + 1}`);
    }
    if (isLowSurrogate(high)) throw this.unpairedEscape(position);
    if (!isHighSurrogate(high)) return [String.fromCharCode(high), 6];
    if (source.slice(position + 6, position + 8) !== '\\u') throw this.unpairedEscape(position);
    const low = this.readHex4(position + 6);
    if (!isLowSurrogate(low)) throw this.unpairedEscape(position);
    return [String.fromCharCode(high, low), 12];
  }

  /** Reads the four hex digits of `\uXXXX` whose backslash is at `position`. */
  private readHex4(position: number): number {
    const digits = this.source.slice(position + 2, position + 6);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) {
      const shown = this.source.slice(position, position + 6);
      throw this.error(`Invalid Unicode escape "${shown}" in a string at position ${position + 1}`);
    }
    return parseInt(digits, 16);
  }

  private unpairedEscape(position: number): ScimError {
    return this.error(`Unpaired surrogate escape in a string at position ${position + 1}`);
  }
}

/** `"#"`, or `U+0007` for what would not print. */
function describeCharacter(source: string, position: number): string {
  const code = source.codePointAt(position) ?? 0;
  if (code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff)) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `"${String.fromCodePoint(code)}"`;
}
