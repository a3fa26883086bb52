/** The lexical tokens of the RFC 7644 §3.4.2.2 filter grammar. */
export type TokenKind =
  /**
   * An attribute path or a keyword (`eq`, `and`, `not`, `pr`, `true`…): the grammar tells them
   * apart only by position, so the parser decides (graphql-js does the same with its Name token).
   */
  'name' | 'string' | 'number' | '(' | ')' | '[' | ']' | '.' | 'end';

interface TokenBase {
  /** Offset of the first character in the input (0-based; messages add 1). */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
  /** The token exactly as written. */
  readonly text: string;
}

export interface NameToken extends TokenBase {
  readonly kind: 'name';
}
export interface StringToken extends TokenBase {
  readonly kind: 'string';
  /** The decoded string, JSON escapes applied. */
  readonly value: string;
}
export interface NumberToken extends TokenBase {
  readonly kind: 'number';
  readonly value: number;
}
export interface PunctuatorToken extends TokenBase {
  readonly kind: '(' | ')' | '[' | ']' | '.' | 'end';
}

export type Token = NameToken | StringToken | NumberToken | PunctuatorToken;
