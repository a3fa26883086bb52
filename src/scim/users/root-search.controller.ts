import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation } from '@nestjs/swagger';
import { ListResponse } from '../list-response';
import { parseSearchRequest } from '../query/list-query';
import { SCIM_MEDIA_TYPE } from '../scim-content-type';
import { ScimController } from '../scim-endpoint.decorator';
import { entraExamples } from './entra-examples';
import { ScimUsersService } from './scim-users.service';

/**
 * RFC 7644 §3.4.3: POST /.search queries every resource type. Users are the only type served
 * today, so it answers what /Users/.search does.
 */
@ScimController('', 'SCIM Users')
export class RootSearchController {
  constructor(private readonly scimUsers: ScimUsersService) {}

  @Post('.search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Query all resources with a SearchRequest body (RFC 7644 §3.4.3)' })
  @ApiConsumes(SCIM_MEDIA_TYPE, 'application/json')
  @ApiBody({ schema: { type: 'object' }, examples: { search: { value: entraExamples.searchRequest } } })
  search(@Body() body: unknown): Promise<ListResponse> {
    return this.scimUsers.list(parseSearchRequest(body));
  }
}
