import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { SerialQueue } from './serial-queue';

/**
 * Runs a unit of work in one database transaction: a change and its provisioning event commit
 * or roll back together.
 *
 * PostgreSQL: each transaction gets a pooled connection of its own, so instances stay stateless
 * and concurrent transactions are the database's business (unique indexes, row versions).
 *
 * SQLite (better-sqlite3): TypeORM shares ONE query runner, hence one connection, for the whole
 * app. Two async transactions open at once would interleave their statements on it (the second
 * BEGIN becomes a savepoint of the first, and one's ROLLBACK undoes the other's work). SQLite
 * admits one writer at a time anyway, so transactions wait their turn in a queue here. Any write
 * made on SQLite outside this queue would join whatever transaction happens to be open and be
 * undone with it, so every write goes through `run`, a single statement included.
 */
@Injectable()
export class TransactionRunner {
  private readonly sqliteQueue: SerialQueue | undefined;
  private readonly inTransaction = new AsyncLocalStorage<true>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.sqliteQueue = dataSource.options.type === 'postgres' ? undefined : new SerialQueue();
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // Nesting would wait for itself in the SQLite queue (and take a second connection on PostgreSQL).
    if (this.inTransaction.getStore()) {
      return Promise.reject(new Error('TransactionRunner.run called inside a transaction'));
    }
    const transaction = () =>
      this.inTransaction.run(true, () => this.dataSource.transaction((manager) => work(manager)));
    return this.sqliteQueue ? this.sqliteQueue.run(transaction) : transaction();
  }
}
