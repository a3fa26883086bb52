import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantTransformer } from '../database/instant-transformer';

/**
 * A Bloomflow user. The mapped columns (email, names, phone, …) are authoritative for the
 * platform; `scimProfile` keeps the SCIM attributes a provisioning client sent, so what Entra
 * writes it can read back. Uniqueness lives in the unique indexes, never in a check-then-insert.
 */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The SCIM identity (Entra sends the UPN), as sent. */
  @Column({ name: 'user_name', type: 'varchar', length: 512 })
  userName: string;

  /** canonicalKey(userName): what `userName eq` looks up and what makes it unique. */
  @Index('uq_users_user_name_key', { unique: true })
  @Column({ name: 'user_name_key', type: 'varchar', length: 512 })
  userNameKey: string;

  @Column({ type: 'varchar', length: 512 })
  email: string;

  @Index('uq_users_email_key', { unique: true })
  @Column({ name: 'email_key', type: 'varchar', length: 512 })
  emailKey: string;

  @Column({ name: 'first_name', type: 'varchar', length: 256 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 256 })
  lastName: string;

  /** Entra's objectId; null for a user added by hand until Entra links it. */
  @Index('uq_users_external_id', { unique: true })
  @Column({ name: 'external_id', type: 'varchar', length: 256, nullable: true })
  externalId: string | null;

  /** Soft delete: a suspended user keeps its data but loses platform access. */
  @Column({ type: 'boolean', default: false })
  suspended: boolean;

  @Column({ type: 'varchar', length: 128, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 256, nullable: true })
  job: string | null;

  @Column({ type: 'varchar', length: 256, nullable: true })
  location: string | null;

  @Column({ name: 'business_unit', type: 'varchar', length: 256, nullable: true })
  businessUnit: string | null;

  /** The SCIM attributes as last written by a provisioning client, JSON text on both databases. */
  @Column({ name: 'scim_profile', type: 'text', default: '{}' })
  scimProfile: string;

  /** Set by a SCIM DELETE: the user leaves the SCIM view, its Bloomflow data stays for admins. */
  @Column({
    name: 'deprovisioned_at',
    type: 'varchar',
    length: 32,
    nullable: true,
    transformer: instantTransformer,
  })
  deprovisionedAt: Date | null;

  /** Who created the user: `provisioning:<key name>` or `admin:<id>`. */
  @Column({ name: 'created_by', type: 'varchar', length: 160 })
  createdBy: string;

  @Column({ name: 'updated_by', type: 'varchar', length: 160 })
  updatedBy: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32, transformer: instantTransformer })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'varchar', length: 32, transformer: instantTransformer })
  updatedAt: Date;

  /** Bumped on every change: the source of the ETag and of optimistic concurrency. */
  @Column({ type: 'integer', default: 1 })
  version: number;
}
