import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  API_KEY_PREFIX,
  displayPrefix,
  generateApiKeySecret,
  hashApiKeySecret,
  hashesEqual,
} from './api-key-secret';

describe('generateApiKeySecret', () => {
  it('should start with the bfk_ prefix', () => {
    expect(API_KEY_PREFIX).toBe('bfk_');
    expect(generateApiKeySecret().startsWith('bfk_')).toBe(true);
  });

  it('should carry 256 bits as 43 base64url characters, safe in headers and shells', () => {
    const secret = generateApiKeySecret();

    expect(secret).toMatch(/^bfk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(4), 'base64url')).toHaveLength(32);
  });

  it('should never repeat a secret', () => {
    const secrets = new Set(Array.from({ length: 500 }, () => generateApiKeySecret()));

    expect(secrets.size).toBe(500);
  });
});

describe('hashApiKeySecret', () => {
  it('should be the SHA-256 of the secret in lower-case hex (FIPS 180-2 test vector)', () => {
    expect(hashApiKeySecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('should hash the UTF-8 bytes of any secret to 64 hex characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (secret) => {
        const hash = hashApiKeySecret(secret);

        expect(hash).toMatch(/^[0-9a-f]{64}$/);
        expect(hash).toBe(createHash('sha256').update(Buffer.from(secret, 'utf8')).digest('hex'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('displayPrefix', () => {
  it('should show the prefix and the first 8 characters of the secret', () => {
    expect(displayPrefix('bfk_ab12cd34ef56gh78')).toBe('bfk_ab12cd34');
  });
});

describe('hashesEqual', () => {
  const hash = hashApiKeySecret('bfk_one');

  interface EqualityCase {
    readonly name: string;
    readonly left: string;
    readonly right: string;
    readonly equal: boolean;
  }

  const cases: readonly EqualityCase[] = [
    { name: 'should match a hash with itself', left: hash, right: hash, equal: true },
    {
      name: 'should tell two hashes apart',
      left: hash,
      right: hashApiKeySecret('bfk_two'),
      equal: false,
    },
    {
      name: 'should tell apart hashes that differ in the last character only',
      left: hash,
      right: `${hash.slice(0, 63)}${hash.endsWith('0') ? '1' : '0'}`,
      equal: false,
    },
    {
      name: 'should refuse a shorter hash without throwing',
      left: hash,
      right: hash.slice(0, 32),
      equal: false,
    },
    { name: 'should refuse an empty hash', left: hash, right: '', equal: false },
  ];

  it.each(cases)('$name', ({ left, right, equal }) => {
    expect(hashesEqual(left, right)).toBe(equal);
  });

  it('should say two secrets hash alike exactly when they are the same secret', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(hashesEqual(hashApiKeySecret(a), hashApiKeySecret(b))).toBe(a === b);
        expect(hashesEqual(hashApiKeySecret(a), hashApiKeySecret(a))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
