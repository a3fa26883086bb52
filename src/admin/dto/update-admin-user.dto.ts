import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { EmailField, OptionalText, RequiredText } from './text-fields';

/** An admin's edit: only the fields present change; `suspended` suspends or restores. */
export class UpdateAdminUserDto {
  @EmailField(true)
  email?: string;

  @RequiredText(256, 'Jane', true)
  firstName?: string;

  @RequiredText(256, 'Doe', true)
  lastName?: string;

  @OptionalText(128, '+33 6 12 34 56 78')
  phone?: string | null;

  @OptionalText(256, 'Product Manager')
  job?: string | null;

  @OptionalText(256, 'Paris')
  location?: string | null;

  @OptionalText(256, 'Innovation')
  businessUnit?: string | null;

  @ApiPropertyOptional({ description: 'true suspends the user, false restores it.' })
  @IsOptional()
  @IsBoolean()
  suspended?: boolean;
}
