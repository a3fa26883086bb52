import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Brackets, IsNull, Repository, SelectQueryBuilder } from 'typeorm';
import { Actor, actorLabel } from '../auth/actor';
import { canonicalKey } from './canonical-key';
import { violatedUniqueField } from './unique-violation';
import { UserDraft, draftOf, sameDraft } from './user-draft';
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
}

// Concurrent writers to one row each retry against the newest version; this bounds the loop.
const MAX_UPDATE_ATTEMPTS = 20;

/**
 * The Bloomflow user store. Uniqueness is enforced by the database's unique indexes, so two
 * instances racing on the same email both reach the database and exactly one wins.
 * Users removed by a provisioning client ("deprovisioned") stay here for admins but are
 * outside the provisioning view: the methods named `…Provisioned` skip them.
 */
@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** Which SQL the conditions handed to this store must be written in. */
  get dialect(): 'sqlite' | 'postgres' {
    return this.users.manager.connection.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  findProvisioned(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id, deprovisionedAt: IsNull() });
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
    const sortKey = this.sortExpression(column);
    if (request.limit === 0)
      return { total: await this.countProvisioned(request.where), users: [], sortKeys: [] };
    const start = request.start;
    const reverse = 'before' in start;
    // Reading backwards from a `before` position, then flipping, yields the page in order.
    const ascending = descending === reverse;
    const query = this.provisionedQuery(request.where)
      .addSelect(sortKey, 'sort_key')
      .orderBy(sortKey, ascending ? 'ASC' : 'DESC')
      .addOrderBy(this.sortExpression('id'), ascending ? 'ASC' : 'DESC')
      .limit(request.limit);
    if ('offset' in start) {
      query.addSelect('COUNT(*) OVER ()', 'total_count').offset(start.offset);
    } else {
      const position = 'after' in start ? start.after : start.before;
      query.andWhere(
        `(${sortKey}, ${this.sortExpression('id')}) ${ascending ? '>' : '<'} (:seekKey, :seekId)`,
        {
          seekKey: position.sortKey,
          seekId: position.id,
        },
      );
    }
    const { raw, entities } = await query.getRawAndEntities<{
      sort_key: string;
      total_count?: number | string;
    }>();
    const rows = reverse ? raw.reverse() : raw;
    const users = reverse ? entities.reverse() : entities;
    const sortKeys = rows.map((row) => String(row.sort_key));
    if ('offset' in start && rows.length > 0) return { total: Number(rows[0].total_count), users, sortKeys };
    // Keyset pages, and an empty page past the end, still owe the caller the total.
    const total = 'offset' in start && start.offset === 0 ? 0 : await this.countProvisioned(request.where);
    return { total, users, sortKeys };
  }

  private countProvisioned(where?: UserCondition): Promise<number> {
    return this.provisionedQuery(where).getCount();
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
    const owners = await this.ownersOfKeys(draft);
    const live = owners.find(({ user }) => user.deprovisionedAt === null);
    if (live) throw UserError.conflict(live.field);
    const dormant = new Set(owners.map(({ user }) => user.id));
    if (dormant.size === 1) {
      const [{ user }] = owners;
      return { user: await this.revive(user, draft, actor), revived: true };
    }
    if (dormant.size > 1) throw UserError.conflict(owners[0].field);
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
    await this.insertOrConflict(user, draft);
    return { user, revived: false };
  }

  /**
   * Applies `change` to the newest version of a provisioned user. Without an expected version,
   * a concurrent write makes it re-read and re-apply, so no update is lost.
   */
  async update(
    id: string,
    change: UserChange,
    actor: Actor,
    options: WriteOptions = {},
  ): Promise<UserEntity> {
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const current = await this.getProvisioned(id);
      if (options.expectedVersion !== undefined && current.version !== options.expectedVersion) {
        throw UserError.versionMismatch(id);
      }
      const next = change(current);
      if (sameDraft(draftOf(current), next)) return current;
      const updated = await this.writeIfVersion(current, { ...this.columnsOf(next) }, actor, next);
      if (updated) return updated;
    }
    throw UserError.versionMismatch(id);
  }

  /** SCIM DELETE: the user is suspended and leaves the provisioning view; its data stays. */
  async deprovision(id: string, actor: Actor, options: WriteOptions = {}): Promise<void> {
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const current = await this.getProvisioned(id);
      if (options.expectedVersion !== undefined && current.version !== options.expectedVersion) {
        throw UserError.versionMismatch(id);
      }
      const done = await this.writeIfVersion(
        current,
        { suspended: true, deprovisionedAt: new Date() },
        actor,
      );
      if (done) return;
    }
    throw UserError.versionMismatch(id);
  }

  private provisionedQuery(where?: UserCondition): SelectQueryBuilder<UserEntity> {
    const query = this.users.createQueryBuilder('u').where('u.deprovisioned_at IS NULL');
    return where ? query.andWhere(new Brackets((inner) => inner.where(where.sql, where.params))) : query;
  }

  private async revive(user: UserEntity, draft: UserDraft, actor: Actor): Promise<UserEntity> {
    const revived = await this.writeIfVersion(
      user,
      { ...this.columnsOf(draft), deprovisionedAt: null },
      actor,
      draft,
    );
    // Another request revived or changed it first: that user is live now, so this is a conflict.
    if (!revived) throw UserError.conflict((await this.ownersOfKeys(draft, user.id))[0]?.field ?? 'email');
    return revived;
  }

  /** Compare-and-set on the row version: true when this write won. */
  private async writeIfVersion(
    current: UserEntity,
    columns: Partial<UserEntity>,
    actor: Actor,
    draft?: UserDraft,
  ): Promise<UserEntity | null> {
    const changes: Partial<UserEntity> = {
      ...columns,
      updatedBy: actorLabel(actor),
      updatedAt: new Date(),
      version: current.version + 1,
    };
    try {
      const result = await this.users.update({ id: current.id, version: current.version }, changes);
      return (result.affected ?? 0) === 1 ? this.users.merge(this.users.create(current), changes) : null;
    } catch (error) {
      throw await this.asConflict(error, draft, current.id);
    }
  }

  private async insertOrConflict(user: UserEntity, draft: UserDraft): Promise<void> {
    try {
      await this.users.insert(user);
    } catch (error) {
      throw await this.asConflict(error, draft);
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
