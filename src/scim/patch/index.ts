/** The PATCH engine's public surface: normalise the body at the edge, then apply it to a resource. */
export { applyPatch } from './apply-patch';
export { deepEqualJson } from './json';
export { MAX_PATCH_OPERATIONS, normalizePatchRequest } from './normalize-patch-request';
export type { PatchOperation, PatchOpName } from './patch-operation';
