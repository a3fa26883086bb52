import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';

const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});

/** The provisioning activity (ProvisioningEventEntity); no foreign key, so erasure keeps the trail. */
export class ProvisioningEvents1764880300000 implements MigrationInterface {
  name = 'ProvisioningEvents1764880300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'provisioning_events',
        columns: [
          {
            name: 'id',
            type: 'integer',
            isPrimary: true,
            isGenerated: true,
            generationStrategy: 'increment',
          },
          text('occurred_at', 32),
          text('actor_type', 16, true),
          text('actor_id', 64, true),
          text('actor_label', 100, true),
          text('resource_type', 32, true),
          text('resource_id', 64, true),
          text('resource_label', 160, true),
          text('operation', 16),
          { name: 'changes', type: 'text', default: "'[]'" },
          text('outcome', 16),
          { name: 'status', type: 'integer' },
          text('error_type', 32, true),
          text('error_detail', 512, true),
          text('request_method', 8, true),
          text('request_path', 512, true),
          text('request_id', 64, true),
        ],
        indices: [
          { name: 'ix_provisioning_events_occurred_at', columnNames: ['occurred_at'] },
          { name: 'ix_provisioning_events_resource', columnNames: ['resource_type', 'resource_id'] },
          { name: 'ix_provisioning_events_actor', columnNames: ['actor_id'] },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('provisioning_events');
  }
}
