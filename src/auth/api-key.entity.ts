import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { instantTransformer } from '../database/instant-transformer';

/** A provisioning API key. Only the SHA-256 of the secret is stored; the prefix is for display. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('uq_api_keys_name', { unique: true })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The first characters of the secret (`bfk_ab12cd34`), enough to tell keys apart in a list. */
  @Column({ type: 'varchar', length: 32 })
  prefix: string;

  @Index('uq_api_keys_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  hash: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32, transformer: instantTransformer })
  createdAt: Date;

  @Column({
    name: 'last_used_at',
    type: 'varchar',
    length: 32,
    nullable: true,
    transformer: instantTransformer,
  })
  lastUsedAt: Date | null;

  @Column({
    name: 'revoked_at',
    type: 'varchar',
    length: 32,
    nullable: true,
    transformer: instantTransformer,
  })
  revokedAt: Date | null;

  /** Set when the key is rotated: it keeps working until then, so the client can be switched over. */
  @Column({
    name: 'expires_at',
    type: 'varchar',
    length: 32,
    nullable: true,
    transformer: instantTransformer,
  })
  expiresAt: Date | null;
}
