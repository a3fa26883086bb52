import {
  applyDecorators,
  Body,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/authenticated.decorator';
import { parseVersionPrecondition } from '../etag';
import { ListResponse } from '../list-response';
import { parseListQuery, parseSearchRequest, RawListQuery } from '../query/list-query';
import { parseProjection } from '../query/projection';
import { SCIM_MEDIA_TYPE } from '../scim-content-type';
import { ScimController } from '../scim-endpoint.decorator';
import { ScimResource } from '../scim-resource';
import { entraExamples } from './entra-examples';
import { RenderedUser, ScimUsersService } from './scim-users.service';

/** RFC 7644 §3.9: on every response that carries a resource. */
interface ProjectionQuery {
  readonly attributes?: string;
  readonly excludedAttributes?: string;
}

const projectionOf = (query: ProjectionQuery) => parseProjection(query.attributes, query.excludedAttributes);

const ApiProjection = () =>
  applyDecorators(
    ApiQuery({ name: 'attributes', required: false, example: 'userName,emails' }),
    ApiQuery({ name: 'excludedAttributes', required: false, example: 'addresses' }),
  );

/** /Users over HTTP: headers and status codes here, SCIM semantics in ScimUsersService. */
@ScimController('Users', 'SCIM Users')
export class ScimUsersController {
  constructor(private readonly scimUsers: ScimUsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user (Entra: create, or Provision on demand)' })
  @ApiConsumes(SCIM_MEDIA_TYPE, 'application/json')
  @ApiBody({ schema: { type: 'object' }, examples: { entraCreate: { value: entraExamples.createUser } } })
  @ApiProjection()
  @ApiResponse({ status: 201, description: 'Created; Location and ETag headers are set.' })
  @ApiResponse({ status: 409, description: 'userName, work email or externalId belongs to another user.' })
  async create(
    @Body() body: unknown,
    @Query() query: ProjectionQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScimResource> {
    const user = await this.scimUsers.create(body, actor, projectionOf(query));
    return respond(reply.status(201).header('Location', user.location), user);
  }

  @Get()
  @ApiOperation({ summary: 'Query users (Entra: Test Connection and matching use userName eq)' })
  @ApiQuery({ name: 'filter', required: false, example: 'userName eq "alice@contoso.com"' })
  @ApiQuery({ name: 'startIndex', required: false, example: 1 })
  @ApiQuery({ name: 'count', required: false, example: 100 })
  @ApiQuery({
    name: 'cursor',
    required: false,
    description: 'RFC 9865: empty for the first page, then nextCursor',
  })
  @ApiQuery({ name: 'sortBy', required: false, example: 'userName' })
  @ApiQuery({ name: 'sortOrder', required: false, enum: ['ascending', 'descending'] })
  @ApiProjection()
  list(@Query() query: RawListQuery): Promise<ListResponse> {
    return this.scimUsers.list(parseListQuery(query));
  }

  @Post('.search')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Query users with a SearchRequest body (RFC 7644 §3.4.3): no personal data in URLs',
  })
  @ApiConsumes(SCIM_MEDIA_TYPE, 'application/json')
  @ApiBody({ schema: { type: 'object' }, examples: { search: { value: entraExamples.searchRequest } } })
  search(@Body() body: unknown): Promise<ListResponse> {
    return this.scimUsers.list(parseSearchRequest(body));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one user' })
  @ApiProjection()
  @ApiResponse({ status: 304, description: 'If-None-Match holds the current version.' })
  async get(
    @Param('id') id: string,
    @Query() query: ProjectionQuery,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScimResource | undefined> {
    const user = await this.scimUsers.get(id, projectionOf(query));
    const precondition = parseVersionPrecondition(ifNoneMatch);
    if (precondition === '*' || (precondition !== undefined && `W/"${precondition}"` === user.etag)) {
      reply.status(304).header('ETag', user.etag);
      return undefined;
    }
    return respond(reply, user);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a user' })
  @ApiConsumes(SCIM_MEDIA_TYPE, 'application/json')
  @ApiBody({ schema: { type: 'object' }, examples: { entraReplace: { value: entraExamples.createUser } } })
  @ApiProjection()
  async replace(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: ProjectionQuery,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScimResource> {
    const precondition = parseVersionPrecondition(ifMatch);
    return respond(reply, await this.scimUsers.replace(id, body, actor, precondition, projectionOf(query)));
  }

  @Patch(':id')
  @ApiOperation({ summary: "Update a user with PatchOp (Entra's sync cycles, suspend with active=false)" })
  @ApiConsumes(SCIM_MEDIA_TYPE, 'application/json')
  @ApiBody({
    schema: { type: 'object' },
    examples: {
      entraUpdate: { value: entraExamples.patchAttributes },
      entraDisable: { value: entraExamples.patchDisable },
    },
  })
  @ApiProjection()
  async patch(
    @Param('id') id: string,
    @Body() body: unknown,
    @Query() query: ProjectionQuery,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScimResource> {
    const precondition = parseVersionPrecondition(ifMatch);
    return respond(reply, await this.scimUsers.patch(id, body, actor, precondition, projectionOf(query)));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deprovision a user: suspended and removed from SCIM, kept in Bloomflow' })
  async delete(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.scimUsers.delete(id, actor, parseVersionPrecondition(ifMatch));
  }
}

/** RFC 7644 §3.14: the version travels as ETag beside the resource. */
function respond(reply: FastifyReply, user: RenderedUser): ScimResource {
  reply.header('ETag', user.etag);
  return user.resource;
}
