/**
 * Limits that keep a hostile filter from costing more than a normal one (RFC 7644 §7 asks service
 * providers to guard against resource exhaustion). They match what peers cap at: 16 KiB, 32 levels,
 * 200 expressions.
 */

/** Longest filter or PATCH path accepted, in UTF-16 code units (16 KiB of ASCII). */
export const MAX_FILTER_LENGTH = 16 * 1024;

/** Deepest nesting of parentheses, `not (…)` and value filters `[…]`. */
export const MAX_FILTER_DEPTH = 32;

/** Most AST nodes (comparisons, presence tests, and/or/not, value paths) in one filter. */
export const MAX_FILTER_NODES = 200;
