import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const instant = (name: string, nullable = false) => text(name, 32, nullable);

/** Users and provisioning keys, written with TypeORM's schema builder so it runs on SQLite and PostgreSQL. */
export class InitialSchema1764880000000 implements MigrationInterface {
  name = 'InitialSchema1764880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { ...text('id', 36), isPrimary: true },
          text('user_name', 512),
          text('user_name_key', 512),
          text('email', 512),
          text('email_key', 512),
          text('first_name', 256),
          text('last_name', 256),
          text('external_id', 256, true),
          { name: 'suspended', type: 'boolean', default: false },
          text('phone', 128, true),
          text('job', 256, true),
          text('location', 256, true),
          text('business_unit', 256, true),
          { name: 'scim_profile', type: 'text', default: "'{}'" },
          instant('deprovisioned_at', true),
          text('created_by', 160),
          text('updated_by', 160),
          instant('created_at'),
          instant('updated_at'),
          { name: 'version', type: 'integer', default: 1 },
        ],
        indices: [
          { name: 'uq_users_user_name_key', columnNames: ['user_name_key'], isUnique: true },
          { name: 'uq_users_email_key', columnNames: ['email_key'], isUnique: true },
          { name: 'uq_users_external_id', columnNames: ['external_id'], isUnique: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          { ...text('id', 36), isPrimary: true },
          text('name', 100),
          text('prefix', 32),
          text('hash', 64),
          instant('created_at'),
          instant('last_used_at', true),
          instant('revoked_at', true),
        ],
        indices: [
          { name: 'uq_api_keys_name', columnNames: ['name'], isUnique: true },
          { name: 'uq_api_keys_hash', columnNames: ['hash'], isUnique: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_keys');
    await queryRunner.dropTable('users');
  }
}
