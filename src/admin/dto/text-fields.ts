import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

const trimmed = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

/** A text field every user has: trimmed, never empty; on an edit, absent means unchanged. */
export function RequiredText(maxLength: number, example: string, onEdit = false): PropertyDecorator {
  return applyDecorators(
    onEdit ? ApiPropertyOptional({ example, maxLength }) : ApiProperty({ example, maxLength }),
    trimmed,
    ...(onEdit ? [ValidateIf((_: object, value: unknown) => value !== undefined)] : []),
    IsString(),
    IsNotEmpty(),
    MaxLength(maxLength),
  );
}

/** The user's email (and, for a user added by hand, its SCIM userName). */
export function EmailField(onEdit = false): PropertyDecorator {
  return applyDecorators(
    onEdit
      ? ApiPropertyOptional({ example: 'jane.doe@contoso.com', maxLength: 254 })
      : ApiProperty({ example: 'jane.doe@contoso.com', maxLength: 254 }),
    trimmed,
    ...(onEdit ? [ValidateIf((_: object, value: unknown) => value !== undefined)] : []),
    IsEmail({}, { message: 'email must be an email address' }),
    MaxLength(254),
  );
}

/** An optional text field: trimmed; empty or null clears it. */
export function OptionalText(maxLength: number, example: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ example, maxLength, nullable: true, type: String }),
    Transform(({ value }: { value: unknown }) => {
      if (typeof value !== 'string') return value;
      const text = value.trim();
      return text === '' ? null : text;
    }),
    IsOptional(),
    IsString(),
    MaxLength(maxLength),
  );
}
