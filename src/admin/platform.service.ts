import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ApiKeysService } from '../auth/api-keys.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DOCS_PATH } from '../configure-app';
import { UserEntity } from '../users/user.entity';
import type { PlatformInfo } from './admin-views';

interface CountsRow {
  users: number | string;
  provisioned: number | string | null;
  suspended: number | string | null;
  deprovisioned: number | string | null;
}

/** Admin > Platform Info: what the customer pastes into Entra, and how provisioning is going. */
@Injectable()
export class PlatformService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async info(): Promise<PlatformInfo> {
    const [counts, keys] = await Promise.all([this.counts(), this.apiKeys.list()]);
    const lastUsed = keys
      .map((key) => key.lastUsedAt)
      .filter((date): date is Date => date !== null)
      .reduce<Date | null>((latest, date) => (latest === null || date > latest ? date : latest), null);
    return {
      clientId: this.config.clientId,
      publicUrl: this.config.publicUrl,
      tenantUrl: this.config.tenantUrl,
      docsUrl: `${this.config.publicUrl}/${DOCS_PATH}`,
      counts,
      lastProvisioningRequestAt: lastUsed?.toISOString() ?? null,
    };
  }

  /** One pass over the users table; PostgreSQL returns counts as text (bigint). */
  private async counts(): Promise<PlatformInfo['counts']> {
    const row = await this.users
      .createQueryBuilder('u')
      .select('COUNT(*)', 'users')
      .addSelect(
        'SUM(CASE WHEN u.external_id IS NOT NULL AND u.deprovisioned_at IS NULL THEN 1 ELSE 0 END)',
        'provisioned',
      )
      .addSelect('SUM(CASE WHEN u.suspended = TRUE THEN 1 ELSE 0 END)', 'suspended')
      .addSelect('SUM(CASE WHEN u.deprovisioned_at IS NOT NULL THEN 1 ELSE 0 END)', 'deprovisioned')
      .getRawOne<CountsRow>();
    return {
      users: Number(row?.users ?? 0),
      provisioned: Number(row?.provisioned ?? 0),
      suspended: Number(row?.suspended ?? 0),
      deprovisioned: Number(row?.deprovisioned ?? 0),
    };
  }
}
