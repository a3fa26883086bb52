import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { DatabaseModule } from '../database/database.module';
import { UserEntity } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), DatabaseModule, AuditModule],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
