import { booleanFromString } from '../schema/boolean-string';
import { ScimError } from '../errors/scim-error';
import {
  AttributePath,
  FilterNode,
  FilterValue,
  parsePatchPath,
  PatchPath,
  ResolvedFilter,
  validateValueFilter,
} from '../filter';
import { AttributeDefinition, SchemaDefinition } from '../schema/attribute-definition';
import { commonAttributes } from '../schema/common-attributes';
import { findExtension, ResourceSchema } from '../schema/resource-schema';
import { findSubAttribute } from './coerce-value';
import { assertSafeName } from './json';
import { assertNever } from '../../common/assert-never';

/**
 * Path handling, kept apart from the operations as rfc6902 keeps `pointer.ts` apart from
 * `patch.ts`: a PATCH `path` (RFC 7644 §3.5.2, `PATH = attrPath / valuePath [subAttr]`) is parsed
 * by the filter parser and resolved here against the resource schema into a `PatchTarget` with
 * the schema's canonical names, so the operations never look at a client's spelling again.
 */

/** Where an attribute lives: at the top of the resource, or inside an extension's object. */
export interface AttributeLocation {
  /** The extension schema holding the attribute; undefined for core and common attributes. */
  readonly extension?: SchemaDefinition;
  readonly attribute: AttributeDefinition;
}

export type PatchTarget =
  /** No path: RFC 7644 §3.5.2.1 "the target location is assumed to be the resource itself". */
  | { readonly kind: 'resource' }
  /** A path naming an extension schema URN: the extension's object as a whole. */
  | { readonly kind: 'extension'; readonly extension: SchemaDefinition }
  /** `title`, `name`, `emails`, `urn:…:enterprise:2.0:User:manager`. */
  | { readonly kind: 'attribute'; readonly location: AttributeLocation }
  /** `name.givenName`, `manager.value`: a sub-attribute of a single-valued complex attribute. */
  | {
      readonly kind: 'subAttribute';
      readonly location: AttributeLocation;
      readonly subAttribute: AttributeDefinition;
    }
  /**
   * `emails[type eq "work"]`, `emails[type eq "work"].value`, `emails.value`: some or all elements
   * of a multi-valued attribute (all of them when there is no filter), optionally one sub-attribute.
   */
  | {
      readonly kind: 'elements';
      readonly location: AttributeLocation;
      /** The value filter, resolved and type-checked by the filter module once per operation. */
      readonly filter?: ResolvedFilter;
      readonly subAttribute?: AttributeDefinition;
    };

/** Resolves an operation's path (undefined for "no path") against the resource schema. */
export function resolvePatchPath(schema: ResourceSchema, path: string | undefined): PatchTarget {
  if (path === undefined) return { kind: 'resource' };
  const wholeSchema = schemaNamedBy(schema, path);
  if (wholeSchema === schema.core) return { kind: 'resource' };
  if (wholeSchema !== undefined) return { kind: 'extension', extension: wholeSchema };
  return resolveParsedPath(schema, parsePatchPath(path), path);
}

/** A path (or a key of a path-less value) that is exactly a schema URN names that schema's attributes. */
export function schemaNamedBy(schema: ResourceSchema, path: string): SchemaDefinition | undefined {
  if (path.toLowerCase() === schema.core.id.toLowerCase()) return schema.core;
  return findExtension(schema, path);
}

function resolveParsedPath(schema: ResourceSchema, parsed: PatchPath, raw: string): PatchTarget {
  const location = resolveLocation(schema, parsed.path, raw);
  const { attribute } = location;
  if (parsed.filter === undefined) {
    if (parsed.path.subAttribute === undefined) return { kind: 'attribute', location };
    const subAttribute = resolveSubAttribute(attribute, parsed.path.subAttribute, raw);
    return attribute.multiValued
      ? { kind: 'elements', location, subAttribute }
      : { kind: 'subAttribute', location, subAttribute };
  }
  if (parsed.path.subAttribute !== undefined || !attribute.multiValued || attribute.type !== 'complex') {
    throw ScimError.badRequest(
      'invalidPath',
      `Path "${raw}": a value filter "[…]" applies only to a multi-valued complex attribute such as "emails".`,
    );
  }
  const filter = validateValueFilter(withTypedBooleans(attribute, parsed.filter), attribute);
  if (parsed.subAttribute === undefined) return { kind: 'elements', location, filter };
  return {
    kind: 'elements',
    location,
    filter,
    subAttribute: resolveSubAttribute(attribute, parsed.subAttribute, raw),
  };
}

