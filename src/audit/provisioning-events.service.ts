import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor } from '../auth/actor';
import { assertNever } from '../common/assert-never';
import { TransactionRunner } from '../database/transaction-runner';
import type { UserDraft } from '../users/user-draft';
import { maskEmailsIn } from './mask-personal-value';
import {
  AttributeChange,
  EventActorType,
  EventOperation,
  EventOutcome,
  EventResourceType,
} from './provisioning-event';
import { ProvisioningEventEntity } from './provisioning-event.entity';
import { diffUserDrafts, redactChanges, userLabel } from './user-change-diff';

/** The writes a user goes through; each is recorded in its own transaction. */
export type UserWriteOperation = Extract<
  EventOperation,
  'create' | 'update' | 'suspend' | 'restore' | 'deprovision' | 'revive' | 'erase'
>;

export interface UserWrite {
  readonly actor: Actor;
  readonly operation: UserWriteOperation;
  readonly userId: string;
  /** The user before and after the write; null where it did not (or no longer) exist. */
  readonly before: UserDraft | null;
  readonly after: UserDraft | null;
  readonly at: Date;
}

export interface FailedRequest {
  /** Undefined when no key was accepted. */
  readonly actor: Actor | undefined;
  readonly operation: EventOperation;
  readonly resourceType: EventResourceType | null;
  readonly resourceId: string | null;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly errorType: string | undefined;
  readonly detail: string;
  readonly requestId: string | undefined;
}

export interface EventQuery {
  readonly resourceType?: EventResourceType;
  readonly resourceId?: string;
  /** A provisioning key's id, or an admin's. */
  readonly actorId?: string;
  readonly outcome?: EventOutcome;
  readonly status?: number;
  /** Inclusive bounds on when the event occurred. */
  readonly from?: Date;
  readonly to?: Date;
  readonly offset: number;
  readonly limit: number;
}

export interface EventPage {
  readonly total: number;
  /** Newest first. */
  readonly events: ProvisioningEventEntity[];
}

const MAX_DETAIL_LENGTH = 300;

/** The provisioning activity: written alongside each change, read by admins. */
@Injectable()
export class ProvisioningEventsService {
  constructor(
    @InjectRepository(ProvisioningEventEntity) private readonly events: Repository<ProvisioningEventEntity>,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Records a write to a user inside that write's transaction, so both or neither are stored. */
  async recordUserWrite(manager: EntityManager, write: UserWrite): Promise<void> {
    const subject = write.after ?? write.before;
    await manager.insert(ProvisioningEventEntity, {
      ...actorColumns(write.actor),
      occurredAt: write.at,
      resourceType: 'User',
      resourceId: write.userId,
      resourceLabel: write.operation === 'erase' || subject === null ? null : userLabel(subject),
      operation: write.operation,
      changes: JSON.stringify(write.operation === 'erase' ? [] : diffUserDrafts(write.before, write.after)),
      outcome: 'success',
      status: successStatus(write.operation),
      errorType: null,
      errorDetail: null,
      requestMethod: null,
      requestPath: null,
      requestId: null,
    });
  }

  /** A failed request changed nothing, so it has no transaction to join: it is recorded alone. */
  async recordFailedRequest(failure: FailedRequest): Promise<void> {
    await this.transactions.run((manager) =>
      manager.insert(ProvisioningEventEntity, {
        ...actorColumns(failure.actor),
        occurredAt: new Date(),
        resourceType: failure.resourceType,
        resourceId: failure.resourceId,
        resourceLabel: null,
        operation: failure.operation,
        changes: '[]',
        outcome: 'failure',
        status: failure.status,
        errorType: failure.errorType ?? null,
        errorDetail: truncate(maskEmailsIn(failure.detail), MAX_DETAIL_LENGTH),
        requestMethod: failure.method.slice(0, 8),
        requestPath: truncate(failure.path, 512),
        requestId: failure.requestId?.slice(0, 64) ?? null,
      }),
    );
  }

  /**
   * GDPR erasure, inside the erasing transaction: the user's events keep when, who, which
   * operation and which attributes, but no value and no label.
   */
  async pseudonymise(
    manager: EntityManager,
    resourceType: EventResourceType,
    resourceId: string,
  ): Promise<void> {
    const events = await manager.find(ProvisioningEventEntity, { where: { resourceType, resourceId } });
    for (const event of events) {
      const changes = JSON.stringify(redactChanges(JSON.parse(event.changes) as AttributeChange[]));
      if (changes === event.changes && event.resourceLabel === null) continue;
      await manager.update(ProvisioningEventEntity, { id: event.id }, { changes, resourceLabel: null });
    }
  }

  async page(query: EventQuery): Promise<EventPage> {
    const builder = this.events.createQueryBuilder('e');
    if (query.resourceType !== undefined)
      builder.andWhere('e.resource_type = :resourceType', { resourceType: query.resourceType });
    if (query.resourceId !== undefined)
      builder.andWhere('e.resource_id = :resourceId', { resourceId: query.resourceId });
    if (query.actorId !== undefined) builder.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.outcome !== undefined) builder.andWhere('e.outcome = :outcome', { outcome: query.outcome });
    if (query.status !== undefined) builder.andWhere('e.status = :status', { status: query.status });
    // Instants are fixed-width ISO text, so text comparison is time comparison.
    if (query.from !== undefined)
      builder.andWhere('e.occurred_at >= :from', { from: query.from.toISOString() });
    if (query.to !== undefined) builder.andWhere('e.occurred_at <= :to', { to: query.to.toISOString() });
    const [events, total] = await builder
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { total, events };
  }
}

function actorColumns(
  actor: Actor | undefined,
): Pick<ProvisioningEventEntity, 'actorType' | 'actorId' | 'actorLabel'> {
  if (actor === undefined) return { actorType: null, actorId: null, actorLabel: null };
  const type: EventActorType = actor.kind;
  switch (actor.kind) {
    case 'provisioning':
      return { actorType: type, actorId: actor.keyId, actorLabel: actor.keyName };
    case 'admin':
      return { actorType: type, actorId: actor.adminId, actorLabel: actor.adminId };
    default:
      return assertNever(actor);
  }
}

/** What the request that made the write was answered with. */
function successStatus(operation: UserWriteOperation): number {
  switch (operation) {
    case 'create':
    case 'revive':
      return 201;
    case 'update':
    case 'suspend':
    case 'restore':
      return 200;
    case 'deprovision':
    case 'erase':
      return 204;
    default:
      return assertNever(operation);
  }
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
