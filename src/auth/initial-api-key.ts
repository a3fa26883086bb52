import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ApiKeysService } from './api-keys.service';
import { violatesUniqueIndex } from '../database/unique-violation';

export const CONFIGURED_KEY_NAME = 'configured';
export const INITIAL_KEY_NAME = 'entra';

/**
 * Makes sure a fresh deployment can be connected: registers PROVISIONING_API_KEY when set,
 * and otherwise creates one key on an empty database, whose secret start-up prints once.
 */
@Injectable()
export class InitialApiKey {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** The new secret to show, or undefined when nothing was created. */
  async ensure(config: AppConfig): Promise<string | undefined> {
    if (config.provisioningApiKey !== undefined) {
      await this.ignoringRace(this.apiKeys.ensureRegistered(CONFIGURED_KEY_NAME, config.provisioningApiKey));
      return undefined;
    }
    if ((await this.apiKeys.count()) > 0) return undefined;
    const created = await this.ignoringRace(this.apiKeys.create(INITIAL_KEY_NAME));
    return created?.secret;
  }

  /** Instances starting together on one empty database: the unique name lets one create the key. */
  private async ignoringRace<T>(work: Promise<T>): Promise<T | undefined> {
    try {
      return await work;
    } catch (error) {
      if (violatesUniqueIndex(error)) return undefined;
      throw error;
    }
  }
}
