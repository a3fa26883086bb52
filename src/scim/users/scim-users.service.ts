import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '../../auth/actor';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { UserEntity } from '../../users/user.entity';
import { UserPageRequest, UsersService } from '../../users/users.service';
import { expectedVersion, VersionPrecondition } from '../etag';
import { ListResponse, listResponse } from '../list-response';
import { ResourceMeta, toScimUser, toUserDraft, userEtag } from '../mapping/user-mapper';
import { applyPatch } from '../patch/apply-patch';
import { normalizePatchRequest } from '../patch/normalize-patch-request';
import { coerceResource } from '../schema/coerce-resource';
import { userResourceSchema } from '../schema/resource-schema';
import { ScimResource } from '../scim-resource';
import { CursorCodec } from '../query/cursor';
import { ListQuery } from '../query/list-query';
import { project, Projection } from '../query/projection';
import { userFilterCondition } from './user-filter-condition';
import { FilterSqlTarget } from '../filter/compile-filter-sql';
import { userFilterTarget } from '../mapping/user-filter-target';

/** A user as a response carries it: the (projected) resource, and what goes in ETag and Location. */
export interface RenderedUser {
  readonly resource: ScimResource;
  readonly etag: string;
  readonly location: string;
}

/** SCIM semantics of /Users over the Bloomflow user store: parse, map, delegate, map back. */
@Injectable()
export class ScimUsersService {
  private readonly meta: ResourceMeta;
  private readonly filterTarget: FilterSqlTarget;

  constructor(
    private readonly users: UsersService,
    private readonly cursors: CursorCodec,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.meta = { usersUrl: `${config.tenantUrl}/Users` };
    this.filterTarget = userFilterTarget(users.dialect, this.meta.usersUrl);
  }

  async create(body: unknown, actor: Actor, projection: Projection): Promise<RenderedUser> {
    const draft = toUserDraft(coerceResource(body, userResourceSchema));
    const { user } = await this.users.create(draft, actor);
    return this.renderOne(user, projection);
  }

  async get(id: string, projection: Projection): Promise<RenderedUser> {
    return this.renderOne(await this.users.getProvisioned(id), projection);
  }

  /** RFC 7644 §3.4.2 with index paging, or RFC 9865 cursor paging. */
  async list(query: ListQuery): Promise<ListResponse> {
    const where =
      query.filter === undefined ? undefined : userFilterCondition(query.filter, this.filterTarget);
    const orderBy = query.sort && { column: query.sort.column, descending: query.sort.descending };
    if (query.page.kind === 'cursor') return this.listByCursor(query, query.page.cursor, { where, orderBy });
    const { startIndex } = query.page;
    const page = await this.users.pageProvisioned({
      where,
      orderBy,
      limit: query.count,
      start: { offset: startIndex - 1 },
    });
    return listResponse(this.render(page.users, query.projection), page.total, startIndex);
  }

  /**
   * Keyset pages: a cursor names the row to continue after (or before), bound to the query it
   * was issued for, so page 10,000 costs what page 1 costs. One extra row is read to know
   * whether another page follows in the direction of travel.
   */
  private async listByCursor(
    query: ListQuery,
    cursor: string,
    selection: Pick<UserPageRequest, 'where' | 'orderBy'>,
  ): Promise<ListResponse> {
    const binding = JSON.stringify([
      query.filter ?? null,
      query.sort?.path ?? null,
      query.sort?.descending ?? false,
    ]);
    const position = cursor === '' ? undefined : this.cursors.decode(cursor, binding);
    const start: UserPageRequest['start'] =
      position === undefined
        ? { offset: 0 }
        : position.direction === 'after'
          ? { after: position }
          : { before: position };
    const page = await this.users.pageProvisioned({ ...selection, limit: query.count + 1, start });
    const backwards = position?.direction === 'before';
    const hasMore = page.users.length > query.count;
    // The extra row sits on the far side of the direction of travel.
    const [from, to] =
      hasMore && backwards ? [1, page.users.length] : [0, Math.min(query.count, page.users.length)];
    const users = page.users.slice(from, to);
    const keys = page.sortKeys.slice(from, to);
    const cursorAt = (index: number, direction: 'after' | 'before') =>
      this.cursors.encode({ direction, sortKey: keys[index], id: users[index].id }, binding);
    const hasNext = backwards || hasMore;
    const hasPrevious = backwards ? hasMore : position !== undefined;
    return {
      ...listResponse(this.render(users, query.projection), page.total),
      ...(hasNext && users.length > 0 ? { nextCursor: cursorAt(users.length - 1, 'after') } : {}),
      ...(hasPrevious && users.length > 0 ? { previousCursor: cursorAt(0, 'before') } : {}),
    };
  }

  private render(users: UserEntity[], projection: Projection): ScimResource[] {
    return users.map((user) => project(toScimUser(user, this.meta), projection, userResourceSchema));
  }

  /** The SCIM User with RFC 7644 §3.9's attributes/excludedAttributes applied, and its headers. */
  private renderOne(user: UserEntity, projection: Projection): RenderedUser {
    const resource = toScimUser(user, this.meta);
    return {
      resource: project(resource, projection, userResourceSchema),
      etag: userEtag(user),
      location: `${this.meta.usersUrl}/${user.id}`,
    };
  }

  /** RFC 7644 §3.5.1: PUT replaces every writable attribute with what the body holds. */
  async replace(
    id: string,
    body: unknown,
    actor: Actor,
    precondition: VersionPrecondition,
    projection: Projection,
  ): Promise<RenderedUser> {
    const draft = toUserDraft(coerceResource(body, userResourceSchema));
    const user = await this.users.update(id, () => draft, actor, {
      expectedVersion: expectedVersion(precondition),
    });
    return this.renderOne(user, projection);
  }

  /** RFC 7644 §3.5.2: the operations apply to the newest version, all or nothing. */
  async patch(
    id: string,
    body: unknown,
    actor: Actor,
    precondition: VersionPrecondition,
    projection: Projection,
  ): Promise<RenderedUser> {
    const operations = normalizePatchRequest(body);
    const user = await this.users.update(
      id,
      (current) => toUserDraft(applyPatch(toScimUser(current, this.meta), operations, userResourceSchema)),
      actor,
      { expectedVersion: expectedVersion(precondition) },
    );
    return this.renderOne(user, projection);
  }

  async delete(id: string, actor: Actor, precondition: VersionPrecondition): Promise<void> {
    await this.users.deprovision(id, actor, { expectedVersion: expectedVersion(precondition) });
  }
}
