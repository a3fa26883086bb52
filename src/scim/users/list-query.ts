import { ScimError } from '../errors/scim-error';

/** The largest page served; advertised as filter.maxResults (RFC 7644 §3.4.2.4). */
export const MAX_PAGE_SIZE = 200;

export interface ListQuery {
  readonly filter?: string;
  /** 1-based (RFC 7644 §3.4.2.4). */
  readonly startIndex: number;
  readonly count: number;
}

export interface RawListQuery {
  readonly filter?: string;
  readonly startIndex?: string;
  readonly count?: string;
}

/**
 * RFC 7644 §3.4.2.4: startIndex below 1 is read as 1; a negative count as 0; a count above
 * the maximum is capped. Non-numbers are a client error.
 */
export function parseListQuery(raw: RawListQuery): ListQuery {
  const startIndex = Math.max(1, integerParam(raw.startIndex, 'startIndex') ?? 1);
  const count = Math.min(MAX_PAGE_SIZE, Math.max(0, integerParam(raw.count, 'count') ?? MAX_PAGE_SIZE));
  return { filter: raw.filter, startIndex, count };
}

function integerParam(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (!/^-?\d{1,15}$/.test(raw.trim())) {
    throw ScimError.badRequest('invalidValue', `"${name}" must be an integer.`);
  }
  return Number(raw);
}
