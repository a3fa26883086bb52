import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** A rotated provisioning key keeps working until `expires_at`, so Entra can be switched without downtime. */
export class ApiKeyExpiry1764880400000 implements MigrationInterface {
  name = 'ApiKeyExpiry1764880400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'api_keys',
      new TableColumn({ name: 'expires_at', type: 'varchar', length: '32', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('api_keys', 'expires_at');
  }
}
