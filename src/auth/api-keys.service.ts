import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';
import { displayPrefix, generateApiKeySecret, hashApiKeySecret, hashesEqual } from './api-key-secret';

export interface CreatedApiKey {
  readonly key: ApiKeyEntity;
  /** Shown once; only its hash is stored. */
  readonly secret: string;
}

/** `lastUsedAt` is a hint for admins: refreshing it at most once a minute keeps reads from writing. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeysService {
  constructor(@InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>) {}

  async create(name: string, secret: string = generateApiKeySecret()): Promise<CreatedApiKey> {
    const key = this.keys.create({
      id: randomUUID(),
      name,
      prefix: displayPrefix(secret),
      hash: hashApiKeySecret(secret),
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await this.keys.insert(key);
    return { key, secret };
  }

  /** Registers a secret chosen by the deployment (PROVISIONING_API_KEY) unless it is already known. */
  async ensureRegistered(name: string, secret: string): Promise<void> {
    const existing = await this.keys.findOneBy({ hash: hashApiKeySecret(secret) });
    if (!existing) await this.create(name, secret);
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.keys.find({ order: { createdAt: 'ASC' } });
  }

  count(): Promise<number> {
    return this.keys.count();
  }

  /** Revoked keys fail at once on every instance: verification always asks the database. */
  async revoke(name: string): Promise<boolean> {
    const result = await this.keys.update({ name, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  /** The active key whose secret this is, or null. */
  async verify(secret: string): Promise<ApiKeyEntity | null> {
    const hash = hashApiKeySecret(secret);
    const key = await this.keys.findOneBy({ hash });
    if (!key || key.revokedAt !== null || !hashesEqual(key.hash, hash)) return null;
    await this.touch(key);
    return key;
  }

  private async touch(key: ApiKeyEntity): Promise<void> {
    const now = new Date();
    if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    await this.keys.update({ id: key.id }, { lastUsedAt: now });
  }
}
