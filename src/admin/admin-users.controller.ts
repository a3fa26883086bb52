import { Body, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/authenticated.decorator';
import { AdminController } from './admin-controller.decorator';
import { AdminUsersService } from './admin-users.service';
import type { AdminUserPage, AdminUserProfile } from './admin-views';
import { CreateAdminUserDto } from './dto/create-admin-user.dto';
import { ListAdminUsersQuery } from './dto/list-admin-users.query';
import { UpdateAdminUserDto } from './dto/update-admin-user.dto';

/** Admin > Users. */
@AdminController('users')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Get()
  @ApiOperation({
    summary: 'List users with search, filters, sort and paging; createdBy/updatedBy name the actor',
  })
  list(@Query() query: ListAdminUsersQuery): Promise<AdminUserPage> {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({
    summary: "A user's profile: Bloomflow fields, stored SCIM attributes, provisioning history",
  })
  @ApiNotFoundResponse({ description: 'No such user.' })
  profile(@Param('id', ParseUUIDPipe) id: string): Promise<AdminUserProfile> {
    return this.users.profile(id);
  }

  @Post()
  @ApiOperation({ summary: 'Add a user by hand (userName = email, so Entra can match it later)' })
  @ApiResponse({ status: 201, description: 'Created; the body is the profile.' })
  @ApiConflictResponse({ description: 'Another user already has this email.' })
  create(@Body() body: CreateAdminUserDto, @CurrentActor() actor: Actor): Promise<AdminUserProfile> {
    return this.users.create(body, actor);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a user; suspended: true suspends, false restores' })
  @ApiNotFoundResponse({ description: 'No such user.' })
  @ApiConflictResponse({ description: 'Another user already has this email.' })
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateAdminUserDto,
    @CurrentActor() actor: Actor,
  ): Promise<AdminUserProfile> {
    return this.users.update(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Erase a user (GDPR): the row is deleted, its events keep a pseudonymous record' })
  @ApiNotFoundResponse({ description: 'No such user.' })
  async erase(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.users.erase(id, actor);
  }
}
