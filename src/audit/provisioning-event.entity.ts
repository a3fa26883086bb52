import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { instantTransformer } from '../database/instant-transformer';
import type { EventActorType, EventOperation, EventOutcome, EventResourceType } from './provisioning-event';

/**
 * The provisioning activity: one row per write (recorded in the write's transaction) and per
 * failed SCIM request. No foreign key to users: erasing a user must leave its pseudonymous trail.
 */
@Entity({ name: 'provisioning_events' })
@Index('ix_provisioning_events_occurred_at', ['occurredAt'])
@Index('ix_provisioning_events_resource', ['resourceType', 'resourceId'])
@Index('ix_provisioning_events_actor', ['actorId'])
export class ProvisioningEventEntity {
  /** Increasing: orders events written in the same millisecond. */
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ name: 'occurred_at', type: 'varchar', length: 32, transformer: instantTransformer })
  occurredAt: Date;

  /** Null when no key was accepted (a 401). */
  @Column({ name: 'actor_type', type: 'varchar', length: 16, nullable: true })
  actorType: EventActorType | null;

  /** The provisioning key's id, or the admin's. */
  @Column({ name: 'actor_id', type: 'varchar', length: 64, nullable: true })
  actorId: string | null;

  /** The key's name when the event was written (keys can be rotated and revoked later). */
  @Column({ name: 'actor_label', type: 'varchar', length: 100, nullable: true })
  actorLabel: string | null;

  /** Null for a failed request outside any resource (e.g. an unknown endpoint). */
  @Column({ name: 'resource_type', type: 'varchar', length: 32, nullable: true })
  resourceType: EventResourceType | null;

  @Column({ name: 'resource_id', type: 'varchar', length: 64, nullable: true })
  resourceId: string | null;

  /** A masked hint of whom the event concerns (`j***@c***.com`); cleared when the user is erased. */
  @Column({ name: 'resource_label', type: 'varchar', length: 160, nullable: true })
  resourceLabel: string | null;

  @Column({ type: 'varchar', length: 16 })
  operation: EventOperation;

  /** JSON array of AttributeChange, values masked. */
  @Column({ type: 'text', default: '[]' })
  changes: string;

  @Column({ type: 'varchar', length: 16 })
  outcome: EventOutcome;

  /** The HTTP status the request was answered with. */
  @Column({ type: 'integer' })
  status: number;

  /** RFC 7644 §3.12 scimType of a failure. */
  @Column({ name: 'error_type', type: 'varchar', length: 32, nullable: true })
  errorType: string | null;

  @Column({ name: 'error_detail', type: 'varchar', length: 512, nullable: true })
  errorDetail: string | null;

  @Column({ name: 'request_method', type: 'varchar', length: 8, nullable: true })
  requestMethod: string | null;

  /** Path without the query string: filters carry personal values. */
  @Column({ name: 'request_path', type: 'varchar', length: 512, nullable: true })
  requestPath: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}
