import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

function KeyName(optional: boolean): PropertyDecorator {
  return applyDecorators(
    optional
      ? ApiPropertyOptional({
          example: 'entra-2027',
          description: 'Default: the old name with a -r<n> suffix.',
        })
      : ApiProperty({ example: 'entra', maxLength: 100 }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value)),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    Length(1, 100),
    Matches(/^[\p{L}\p{N} ._@-]+$/u, {
      message: 'name may hold letters, digits, spaces and . _ @ - only',
    }),
  );
}

export class CreateApiKeyDto {
  @KeyName(false)
  name: string;
}

export class RotateApiKeyDto {
  @KeyName(true)
  name?: string;

  @ApiPropertyOptional({
    example: '2027-01-15T09:00:00.000Z',
    description:
      'Until when the old key keeps working (ISO 8601, in the future, within 90 days). Default: 24 hours.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'previousExpiresAt must be an ISO 8601 date-time' })
  previousExpiresAt?: string;
}
