/** Makes a `switch` over a union exhaustive: a new member without a case fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
