import { JsonValue } from '../scim-resource';

/** RFC 7644 §3.5.2: the three operations, spelled as the RFC spells them (Entra's `Add` is normalised). */
export type PatchOpName = 'add' | 'remove' | 'replace';

/**
 * One PATCH operation after `normalizePatchRequest`: `op` lower-cased, `path` a non-empty string or
 * absent, `value` as sent. Value types are checked and coerced against the resource schema once,
 * when `applyPatch` resolves the operation's target (that needs the schema the edge step lacks).
 */
export interface PatchOperation {
  readonly op: PatchOpName;
  readonly path?: string;
  readonly value?: JsonValue;
}
