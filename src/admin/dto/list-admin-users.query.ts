import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_PAGE, PageNumber } from './paging';

export const USER_SORTS = ['name', 'email', 'createdAt', 'updatedAt'] as const;
export type UserSort = (typeof USER_SORTS)[number];
export const USER_SOURCES = ['provisioned', 'manual', 'deprovisioned'] as const;
export type UserSource = (typeof USER_SOURCES)[number];
export const MAX_USERS_PAGE_SIZE = 100;

export class ListAdminUsersQuery {
  @ApiPropertyOptional({ description: 'Part of a first name, last name or email, in any case.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ enum: ['active', 'suspended'] })
  @IsOptional()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';

  @ApiPropertyOptional({
    enum: USER_SOURCES,
    description:
      'provisioned: linked to the identity provider; manual: added by hand and not linked; deprovisioned: removed by the identity provider.',
  })
  @IsOptional()
  @IsIn(USER_SOURCES)
  source?: UserSource;

  @ApiPropertyOptional({ enum: USER_SORTS, default: 'createdAt' })
  @IsOptional()
  @IsIn(USER_SORTS)
  sort?: UserSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @PageNumber(MAX_PAGE, '1-based page number.')
  page?: number;

  @PageNumber(MAX_USERS_PAGE_SIZE, `Users per page (default 25, at most ${MAX_USERS_PAGE_SIZE}).`)
  pageSize?: number;
}
