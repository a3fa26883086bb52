import { Body, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor } from '../../auth/actor';
import { CurrentActor } from '../../auth/authenticated.decorator';
import { parseVersionPrecondition } from '../etag';
import { ListResponse } from '../list-response';
import { SCIM_MEDIA_TYPE } from '../scim-content-type';
import { ScimController } from '../scim-endpoint.decorator';
import { ScimResource } from '../scim-resource';
import { entraExamples } from './entra-examples';
import { parseListQuery, RawListQuery } from './list-query';
import { ScimUsersService } from './scim-users.service';

/** /Users over HTTP: headers and status codes here, SCIM semantics in ScimUsersService. */
@ScimController('Users', 'SCIM Users')
export class ScimUsersController {
  constructor(private readonly scimUsers: ScimUsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user (Entra: create, or Provision on demand)' })
  @ApiConsumes(SCIM_MEDIA_TYPE, 'application/json')
  @ApiBody({ schema: { type: 'object' }, examples: { entraCreate: { value: entraExamples.createUser } } })
  @ApiResponse({ status: 201, description: 'Created; Location and ETag headers are set.' })
  @ApiResponse({ status: 409, description: 'userName, work email or externalId belongs to another user.' })
  async create(
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScimResource> {
    const user = await this.scimUsers.create(body, actor);
    withVersionHeaders(reply, user).header('Location', metaOf(user).location).status(201);
    return user;
  }

  @Get()
  @ApiOperation({ summary: 'Query users (Entra: Test Connection and matching use userName eq)' })
  @ApiQuery({ name: 'filter', required: false, example: 'userName eq "alice@contoso.com"' })
  @ApiQuery({ name: 'startIndex', required: false, example: 1 })
  @ApiQuery({ name: 'count', required: false, example: 100 })
  list(@Query() query: RawListQuery): Promise<ListResponse> {
    return this.scimUsers.list(parseListQuery(query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read one user' })
  @ApiResponse({ status: 304, description: 'If-None-Match holds the current version.' })
  async get(
    @Param('id') id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScimResource | undefined> {
    const user = await this.scimUsers.get(id);
    withVersionHeaders(reply, user);
    const precondition = parseVersionPrecondition(ifNoneMatch);
    if (
      precondition === '*' ||
      (precondition !== undefined && `W/"${precondition}"` === metaOf(user).version)
    ) {
      reply.status(304);
      return undefined;
    }
    return user;
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a user' })
  @ApiConsumes(SCIM_MEDIA_TYPE, 'application/json')
  @ApiBody({ schema: { type: 'object' }, examples: { entraReplace: { value: entraExamples.createUser } } })
  async replace(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScimResource> {
    const user = await this.scimUsers.replace(id, body, actor, parseVersionPrecondition(ifMatch));
    withVersionHeaders(reply, user);
    return user;
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
  async patch(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScimResource> {
    const user = await this.scimUsers.patch(id, body, actor, parseVersionPrecondition(ifMatch));
    withVersionHeaders(reply, user);
    return user;
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

function metaOf(resource: ScimResource): { location: string; version: string } {
  return resource.meta as { location: string; version: string };
}

function withVersionHeaders(reply: FastifyReply, resource: ScimResource): FastifyReply {
  return reply.header('ETag', metaOf(resource).version);
}
