import { MigrationInterface, QueryRunner } from 'typeorm';
import { POSTGRES_FILTER_FUNCTIONS_SQL, SCIM_FOLD_FUNCTION } from '../../scim/filter/filter-sql-functions';

/**
 * `scim_fold(text)`: the case folding of SCIM filters in SQL. SQLite gets it from the driver
 * at connection time (it has no stored functions); PostgreSQL keeps it in the schema.
 */
export class ScimFoldFunction1764880100000 implements MigrationInterface {
  name = 'ScimFoldFunction1764880100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres')
      await queryRunner.query(POSTGRES_FILTER_FUNCTIONS_SQL);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`DROP FUNCTION IF EXISTS ${SCIM_FOLD_FUNCTION}(text)`);
    }
  }
}
