import fc from 'fast-check';
import { ScimError } from '../errors/scim-error';
import { CURSOR_TIMEOUT_SECONDS, CursorCodec, CursorPosition } from './cursor';

/** RFC 9865 cursors: opaque, tamper-evident, bound to their query, and short-lived. */

const SECRET = Buffer.from('0123456789abcdef0123456789abcdef');
const QUERY = 'filter=userName sw "a"|sortBy=userName|ascending';
/** A whole second, so the expiry (whole seconds) falls exactly CURSOR_TIMEOUT_SECONDS later. */
const ISSUED_AT = Date.UTC(2025, 5, 1, 12, 0, 0);
const POSITION: CursorPosition = { direction: 'after', sortKey: 'alice@contoso.com', id: 'user-1' };

const NOT_OURS = 'The cursor is not one this server issued.';
const OTHER_QUERY = 'The cursor belongs to another filter or sort order.';
const EXPIRED = 'The cursor has expired; start again without one.';

/** A codec whose clock the test moves. */
function codecAt(start: number = ISSUED_AT, secret: Buffer = SECRET) {
  const clock = { now: start };
  return { codec: new CursorCodec(secret, () => clock.now), clock };
}

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

function expectScimError(action: () => unknown, scimType: string, detail: string): void {
  const error = thrown(action);
  expect(error).toBeInstanceOf(ScimError);
  expect(error).toMatchObject({ status: 400, scimType, detail });
}

/** The character at `index` replaced by another one from the base64url alphabet. */
function replaceAt(text: string, index: number): string {
  const replacement = text[index] === 'A' ? 'B' : 'A';
  return `${text.slice(0, index)}${replacement}${text.slice(index + 1)}`;
}

describe('CursorCodec', () => {
  it('should decode the position it encoded', () => {
    const { codec } = codecAt();

    expect(codec.decode(codec.encode(POSITION, QUERY), QUERY)).toEqual(POSITION);
  });

  it('should keep the direction of a previousCursor', () => {
    const { codec } = codecAt();
    const before: CursorPosition = { direction: 'before', sortKey: '2025-01-01T00:00:00.000Z', id: 'user-9' };

    expect(codec.decode(codec.encode(before, QUERY), QUERY)).toEqual(before);
  });

  it('should be opaque: url-safe, and without the sort key in clear', () => {
    const { codec } = codecAt();
    const cursor = codec.encode(POSITION, QUERY);

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(cursor).not.toContain('alice');
  });

  it('should be accepted by another instance sharing the secret', () => {
    const issuer = codecAt().codec;
    const other = codecAt(ISSUED_AT + 5_000).codec;

    expect(other.decode(issuer.encode(POSITION, QUERY), QUERY)).toEqual(POSITION);
  });

  it('should refuse a cursor signed with another secret', () => {
    const foreign = codecAt(ISSUED_AT, Buffer.from('another secret entirely, 32 bytes')).codec;
    const { codec } = codecAt();

    expectScimError(() => codec.decode(foreign.encode(POSITION, QUERY), QUERY), 'invalidCursor', NOT_OURS);
  });

  it('should refuse a cursor issued for another query', () => {
    const { codec } = codecAt();
    const cursor = codec.encode(POSITION, QUERY);

    expectScimError(() => codec.decode(cursor, `${QUERY}|descending`), 'invalidCursor', OTHER_QUERY);
  });

  interface TamperCase {
    readonly name: string;
    readonly tamper: (cursor: string) => string;
  }

  const tampering: readonly TamperCase[] = [
    { name: 'should refuse a cursor whose body was changed', tamper: (cursor) => replaceAt(cursor, 3) },
    {
      name: 'should refuse a cursor whose signature was changed',
      tamper: (cursor) => replaceAt(cursor, cursor.length - 2),
    },
    {
      name: 'should refuse a body re-encoded with another position under the old signature',
      tamper: (cursor) => {
        const [body = '', signature = ''] = cursor.split('.');
        const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<
          string,
          unknown
        >;
        const forged = Buffer.from(JSON.stringify({ ...payload, sortKey: 'zzz' })).toString('base64url');
        return `${forged}.${signature}`;
      },
    },
    { name: 'should refuse a cursor without its signature', tamper: (cursor) => cursor.split('.')[0] ?? '' },
    { name: 'should refuse a cursor with an extra segment', tamper: (cursor) => `${cursor}.extra` },
    {
      name: 'should refuse a cursor with an empty signature',
      tamper: (cursor) => `${cursor.split('.')[0]}.`,
    },
    { name: 'should refuse an empty cursor', tamper: () => '' },
  ];

  it.each(tampering)('$name', ({ tamper }) => {
    const { codec } = codecAt();

    expectScimError(
      () => codec.decode(tamper(codec.encode(POSITION, QUERY)), QUERY),
      'invalidCursor',
      NOT_OURS,
    );
  });

  it(`should accept a cursor up to ${CURSOR_TIMEOUT_SECONDS} seconds after it was issued`, () => {
    const { codec, clock } = codecAt();
    const cursor = codec.encode(POSITION, QUERY);
    clock.now = ISSUED_AT + CURSOR_TIMEOUT_SECONDS * 1000;

    expect(codec.decode(cursor, QUERY)).toEqual(POSITION);
  });

  it(`should refuse a cursor after ${CURSOR_TIMEOUT_SECONDS} seconds with 400 expiredCursor`, () => {
    const { codec, clock } = codecAt();
    const cursor = codec.encode(POSITION, QUERY);
    clock.now = ISSUED_AT + CURSOR_TIMEOUT_SECONDS * 1000 + 1;

    expectScimError(() => codec.decode(cursor, QUERY), 'expiredCursor', EXPIRED);
  });

  it('should advertise a one-hour cursorTimeout', () => {
    expect(CURSOR_TIMEOUT_SECONDS).toBe(3600);
  });

  it('should decode any position it encoded, under its own query only', () => {
    const { codec } = codecAt();
    fc.assert(
      fc.property(
        fc.record({
          direction: fc.constantFrom<'after' | 'before'>('after', 'before'),
          sortKey: fc.string({ unit: 'binary' }),
          id: fc.uuid(),
        }),
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        (position, query, otherQuery) => {
          const cursor = codec.encode(position, query);

          expect(codec.decode(cursor, query)).toEqual(position);
          if (otherQuery !== query) {
            expectScimError(() => codec.decode(cursor, otherQuery), 'invalidCursor', OTHER_QUERY);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('should refuse a cursor with any one character changed', () => {
    const { codec } = codecAt();
    const cursor = codec.encode(POSITION, QUERY);
    const indexes = fc.integer({ min: 0, max: cursor.length - 1 }).filter((index) => cursor[index] !== '.');

    fc.assert(
      fc.property(indexes, (index) => {
        expectScimError(() => codec.decode(replaceAt(cursor, index), QUERY), 'invalidCursor', NOT_OURS);
      }),
      { numRuns: 200 },
    );
  });

  it('should answer garbage with a 400 ScimError, never another exception', () => {
    const { codec } = codecAt();
    const garbage = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.base64String(),
      fc
        .tuple(fc.base64String(), fc.base64String())
        .map(([body, signature]) => `${body.replace(/=+$/, '')}.${signature.replace(/=+$/, '')}`),
      fc.json().map((json) => `${Buffer.from(json).toString('base64url')}.${'A'.repeat(43)}`),
    );

    fc.assert(
      fc.property(garbage, (cursor) => {
        expectScimError(() => codec.decode(cursor, QUERY), 'invalidCursor', NOT_OURS);
      }),
      { numRuns: 300 },
    );
  });
});
