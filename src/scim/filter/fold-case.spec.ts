import fc from 'fast-check';
import { compareCodePoints, foldCase } from './fold-case';

describe('foldCase', () => {
  const cases: [string, string][] = [
    ['BJensen@Example.COM', 'bjensen@example.com'],
    ['ÉCOLE', 'école'],
    ['E\u0301COLE', 'école'],
    ['ΟΔΟΣ', 'οδος'],
    ['İstanbul', 'i\u0307stanbul'],
    ['STRASSE', 'strasse'],
    ['Straße', 'straße'],
    ['𐐀', '𐐨'],
  ];

  it.each(cases)('should fold %j to %j', (input, expected) => {
    expect(foldCase(input)).toBe(expected);
  });

  it('should be idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => foldCase(foldCase(text)) === foldCase(text)),
    );
  });
});

describe('compareCodePoints', () => {
  it('should order strings as their UTF-8 bytes order (SQLite BINARY, PostgreSQL "C")', () => {
    const wellFormed = fc.string({ unit: 'binary' }).filter((text) => !/\p{Cs}/u.test(text));
    fc.assert(
      fc.property(wellFormed, wellFormed, (left, right) => {
        expect(compareCodePoints(left, right)).toBe(
          Math.sign(Buffer.compare(Buffer.from(left), Buffer.from(right))),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('should put U+1F600 after U+FFFD, unlike JavaScript\'s "<"', () => {
    expect(compareCodePoints('😀', '\uFFFD')).toBe(1);
    expect('😀' < '\uFFFD').toBe(true);
  });
});
