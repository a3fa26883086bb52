import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '../../auth/actor';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { UsersService } from '../../users/users.service';
import { expectedVersion, VersionPrecondition } from '../etag';
import { ListResponse, listResponse } from '../list-response';
import { ResourceMeta, toScimUser, toUserDraft } from '../mapping/user-mapper';
import { applyPatch } from '../patch/apply-patch';
import { normalizePatchRequest } from '../patch/normalize-patch-request';
import { coerceResource } from '../schema/coerce-resource';
import { userResourceSchema } from '../schema/resource-schema';
import { ScimResource } from '../scim-resource';
import { ListQuery } from './list-query';
import { userFilterCondition } from './user-filter-condition';

/** SCIM semantics of /Users over the Bloomflow user store: parse, map, delegate, map back. */
@Injectable()
export class ScimUsersService {
  private readonly meta: ResourceMeta;

  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.meta = { usersUrl: `${config.tenantUrl}/Users` };
  }

  async create(body: unknown, actor: Actor): Promise<ScimResource> {
    const draft = toUserDraft(coerceResource(body, userResourceSchema));
    const { user } = await this.users.create(draft, actor);
    return toScimUser(user, this.meta);
  }

  async get(id: string): Promise<ScimResource> {
    return toScimUser(await this.users.getProvisioned(id), this.meta);
  }

  async list(query: ListQuery): Promise<ListResponse> {
    const page = await this.users.pageProvisioned({
      where: query.filter === undefined ? undefined : userFilterCondition(query.filter),
      offset: query.startIndex - 1,
      limit: query.count,
    });
    const resources = page.users.map((user) => toScimUser(user, this.meta));
    return listResponse(resources, page.total, query.startIndex);
  }

  /** RFC 7644 §3.5.1: PUT replaces every writable attribute with what the body holds. */
  async replace(
    id: string,
    body: unknown,
    actor: Actor,
    precondition: VersionPrecondition,
  ): Promise<ScimResource> {
    const draft = toUserDraft(coerceResource(body, userResourceSchema));
    const user = await this.users.update(id, () => draft, actor, {
      expectedVersion: expectedVersion(precondition),
    });
    return toScimUser(user, this.meta);
  }

  /** RFC 7644 §3.5.2: the operations apply to the newest version, all or nothing. */
  async patch(
    id: string,
    body: unknown,
    actor: Actor,
    precondition: VersionPrecondition,
  ): Promise<ScimResource> {
    const operations = normalizePatchRequest(body);
    const user = await this.users.update(
      id,
      (current) => toUserDraft(applyPatch(toScimUser(current, this.meta), operations, userResourceSchema)),
      actor,
      { expectedVersion: expectedVersion(precondition) },
    );
    return toScimUser(user, this.meta);
  }

  async delete(id: string, actor: Actor, precondition: VersionPrecondition): Promise<void> {
    await this.users.deprovision(id, actor, { expectedVersion: expectedVersion(precondition) });
  }
}
