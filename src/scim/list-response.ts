import { LIST_RESPONSE_SCHEMA } from './schema/schema-urns';
import { JsonObject } from './scim-resource';

/** RFC 7644 §3.4.2: the envelope of every query response. */
export interface ListResponse {
  schemas: [typeof LIST_RESPONSE_SCHEMA];
  totalResults: number;
  /** Index paging only; RFC 9865 cursor pages carry nextCursor / previousCursor instead. */
  startIndex?: number;
  itemsPerPage: number;
  Resources: JsonObject[];
  nextCursor?: string;
  previousCursor?: string;
}

export function listResponse(
  resources: JsonObject[],
  totalResults: number,
  startIndex?: number,
): ListResponse {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    ...(startIndex === undefined ? {} : { startIndex }),
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
