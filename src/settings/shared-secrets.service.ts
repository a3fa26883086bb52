import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { Repository } from 'typeorm';
import { AppSettingEntity } from './app-setting.entity';

/**
 * Secrets that stateless instances must agree on, kept in the database: the first instance to
 * ask creates one, the insert-or-ignore lets racing instances converge on the same value.
 */
@Injectable()
export class SharedSecretsService {
  constructor(@InjectRepository(AppSettingEntity) private readonly settings: Repository<AppSettingEntity>) {}

  async secret(name: string): Promise<Buffer> {
    await this.settings
      .createQueryBuilder()
      .insert()
      .values({ name: `secret:${name}`, value: randomBytes(32).toString('base64') })
      .orIgnore()
      .execute();
    const setting = await this.settings.findOneByOrFail({ name: `secret:${name}` });
    return Buffer.from(setting.value, 'base64');
  }
}
