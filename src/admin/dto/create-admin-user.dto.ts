import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { EmailField, OptionalText, RequiredText } from './text-fields';

/** A user added by hand: its email is also its SCIM userName, which Entra later matches on. */
export class CreateAdminUserDto {
  @EmailField()
  email: string;

  @RequiredText(256, 'Jane')
  firstName: string;

  @RequiredText(256, 'Doe')
  lastName: string;

  @OptionalText(128, '+33 6 12 34 56 78')
  phone?: string | null;

  @OptionalText(256, 'Product Manager')
  job?: string | null;

  @OptionalText(256, 'Paris')
  location?: string | null;

  @OptionalText(256, 'Innovation')
  businessUnit?: string | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  suspended?: boolean;
}
