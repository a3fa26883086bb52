import { Body, Delete, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { AdminApiKeysService } from './admin-api-keys.service';
import { AdminController } from './admin-controller.decorator';
import type { ApiKeyView, CreatedApiKeyView, RotatedApiKeyView } from './admin-views';
import { CreateApiKeyDto, RotateApiKeyDto } from './dto/api-key.dto';

/** Admin > Provisioning keys. */
@AdminController('api-keys')
export class AdminApiKeysController {
  constructor(private readonly apiKeys: AdminApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'List provisioning keys (name, prefix, created, last used, revoked, expiry)' })
  list(): Promise<ApiKeyView[]> {
    return this.apiKeys.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a provisioning key; its secret is in this response only' })
  @ApiResponse({ status: 201, description: 'Created; `secret` is shown this once.' })
  @ApiConflictResponse({ description: 'A key with this name exists.' })
  create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    return this.apiKeys.create(body.name);
  }

  @Post(':id/rotate')
  @ApiOperation({ summary: 'Rotate: a new key, the old one working until previousExpiresAt (default 24 h)' })
  @ApiResponse({ status: 201, description: 'The new key with its secret (shown once), and the old one.' })
  @ApiNotFoundResponse({ description: 'No such key.' })
  @ApiConflictResponse({ description: 'The key is revoked or expired, or the new name is taken.' })
  rotate(@Param('id', ParseUUIDPipe) id: string, @Body() body: RotateApiKeyDto): Promise<RotatedApiKeyView> {
    return this.apiKeys.rotate(id, body);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a key: refused at once, on every instance' })
  @ApiNotFoundResponse({ description: 'No such key.' })
  revoke(@Param('id', ParseUUIDPipe) id: string): Promise<ApiKeyView> {
    return this.apiKeys.revoke(id);
  }
}
