import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_PAGE, PageNumber } from './paging';

export const MAX_EVENTS_PAGE_SIZE = 200;

export class ListProvisioningEventsQuery {
  @ApiPropertyOptional({ enum: ['User'] })
  @IsOptional()
  @IsIn(['User'])
  resourceType?: 'User';

  @ApiPropertyOptional({ description: 'The id of a user.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  resourceId?: string;

  @ApiPropertyOptional({ description: 'The id of a provisioning key (or "admin").' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  keyId?: string;

  @ApiPropertyOptional({ enum: ['success', 'failure'] })
  @IsOptional()
  @IsIn(['success', 'failure'])
  outcome?: 'success' | 'failure';

  @ApiPropertyOptional({ type: Number, example: 409, description: 'The HTTP status answered.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(599)
  status?: number;

  @ApiPropertyOptional({
    example: '2026-12-01T00:00:00Z',
    description: 'From this instant (ISO 8601), inclusive.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-31T23:59:59Z',
    description: 'Up to this instant (ISO 8601), inclusive.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;

  @PageNumber(MAX_PAGE, '1-based page number.')
  page?: number;

  @PageNumber(MAX_EVENTS_PAGE_SIZE, `Events per page (default 50, at most ${MAX_EVENTS_PAGE_SIZE}).`)
  pageSize?: number;
}
