import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A value every instance must share, such as the key that signs SCIM cursors. */
@Entity({ name: 'app_settings' })
export class AppSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'text' })
  value: string;
}
