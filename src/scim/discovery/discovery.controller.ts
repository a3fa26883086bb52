import { Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ScimError } from '../errors/scim-error';
import { ListResponse, listResponse } from '../list-response';
import { ScimController } from '../scim-endpoint.decorator';
import { JsonObject } from '../scim-resource';
import { allSchemas, resourceSchemas, resourceTypeResource, schemaResource } from './schema-resources';
import { serviceProviderConfig } from './service-provider-config';

/**
 * RFC 7644 §4: how a client learns what this server supports. Built once at boot: the
 * answers never change while the process runs.
 */
@ScimController('', 'SCIM discovery')
export class DiscoveryController {
  private readonly config: JsonObject;
  private readonly schemas: JsonObject[];
  private readonly resourceTypes: JsonObject[];

  constructor(@Inject(APP_CONFIG) { tenantUrl }: AppConfig) {
    this.config = serviceProviderConfig(tenantUrl);
    this.schemas = allSchemas().map((schema) => schemaResource(schema, tenantUrl));
    this.resourceTypes = resourceSchemas.map((resource) => resourceTypeResource(resource, tenantUrl));
  }

  @Get('ServiceProviderConfig')
  @ApiOperation({ summary: 'What this SCIM server supports (RFC 7643 §5)' })
  @ApiOkResponse({ description: 'The ServiceProviderConfig resource.' })
  serviceProviderConfig(): JsonObject {
    return this.config;
  }

  @Get('Schemas')
  @ApiOperation({ summary: 'The schemas of User and its enterprise extension (RFC 7643 §7)' })
  listSchemas(@Query('filter') filter?: string): ListResponse {
    refuseFilter(filter);
    return listResponse(this.schemas, this.schemas.length, 1);
  }

  @Get('Schemas/:id')
  @ApiOperation({ summary: 'One schema, by URN' })
  getSchema(@Param('id') id: string): JsonObject {
    return findById(this.schemas, id, 'schema');
  }

  @Get('ResourceTypes')
  @ApiOperation({ summary: 'The resource types served here (RFC 7643 §6)' })
  listResourceTypes(@Query('filter') filter?: string): ListResponse {
    refuseFilter(filter);
    return listResponse(this.resourceTypes, this.resourceTypes.length, 1);
  }

  @Get('ResourceTypes/:id')
  @ApiOperation({ summary: 'One resource type, by name' })
  getResourceType(@Param('id') id: string): JsonObject {
    return findById(this.resourceTypes, id, 'resource type');
  }
}

/** RFC 7644 §4: a filter on a discovery endpoint SHOULD be answered with 403. */
function refuseFilter(filter: string | undefined): void {
  if (filter !== undefined)
    throw new ScimError(403, undefined, 'Discovery endpoints do not support filtering.');
}

function findById(resources: JsonObject[], id: string, what: string): JsonObject {
  const found = resources.find(
    (resource) => typeof resource.id === 'string' && resource.id.toLowerCase() === id.toLowerCase(),
  );
  if (!found) throw ScimError.notFound(`No such ${what}.`);
  return found;
}
