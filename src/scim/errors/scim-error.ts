/** RFC 7644 §3.12 Table 9: the `scimType` detail codes a 400 (or 409) may carry. */
export type ScimErrorType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  // RFC 9865 §2.2: cursor pagination errors.
  | 'invalidCursor'
  | 'expiredCursor'
  | 'invalidCount';

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/**
 * A failure that maps one-to-one onto an RFC 7644 §3.12 error response. Pure code
 * (filter parser, patch engine, mapper) throws it; one exception filter renders it.
 */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly scimType: ScimErrorType | undefined,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ScimError';
  }

  static badRequest(scimType: ScimErrorType, detail: string): ScimError {
    return new ScimError(400, scimType, detail);
  }

  static notFound(detail: string): ScimError {
    return new ScimError(404, undefined, detail);
  }

  static conflict(detail: string): ScimError {
    return new ScimError(409, 'uniqueness', detail);
  }

  toBody(): ScimErrorBody {
    return {
      schemas: [SCIM_ERROR_SCHEMA],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.detail,
    };
  }
}

export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR_SCHEMA];
  status: string;
  scimType?: ScimErrorType;
  detail: string;
}
