import { createHmac, timingSafeEqual } from 'node:crypto';
import { ScimError } from '../errors/scim-error';

/** RFC 9865 cursorTimeout: how long a cursor stays valid, advertised in ServiceProviderConfig. */
export const CURSOR_TIMEOUT_SECONDS = 3600;

/**
 * Where a keyset page starts: strictly after (or, for previousCursor, before) the row whose
 * sort key and id are given, in the order and under the query the cursor was issued for.
 */
export interface CursorPosition {
  readonly direction: 'after' | 'before';
  readonly sortKey: string;
  readonly id: string;
}

interface CursorPayload extends CursorPosition {
  /** Which query the cursor belongs to (filter, sortBy, sortOrder): a cursor is no skeleton key. */
  readonly query: string;
  /** Expiry, seconds since the epoch. */
  readonly expires: number;
}

/**
 * Opaque, tamper-evident cursors (RFC 9865 §2): base64url JSON with an HMAC-SHA256, checked in
 * constant time. The secret is shared by every instance through the database, so any instance
 * accepts any instance's cursors.
 */
export class CursorCodec {
  constructor(
    private readonly secret: Buffer,
    private readonly now: () => number = Date.now,
  ) {}

  encode(position: CursorPosition, query: string): string {
    const payload: CursorPayload = {
      ...position,
      query,
      expires: Math.floor(this.now() / 1000) + CURSOR_TIMEOUT_SECONDS,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  decode(cursor: string, query: string): CursorPosition {
    const [body, signature, ...rest] = cursor.split('.');
    if (body === undefined || signature === undefined || rest.length > 0 || !this.verify(body, signature)) {
      throw ScimError.badRequest('invalidCursor', 'The cursor is not one this server issued.');
    }
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as CursorPayload;
    if (payload.query !== query) {
      throw ScimError.badRequest('invalidCursor', 'The cursor belongs to another filter or sort order.');
    }
    if (payload.expires * 1000 < this.now()) {
      throw ScimError.badRequest('expiredCursor', 'The cursor has expired; start again without one.');
    }
    return { direction: payload.direction, sortKey: payload.sortKey, id: payload.id };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }

  private verify(body: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
