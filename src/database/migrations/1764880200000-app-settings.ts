import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** Values all instances share (e.g. the SCIM cursor signing key). */
export class AppSettings1764880200000 implements MigrationInterface {
  name = 'AppSettings1764880200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'app_settings',
        columns: [
          { name: 'name', type: 'varchar', length: '100', isPrimary: true },
          { name: 'value', type: 'text' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('app_settings');
  }
}
