import { instantFromColumn } from '../database/instant-transformer';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { TransactionRunner } from '../database/transaction-runner';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyError } from './api-key-errors';
import { displayPrefix, generateApiKeySecret, hashApiKeySecret, hashesEqual } from './api-key-secret';

export interface CreatedApiKey {
  readonly key: ApiKeyEntity;
  /** Shown once; only its hash is stored. */
  readonly secret: string;
}

export interface RotatedApiKey extends CreatedApiKey {
  /** The key rotated away from, working until its `expiresAt`. */
  readonly previous: ApiKeyEntity;
}

/** What a request's authentication needs of its key. */
export type VerifiedApiKey = Pick<
  ApiKeyEntity,
  'id' | 'name' | 'hash' | 'lastUsedAt' | 'revokedAt' | 'expiresAt'
>;

interface KeyRow {
  id: string;
  name: string;
  hash: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}

/** `lastUsedAt` is a hint for admins: refreshing it at most once a minute keeps reads from writing. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Provisioning keys. Writes go through the TransactionRunner: on SQLite a write made beside an
 * open transaction would be undone with it (a revocation lost with someone else's rollback).
 */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly transactions: TransactionRunner,
  ) {}

  async create(name: string, secret: string = generateApiKeySecret()): Promise<CreatedApiKey> {
    return this.transactions.run((manager) => this.insertKey(manager, name, secret));
  }

  /**
   * Makes `secret` the key called `name` (PROVISIONING_API_KEY): registered on first start,
   * replacing the previous secret when the deployment changes it, so the old one stops working.
   * A key an admin revoked stays revoked.
   */
  async ensureRegistered(name: string, secret: string): Promise<void> {
    const hash = hashApiKeySecret(secret);
    if (await this.keys.existsBy({ hash })) return;
    const replaced = await this.keys.update(
      { name },
      { hash, prefix: displayPrefix(secret), createdAt: new Date() },
    );
    if ((replaced.affected ?? 0) === 0) await this.create(name, secret);
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.keys.find({ order: { createdAt: 'ASC' } });
  }

  count(): Promise<number> {
    return this.keys.count();
  }

  /** Revoked keys fail at once on every instance: verification always asks the database. */
  async revoke(name: string): Promise<boolean> {
    const result = await this.transactions.run((manager) =>
      manager.update(ApiKeyEntity, { name, revokedAt: IsNull() }, { revokedAt: new Date() }),
    );
    return (result.affected ?? 0) > 0;
  }

  /** Revokes by id; revoking a revoked key changes nothing. */
  async revokeById(id: string): Promise<ApiKeyEntity> {
    return this.transactions.run(async (manager) => {
      await manager.update(ApiKeyEntity, { id, revokedAt: IsNull() }, { revokedAt: new Date() });
      const key = await manager.findOneBy(ApiKeyEntity, { id });
      if (!key) throw ApiKeyError.notFound(id);
      return key;
    });
  }

  /**
   * A new key replacing key `id`, which keeps working until `previousExpiresAt` (or its own
   * earlier expiry), so the client can be switched over without downtime.
   */
  async rotate(id: string, name: string, previousExpiresAt: Date): Promise<RotatedApiKey> {
    return this.transactions.run(async (manager) => {
      const previous = await manager.findOneBy(ApiKeyEntity, { id });
      if (!previous) throw ApiKeyError.notFound(id);
      if (!isActive(previous, new Date())) throw ApiKeyError.inactive(previous.name);
      if (previous.expiresAt === null || previousExpiresAt < previous.expiresAt) {
        previous.expiresAt = previousExpiresAt;
        await manager.update(ApiKeyEntity, { id }, { expiresAt: previousExpiresAt });
      }
      const created = await this.insertKey(manager, name, generateApiKeySecret());
      return { ...created, previous };
    });
  }

  /** The active (neither revoked nor expired) key whose secret this is, or null. */
  async verify(secret: string): Promise<VerifiedApiKey | null> {
    const hash = hashApiKeySecret(secret);
    // Every request asks: plain SQL, since the ORM's query building costs more than the lookup.
    const connection = this.keys.manager.connection;
    const [sql, parameters] = connection.driver.escapeQueryWithParameters(
      'SELECT "id", "name", "hash", "last_used_at", "revoked_at", "expires_at" FROM "api_keys" WHERE "hash" = :hash',
      { hash },
      {},
    );
    const [row] = await connection.query<KeyRow[]>(sql, parameters);
    if (!row) return null;
    const key: VerifiedApiKey = {
      id: row.id,
      name: row.name,
      hash: row.hash,
      lastUsedAt: instantFromColumn(row.last_used_at),
      revokedAt: instantFromColumn(row.revoked_at),
      expiresAt: instantFromColumn(row.expires_at),
    };
    if (!isActive(key, new Date()) || !hashesEqual(key.hash, hash)) return null;
    await this.touch(key);
    return key;
  }

  private async insertKey(manager: EntityManager, name: string, secret: string): Promise<CreatedApiKey> {
    const key = manager.create(ApiKeyEntity, {
      id: randomUUID(),
      name,
      prefix: displayPrefix(secret),
      hash: hashApiKeySecret(secret),
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
      expiresAt: null,
    });
    await manager.insert(ApiKeyEntity, key);
    return { key, secret };
  }

  private async touch(key: Pick<ApiKeyEntity, 'id' | 'lastUsedAt'>): Promise<void> {
    const now = new Date();
    if (key.lastUsedAt && now.getTime() - key.lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
    await this.transactions.run((manager) =>
      manager.update(ApiKeyEntity, { id: key.id }, { lastUsedAt: now }),
    );
  }
}

export function isActive(key: Pick<ApiKeyEntity, 'revokedAt' | 'expiresAt'>, now: Date): boolean {
  return key.revokedAt === null && (key.expiresAt === null || key.expiresAt > now);
}
