import { AttributeDefinition, SchemaDefinition } from './attribute-definition';
import { commonAttributes } from './common-attributes';
import { enterpriseUserSchema, userSchema } from './user-schema';

/** A resource type (RFC 7643 §6): its core schema plus the extensions it accepts. */
export interface ResourceSchema {
  readonly name: string;
  readonly endpoint: string;
  readonly core: SchemaDefinition;
  readonly extensions: readonly SchemaDefinition[];
}

export const userResourceSchema: ResourceSchema = {
  name: 'User',
  endpoint: '/Users',
  core: userSchema,
  extensions: [enterpriseUserSchema],
};

/** Where an attribute path lands: the schema that owns it, the attribute, and an optional sub-attribute. */
export interface ResolvedAttribute {
  /** The URN of the owning schema; the core schema for common attributes (`id`, `externalId`, `meta`). */
  readonly schemaUrn: string;
  readonly isExtension: boolean;
  readonly attribute: AttributeDefinition;
  readonly subAttribute?: AttributeDefinition;
}

const byName = (attributes: readonly AttributeDefinition[], name: string) => {
  const lower = name.toLowerCase();
  // RFC 7643 §2.1: attribute names are case-insensitive.
  return attributes.find((candidate) => candidate.name.toLowerCase() === lower);
};

/**
 * Resolves `attr`, `attr.sub`, `urn:…:attr` or `urn:…:attr.sub` (RFC 7644 §3.10) against a
 * resource type, case-insensitively. Returns undefined when the path names nothing.
 */
export function resolveAttribute(resource: ResourceSchema, path: string): ResolvedAttribute | undefined {
  const { schema, rest } = splitSchemaUrn(resource, path);
  if (rest === '' || schema === undefined) return undefined;
  const [attributeName, subName, ...tooDeep] = rest.split('.');
  if (tooDeep.length > 0 || attributeName === undefined) return undefined;
  const isExtension = schema !== resource.core;
  const pool = isExtension ? schema.attributes : [...commonAttributes, ...schema.attributes];
  const attribute = byName(pool, attributeName);
  if (!attribute) return undefined;
  if (subName === undefined) return { schemaUrn: schema.id, isExtension, attribute };
  const subAttribute = byName(attribute.subAttributes ?? [], subName);
  if (!subAttribute) return undefined;
  return { schemaUrn: schema.id, isExtension, attribute, subAttribute };
}

/** Returns the schema named by the path's URN prefix (or the core schema) and what follows it. */
function splitSchemaUrn(
  resource: ResourceSchema,
  path: string,
): { schema: SchemaDefinition | undefined; rest: string } {
  if (!path.toLowerCase().startsWith('urn:')) return { schema: resource.core, rest: path };
  const lower = path.toLowerCase();
  for (const schema of [resource.core, ...resource.extensions]) {
    const urn = schema.id.toLowerCase();
    if (lower === urn) return { schema, rest: '' };
    if (lower.startsWith(`${urn}:`)) return { schema, rest: path.slice(urn.length + 1) };
  }
  return { schema: undefined, rest: '' };
}

/** Looks up an extension by its URN, case-insensitively. */
export function findExtension(resource: ResourceSchema, urn: string): SchemaDefinition | undefined {
  const lower = urn.toLowerCase();
  return resource.extensions.find((extension) => extension.id.toLowerCase() === lower);
}