/**
 * RFC 7644 §3.10: a fully qualified path carries its schema URN; without one the attribute is
 * looked up in the core schema (and the common attributes of RFC 7643 §3.1) first. Entra also
 * sends extension attributes unqualified (its tutorial's `"path": "manager"`), so an unqualified
 * name the core lacks is looked up in the extensions, when exactly one defines it.
 */
function resolveLocation(schema: ResourceSchema, path: AttributePath, raw: string): AttributeLocation {
  assertSafeName(path.attribute, `path "${raw}"`);
  if (path.schemaUrn !== undefined) {
    const owner = schemaNamedBy(schema, path.schemaUrn);
    if (owner === undefined) {
      throw ScimError.badRequest('invalidPath', `Path "${raw}": unknown schema "${path.schemaUrn}".`);
    }
    const attribute = byName(owner === schema.core ? corePool(schema) : owner.attributes, path.attribute);
    if (attribute === undefined) throw unknownAttribute(path.attribute, raw);
    return owner === schema.core ? { attribute } : { extension: owner, attribute };
  }
  const core = byName(corePool(schema), path.attribute);
  if (core !== undefined) return { attribute: core };
  const inExtensions = schema.extensions.flatMap((extension) => {
    const attribute = byName(extension.attributes, path.attribute);
    return attribute === undefined ? [] : [{ extension, attribute }];
  });
  const [only, ...others] = inExtensions;
  if (only === undefined || others.length > 0) throw unknownAttribute(path.attribute, raw);
  return only;
}

function resolveSubAttribute(attribute: AttributeDefinition, name: string, raw: string): AttributeDefinition {
  assertSafeName(name, `path "${raw}"`);
  const sub = attribute.type === 'complex' ? findSubAttribute(attribute, name) : undefined;
  if (sub === undefined) {
    throw ScimError.badRequest(
      'invalidPath',
      `Path "${raw}": "${attribute.name}" has no sub-attribute "${name}".`,
    );
  }
  return sub;
}

/**
 * Entra writes booleans in value filters as strings (`roles[primary eq "True"].value`, Microsoft's
 * "Provisioning a role to a SCIM app"); RFC 7644 §3.4.2.2 wants `true`. The literal is rewritten
 * when the compared sub-attribute is boolean, before the filter module type-checks the filter;
 * everything else (unknown names included) is left for it to judge.
 */
function withTypedBooleans(attribute: AttributeDefinition, node: FilterNode): FilterNode {
  switch (node.kind) {
    case 'compare': {
      const sub =
        node.path.subAttribute === undefined ? findSubAttribute(attribute, node.path.attribute) : undefined;
      return sub?.type === 'boolean' ? { ...node, value: booleanLiteral(node.value) } : node;
    }
    case 'present':
    case 'valuePath':
      return node;
    case 'and':
    case 'or':
      return {
        ...node,
        left: withTypedBooleans(attribute, node.left),
        right: withTypedBooleans(attribute, node.right),
      };
    case 'not':
      return { ...node, operand: withTypedBooleans(attribute, node.operand) };
    default:
      return assertNever(node);
  }
}

function booleanLiteral(value: FilterValue): FilterValue {
  return typeof value === 'string' ? (booleanFromString(value) ?? value) : value;
}

function corePool(schema: ResourceSchema): readonly AttributeDefinition[] {
  return [...commonAttributes, ...schema.core.attributes];
}

/** RFC 7643 §2.1: attribute names are case-insensitive. */
function byName(pool: readonly AttributeDefinition[], name: string): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return pool.find((candidate) => candidate.name.toLowerCase() === lower);
}

function unknownAttribute(name: string, raw: string): ScimError {
  return ScimError.badRequest('invalidPath', `Path "${raw}": unknown attribute "${name}".`);
}
