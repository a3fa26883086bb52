import { BadRequestException, Injectable } from '@nestjs/common';
import { ApiKeyError } from '../auth/api-key-errors';
import { ApiKeysService } from '../auth/api-keys.service';
import { violatesUniqueIndex } from '../database/unique-violation';
import { toApiKeyView } from './api-key-view';
import type { ApiKeyView, CreatedApiKeyView, RotatedApiKeyView } from './admin-views';
import type { RotateApiKeyDto } from './dto/api-key.dto';

const HOUR_MS = 60 * 60 * 1000;
/** Long enough to switch Entra over; a key left working longer should be rotated again. */
const MAX_OVERLAP_MS = 90 * 24 * HOUR_MS;
const DEFAULT_OVERLAP_MS = 24 * HOUR_MS;

/** Admin > Provisioning keys, over the key store. */
@Injectable()
export class AdminApiKeysService {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async list(): Promise<ApiKeyView[]> {
    const now = new Date();
    return (await this.apiKeys.list()).map((key) => toApiKeyView(key, now));
  }

  async create(name: string): Promise<CreatedApiKeyView> {
    const { key, secret } = await nameMustBeFree(name, this.apiKeys.create(name));
    return { key: toApiKeyView(key), secret };
  }

  /** A new key; the old one works until `previousExpiresAt` so Entra can be switched without downtime. */
  async rotate(id: string, dto: RotateApiKeyDto): Promise<RotatedApiKeyView> {
    const now = Date.now();
    const expiresAt =
      dto.previousExpiresAt === undefined
        ? new Date(now + DEFAULT_OVERLAP_MS)
        : new Date(dto.previousExpiresAt);
    if (expiresAt.getTime() <= now || expiresAt.getTime() > now + MAX_OVERLAP_MS) {
      throw new BadRequestException('previousExpiresAt must be in the future, within 90 days.');
    }
    const name = dto.name ?? (await this.defaultRotationName(id));
    const rotated = await nameMustBeFree(name, this.apiKeys.rotate(id, name, expiresAt));
    return {
      key: toApiKeyView(rotated.key),
      secret: rotated.secret,
      previous: toApiKeyView(rotated.previous),
    };
  }

  async revoke(id: string): Promise<ApiKeyView> {
    return toApiKeyView(await this.apiKeys.revokeById(id));
  }

  /** `entra` → `entra-r2` → `entra-r3`: the next name free in the family. */
  private async defaultRotationName(id: string): Promise<string> {
    const keys = await this.apiKeys.list();
    const key = keys.find((candidate) => candidate.id === id);
    if (!key) throw ApiKeyError.notFound(id);
    const base = key.name.replace(/-r\d+$/, '').slice(0, 90);
    const taken = new Set(keys.map((candidate) => candidate.name));
    let generation = 2;
    while (taken.has(`${base}-r${generation}`)) generation++;
    return `${base}-r${generation}`;
  }
}

async function nameMustBeFree<T>(name: string, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (violatesUniqueIndex(error)) throw ApiKeyError.nameTaken(name);
    throw error;
  }
}
