import { AttributeDefinition, SchemaDefinition } from '../schema/attribute-definition';
import { ResourceSchema, userResourceSchema } from '../schema/resource-schema';
import { RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA } from '../schema/schema-urns';
import { JsonObject } from '../scim-resource';

export const resourceSchemas: readonly ResourceSchema[] = [userResourceSchema];

/** RFC 7643 §7: a schema as the /Schemas endpoint serves it. */
export function schemaResource(schema: SchemaDefinition, baseUrl: string): JsonObject {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(attributeResource),
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
  };
}

/** RFC 7643 §6: a resource type as the /ResourceTypes endpoint serves it. */
export function resourceTypeResource(resource: ResourceSchema, baseUrl: string): JsonObject {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: resource.name,
    name: resource.name,
    endpoint: resource.endpoint,
    description: resource.core.description,
    schema: resource.core.id,
    schemaExtensions: resource.extensions.map((extension) => ({ schema: extension.id, required: false })),
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${resource.name}` },
  };
}

export function allSchemas(): SchemaDefinition[] {
  return resourceSchemas.flatMap((resource) => [resource.core, ...resource.extensions]);
}

function attributeResource(attribute: AttributeDefinition): JsonObject {
  const { subAttributes, canonicalValues, referenceTypes, ...characteristics } = attribute;
  return {
    ...characteristics,
    ...(canonicalValues ? { canonicalValues: [...canonicalValues] } : {}),
    ...(referenceTypes ? { referenceTypes: [...referenceTypes] } : {}),
    ...(subAttributes ? { subAttributes: subAttributes.map(attributeResource) } : {}),
  };
}
