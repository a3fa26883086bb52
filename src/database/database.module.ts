import { Module } from '@nestjs/common';
import { TransactionRunner } from './transaction-runner';

/** Database helpers shared by the stores; the connection itself is TypeOrmModule's. */
@Module({
  providers: [TransactionRunner],
  exports: [TransactionRunner],
})
export class DatabaseModule {}
