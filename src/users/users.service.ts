import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { ProvisioningEventsService, UserWriteOperation } from '../audit/provisioning-events.service';
import { Actor, actorLabel } from '../auth/actor';
import { TransactionRunner } from '../database/transaction-runner';
import { canonicalKey } from './canonical-key';
import { violatedUniqueField } from './unique-violation';
import { UserDraft, draftOf, sameDraft } from './user-draft';
import { USER_SELECT_LIST, userFromRow, UserRow } from './user-rows';
import { UserEntity } from './user.entity';
import { UniqueUserField, UserError } from './user-errors';

/** A parameterised SQL condition over the `u` alias of the users table. */
export interface UserCondition {
  readonly sql: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Columns a page can be ordered by: each holds a value for every user, so the order is total. */
export type SortableUserColumn =
  'id' | 'user_name_key' | 'email_key' | 'first_name' | 'last_name' | 'created_at' | 'updated_at';

/** A row's place in an ordering: its sort key (as `sortKeys` returns it) and id. */
export interface KeysetPosition {
  readonly sortKey: string;
  readonly id: string;
}

export interface UserPageRequest {
  readonly where?: UserCondition;
  /** Default: creation order. Ties are always broken by id. */
  readonly orderBy?: { readonly column: SortableUserColumn; readonly descending: boolean };
  readonly limit: number;
  /** Offset paging, or keyset paging strictly after / before a row (cost independent of depth). */
  readonly start:
    { readonly offset: number } | { readonly after: KeysetPosition } | { readonly before: KeysetPosition };
}

export interface UserPage {
  readonly total: number;
  readonly users: UserEntity[];
  /** The sort key of each user, aligned with `users`, for building keyset positions. */
  readonly sortKeys: string[];
}

/** Computes the next state of a user from its current one; returning the same draft means no change. */
export type UserChange = (current: UserEntity) => UserDraft;

export interface WriteOptions {
  /** Optimistic concurrency: the version the caller last saw (from If-Match). */
  readonly expectedVersion?: number;
  /** Admins also edit users a provisioning client has deprovisioned; SCIM never sees them. */
  readonly includeDeprovisioned?: boolean;
}

/**
 * The Bloomflow user store. Uniqueness is enforced by the database's unique indexes, so two
 * instances racing on the same email both reach the database and exactly one wins.
 * Users removed by a provisioning client ("deprovisioned") stay here for admins but are
 * outside the provisioning view: the methods named `…Provisioned` skip them.
 */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly transactions: TransactionRunner,
    private readonly events: ProvisioningEventsService,
  ) {}

  /** Which SQL the conditions handed to this store must be written in. */
  get dialect(): 'sqlite' | 'postgres' {
    return this.users.manager.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  async findProvisioned(id: string): Promise<UserEntity | null> {
    const [row] = await this.select<UserRow>(
      `SELECT ${USER_SELECT_LIST} FROM "users" "u" WHERE "u"."id" = :id AND "u"."deprovisioned_at" IS NULL`,
      { id },
    );
    return row ? userFromRow(row) : null;
  }

  async getProvisioned(id: string): Promise<UserEntity> {
    const user = await this.findProvisioned(id);
    if (!user) throw UserError.notFound(id);
    return user;
  }

  /**
   * A page of provisioned users. Offset pages come with their total in the same query (a
   * window count); keyset pages seek through the index and count separately.
   */
  async pageProvisioned(request: UserPageRequest): Promise<UserPage> {
    const { column = 'created_at', descending = false } = request.orderBy ?? {};
    if (request.limit === 0)
      return { total: await this.countProvisioned(request.where), users: [], sortKeys: [] };
    const sortKey = this.sortExpression(column);
    const id = this.sortExpression('id');
    const start = request.start;
    const reverse = 'before' in start;
    // Reading backwards from a `before` position, then flipping, yields the page in order.
    const direction = descending === reverse ? 'ASC' : 'DESC';
    const conditions = this.provisionedConditions(request.where);
    const params: Record<string, unknown> = { ...request.where?.params, limit: request.limit };
    if ('offset' in start) {
      params.offset = start.offset;
    } else {
      const position = 'after' in start ? start.after : start.before;
      conditions.push(`(${sortKey}, ${id}) ${direction === 'ASC' ? '>' : '<'} (:seekKey, :seekId)`);
      Object.assign(params, { seekKey: position.sortKey, seekId: position.id });
    }
    const rows = await this.select<UserRow & { sort_key: string; total_count?: number | string }>(
      `SELECT ${USER_SELECT_LIST}, ${sortKey} AS "sort_key"${'offset' in start ? ', COUNT(*) OVER () AS "total_count"' : ''}
       FROM "users" "u" WHERE ${conditions.join(' AND ')}
       ORDER BY ${sortKey} ${direction}, ${id} ${direction} LIMIT :limit${'offset' in start ? ' OFFSET :offset' : ''}`,
      params,
    );
    if (reverse) rows.reverse();
    const users = rows.map(userFromRow);
    const sortKeys = rows.map((row) => String(row.sort_key));
    if ('offset' in start && rows.length > 0) return { total: Number(rows[0].total_count), users, sortKeys };
    // Keyset pages, and an empty page past the end, still owe the caller the total.
    const total = 'offset' in start && start.offset === 0 ? 0 : await this.countProvisioned(request.where);
    return { total, users, sortKeys };
  }

  private async countProvisioned(where?: UserCondition): Promise<number> {
    const [row] = await this.select<{ total: number | string }>(
      `SELECT COUNT(*) AS "total" FROM "users" "u" WHERE ${this.provisionedConditions(where).join(' AND ')}`,
      { ...where?.params },
    );
    return Number(row.total);
  }

  private provisionedConditions(where?: UserCondition): string[] {
    return ['"u"."deprovisioned_at" IS NULL', ...(where ? [`(${where.sql})`] : [])];
  }

  /** Named parameters (`:name`) bound by the driver: values never enter the SQL text. */
  private async select<T>(
    sql: string,
    params: Record<string, unknown>,
    manager: EntityManager = this.users.manager,
  ): Promise<T[]> {
    const [query, parameters] = manager.connection.driver.escapeQueryWithParameters(sql, params, {});
    return manager.query<T[]>(query, parameters);
  }

  /**
   * The SQL a column sorts by. Names sort case-insensitively (RFC 7643 caseExact=false) through
   * the same folding as filters; the keys are stored folded. PostgreSQL compares in code-point
   * order like SQLite, whatever the database's collation.
   */
  private sortExpression(column: SortableUserColumn): string {
    const folded =
      column === 'first_name' || column === 'last_name' ? `scim_fold(u.${column})` : `u.${column}`;
    return this.dialect === 'postgres' ? `(${folded} COLLATE "C")` : folded;
  }

  /**
   * Creates a user, or brings back the deprovisioned user who owns these keys (a later POST
   * with the same email must not create a twin). A live owner of any key is a conflict.
   */
  async create(draft: UserDraft, actor: Actor): Promise<{ user: UserEntity; revived: boolean }> {
    const now = new Date();
    const user = this.users.create({
      ...this.columnsOf(draft),
      id: randomUUID(),
      deprovisionedAt: null,
      createdBy: actorLabel(actor),
      updatedBy: actorLabel(actor),
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    // Most creations are new users: try the insert first and let the unique indexes speak.
    const collision = await this.insertUnlessTaken(user, draft, actor);
    if (collision === undefined) return { user, revived: false };
    const owners = await this.ownersOfKeys(draft);
    const live = owners.find(({ user: owner }) => owner.deprovisionedAt === null);
    if (live) throw UserError.conflict(live.field);
    if (new Set(owners.map(({ user: owner }) => owner.id)).size === 1) {
      return { user: await this.revive(owners[0].user, draft, actor), revived: true };
    }
    throw UserError.conflict(owners[0]?.field ?? collision);
  }

  /**
   * Applies `change` to the newest version of a user. The change and its event are written in
   * one transaction that reads the user first; on PostgreSQL that read locks the row, so
   * concurrent writers to one user queue up instead of losing the compare-and-set and retrying.
   */
  async update(
    id: string,
    change: UserChange,
    actor: Actor,
    options: WriteOptions = {},
  ): Promise<UserEntity> {
    let draft: UserDraft | undefined;
    try {
      const updated = await this.transactions.run(async (manager) => {
        const current = await this.currentForWrite(manager, id, options);
        draft = change(current);
        if (sameDraft(draftOf(current), draft)) return current;
        return this.writeIfVersion(manager, current, { ...this.columnsOf(draft) }, actor, {
          operation: updateOperation(current, draft),
          after: draft,
        });
      });
      // The row was read locked (or, on SQLite, inside the one running transaction): the
      // compare-and-set cannot lose, and if it ever did the caller must retry, not us.
      if (!updated) throw UserError.versionMismatch(id);
      return updated;
    } catch (error) {
      throw await this.asConflict(error, draft, id);
    }
  }

  /** SCIM DELETE: the user is suspended and leaves the provisioning view; its data stays. */
  async deprovision(id: string, actor: Actor, options: WriteOptions = {}): Promise<void> {
    const done = await this.transactions.run(async (manager) => {
      const current = await this.currentForWrite(manager, id, options);
      return this.writeIfVersion(manager, current, { suspended: true, deprovisionedAt: new Date() }, actor, {
        operation: 'deprovision',
        after: { ...draftOf(current), suspended: true },
      });
    });
    if (!done) throw UserError.versionMismatch(id);
  }

  /**
   * GDPR erasure (admins only): the row is deleted and, in the same transaction, the user's
   * provisioning events lose every personal value; a last event records the erasure itself.
   */
  async erase(id: string, actor: Actor): Promise<void> {
    const erased = await this.transactions.run(async (manager) => {
      const result = await manager.delete(UserEntity, { id });
      if ((result.affected ?? 0) === 0) return false;
      await this.events.pseudonymise(manager, 'User', id);
      await this.events.recordUserWrite(manager, {
        actor,
        operation: 'erase',
        userId: id,
        before: null,
        after: null,
        at: new Date(),
      });
      return true;
    });
    if (!erased) throw UserError.notFound(id);
  }

  /**
   * The user a write starts from, read in the write's transaction and checked against the
   * caller's expected version. PostgreSQL locks the row until commit; SQLite's transactions
   * already run one at a time.
   */
  private async currentForWrite(
    manager: EntityManager,
    id: string,
    options: WriteOptions,
  ): Promise<UserEntity> {
    const visible = options.includeDeprovisioned ? '' : ' AND "u"."deprovisioned_at" IS NULL';
    const lock = this.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const [row] = await this.select<UserRow>(
      `SELECT ${USER_SELECT_LIST} FROM "users" "u" WHERE "u"."id" = :id${visible}${lock}`,
      { id },
      manager,
    );
    if (!row) throw UserError.notFound(id);
    const current = userFromRow(row);
    if (options.expectedVersion !== undefined && current.version !== options.expectedVersion) {
      throw UserError.versionMismatch(id);
    }
    return current;
  }

  private async revive(user: UserEntity, draft: UserDraft, actor: Actor): Promise<UserEntity> {
    let revived: UserEntity | null;
    try {
      revived = await this.transactions.run((manager) =>
        this.writeIfVersion(manager, user, { ...this.columnsOf(draft), deprovisionedAt: null }, actor, {
          operation: 'revive',
          after: draft,
        }),
      );
    } catch (error) {
      throw await this.asConflict(error, draft, user.id);
    }
    // Another request revived or changed it first: that user is live now, so this is a conflict.
    if (!revived) throw UserError.conflict((await this.ownersOfKeys(draft, user.id))[0]?.field ?? 'email');
    return revived;
  }

  /**
   * Compare-and-set on the row version, and the event recording it, in the caller's
   * transaction: the updated user when this write won, null (nothing recorded) when another
   * write got there first.
   */
  private async writeIfVersion(
    manager: EntityManager,
    current: UserEntity,
    columns: Partial<UserEntity>,
    actor: Actor,
    event: { readonly operation: UserWriteOperation; readonly after: UserDraft },
  ): Promise<UserEntity | null> {
    const at = new Date();
    const changes: Partial<UserEntity> = {
      ...columns,
      updatedBy: actorLabel(actor),
      updatedAt: at,
      version: current.version + 1,
    };
    const result = await manager.update(UserEntity, { id: current.id, version: current.version }, changes);
    if ((result.affected ?? 0) !== 1) return null;
    await this.events.recordUserWrite(manager, {
      actor,
      operation: event.operation,
      userId: current.id,
      before: draftOf(current),
      after: event.after,
      at,
    });
    return this.users.merge(this.users.create(current), changes);
  }

  /**
   * Inserts the user and its event in one transaction, or names the unique key another user
   * already holds (the violation rolls the transaction back; it is resolved after).
   */
  private async insertUnlessTaken(
    user: UserEntity,
    draft: UserDraft,
    actor: Actor,
  ): Promise<UniqueUserField | undefined> {
    try {
      await this.transactions.run(async (manager) => {
        await manager.insert(UserEntity, user);
        await this.events.recordUserWrite(manager, {
          actor,
          operation: 'create',
          userId: user.id,
          before: null,
          after: draft,
          at: user.createdAt,
        });
      });
      return undefined;
    } catch (error) {
      const field = violatedUniqueField(error);
      if (field === undefined) throw error;
      return field;
    }
  }

  /** Turns a unique-index violation into a conflict naming the attribute; rethrows anything else. */
  private async asConflict(error: unknown, draft?: UserDraft, selfId?: string): Promise<unknown> {
    const field = violatedUniqueField(error);
    if (!field) return error;
    const owner = draft ? (await this.ownersOfKeys(draft, selfId))[0]?.field : undefined;
    return UserError.conflict(owner ?? field);
  }

  /** Every stored user holding one of the draft's unique keys, in one indexed query. */
  private async ownersOfKeys(
    draft: UserDraft,
    excludeId?: string,
  ): Promise<{ user: UserEntity; field: UniqueUserField }[]> {
    const keys = { userNameKey: canonicalKey(draft.userName), emailKey: canonicalKey(draft.email) };
    const query = this.users
      .createQueryBuilder('u')
      .where('u.user_name_key = :userNameKey OR u.email_key = :emailKey', keys);
    if (draft.externalId !== null)
      query.orWhere('u.external_id = :externalId', { externalId: draft.externalId });
    const users = await query.getMany();
    return users.flatMap((user) => {
      if (user.id === excludeId) return [];
      const field: UniqueUserField | undefined =
        user.userNameKey === keys.userNameKey
          ? 'userName'
          : user.emailKey === keys.emailKey
            ? 'email'
            : user.externalId === draft.externalId
              ? 'externalId'
              : undefined;
      return field ? [{ user, field }] : [];
    });
  }

  private columnsOf(draft: UserDraft): Partial<UserEntity> {
    return {
      ...draft,
      userNameKey: canonicalKey(draft.userName),
      emailKey: canonicalKey(draft.email),
    };
  }
}

/** A write named after its effect: turning `suspended` on or off is what an admin looks for. */
function updateOperation(current: UserEntity, next: UserDraft): UserWriteOperation {
  if (current.suspended === next.suspended) return 'update';
  return next.suspended ? 'suspend' : 'restore';
}
