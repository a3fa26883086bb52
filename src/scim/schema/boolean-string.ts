/**
 * Entra's default dialect sends booleans as strings, `"True"` and `"False"` (Microsoft's "Known
 * issues … SCIM 2.0 protocol compliance"); RFC 7643 §2.3.2 wants JSON booleans. The one reading
 * of such a string, for resource bodies, PATCH values and PATCH filter literals alike.
 */
export function booleanFromString(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return undefined;
}
