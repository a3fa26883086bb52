import { ScimError } from '../errors/scim-error';
import { JsonObject, JsonValue, isJsonObject } from '../scim-resource';

/**
 * Small JSON helpers for the patch engine. Everything here is copy-on-write: a helper returns the
 * object it was given when nothing changes, so unchanged subtrees stay shared with the input and
 * `deepEqualJson(before, after)` is cheap (it stops at the first identical reference).
 */

/**
 * Structural equality of two JSON values: arrays in order, objects by key set. The caller uses it
 * to tell whether a PATCH changed anything (RFC 7644 §3.5.2.1: a no-op "SHALL NOT change the
 * modify timestamp of the resource").
 */
export function deepEqualJson(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => deepEqualJson(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && deepEqualJson(a[key], b[key]));
  }
  return false;
}

/**
 * Returns `target` with `key` set to `value` (or deleted when `value` is undefined), copying only
 * `target` itself. Returns `target` unchanged when the value is already there, which keeps no-op
 * operations from producing a different-but-equal tree. Keys are schema names or schema URNs,
 * never raw client input (see `assertSafeName`).
 */
export function withKey(target: JsonObject, key: string, value: JsonValue | undefined): JsonObject {
  if (value === undefined) {
    if (!Object.hasOwn(target, key)) return target;
    return Object.fromEntries(Object.entries(target).filter(([existing]) => existing !== key));
  }
  if (Object.hasOwn(target, key) && deepEqualJson(target[key], value)) return target;
  return { ...target, [key]: value };
}

/**
 * Names that would reach `Object.prototype` if anything ever used them as a property key. They are
 * never SCIM attribute names, so rejecting them up front costs nothing and makes prototype
 * pollution impossible rather than merely unlikely (the engine also only writes schema names).
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function assertSafeName(name: string, where: string): void {
  if (PROTOTYPE_KEYS.has(name.toLowerCase())) {
    throw ScimError.badRequest('invalidPath', `"${name}" is not a SCIM attribute name (${where}).`);
  }
}
