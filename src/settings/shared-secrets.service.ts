import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { TransactionRunner } from '../database/transaction-runner';
import { AppSettingEntity } from './app-setting.entity';

/**
 * Secrets that stateless instances must agree on, kept in the database: the first instance to
 * ask creates one, the insert-or-ignore lets racing instances converge on the same value.
 */
@Injectable()
export class SharedSecretsService {
  constructor(private readonly transactions: TransactionRunner) {}

  /** Through the TransactionRunner, so on SQLite no other transaction's rollback can undo it. */
  secret(name: string): Promise<Buffer> {
    const key = `secret:${name}`;
    return this.transactions.run(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(AppSettingEntity)
        .values({ name: key, value: randomBytes(32).toString('base64') })
        .orIgnore()
        .execute();
      const setting = await manager.findOneByOrFail(AppSettingEntity, { name: key });
      return Buffer.from(setting.value, 'base64');
    });
  }
}
