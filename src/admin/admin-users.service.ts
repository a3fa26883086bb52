import { parseJsonObject } from '../scim/scim-resource';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { ProvisioningEventsService } from '../audit/provisioning-events.service';
import { Actor } from '../auth/actor';
import { assertNever } from '../common/assert-never';
import { draftFromFields } from '../scim/mapping/user-mapper';
import { canonicalKey } from '../users/canonical-key';
import { UserDraft } from '../users/user-draft';
import { UserEntity } from '../users/user.entity';
import { UserError } from '../users/user-errors';
import { UsersService } from '../users/users.service';
import { toAdminUserSummary } from './admin-user-view';
import type { AdminUserPage, AdminUserProfile } from './admin-views';
import type { CreateAdminUserDto } from './dto/create-admin-user.dto';
import type { ListAdminUsersQuery, UserSort } from './dto/list-admin-users.query';
import type { UpdateAdminUserDto } from './dto/update-admin-user.dto';
import { toProvisioningEventView } from './provisioning-event-view';

type BloomflowFields = Omit<UserDraft, 'scimProfile'>;

const DEFAULT_PAGE_SIZE = 25;
const HISTORY_LENGTH = 100;

/**
 * The admin's view of users: every user, deprovisioned ones included, read here; every write
 * goes through UsersService (audit fields, events, uniqueness) with the stored SCIM profile
 * brought in line by the mapper, so Entra reads and matches what the admin wrote.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly store: UsersService,
    private readonly events: ProvisioningEventsService,
  ) {}

  async list(query: ListAdminUsersQuery): Promise<AdminUserPage> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const builder = this.users.createQueryBuilder('u');
    if (query.search !== undefined && query.search.trim() !== '') whereMatches(builder, query.search);
    if (query.status !== undefined) {
      builder.andWhere(`u.suspended = ${query.status === 'suspended' ? 'TRUE' : 'FALSE'}`);
    }
    switch (query.source) {
      case undefined:
        break;
      case 'provisioned':
        builder.andWhere('u.external_id IS NOT NULL AND u.deprovisioned_at IS NULL');
        break;
      case 'manual':
        builder.andWhere('u.external_id IS NULL AND u.deprovisioned_at IS NULL');
        break;
      case 'deprovisioned':
        builder.andWhere('u.deprovisioned_at IS NOT NULL');
        break;
      default:
        assertNever(query.source);
    }
    const direction = query.order === 'asc' ? 'ASC' : 'DESC';
    for (const [index, expression] of sortExpressions(query.sort ?? 'createdAt').entries()) {
      if (index === 0) builder.orderBy(expression, direction);
      else builder.addOrderBy(expression, direction);
    }
    const [users, total] = await builder
      .addOrderBy('u.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { total, page, pageSize, users: users.map(toAdminUserSummary) };
  }

  async profile(id: string): Promise<AdminUserProfile> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw UserError.notFound(id);
    const history = await this.events.page({
      resourceType: 'User',
      resourceId: id,
      offset: 0,
      limit: HISTORY_LENGTH,
    });
    return {
      ...toAdminUserSummary(user),
      userName: user.userName,
      externalId: user.externalId,
      suspended: user.suspended,
      phone: user.phone,
      job: user.job,
      location: user.location,
      businessUnit: user.businessUnit,
      deprovisionedAt: user.deprovisionedAt?.toISOString() ?? null,
      version: user.version,
      scimAttributes: parseJsonObject(user.scimProfile),
      groups: [],
      history: history.events.map(toProvisioningEventView),
    };
  }

  /** A user added by hand: userName = email, the identity Entra's `userName eq` later finds. */
  async create(dto: CreateAdminUserDto, actor: Actor): Promise<AdminUserProfile> {
    const draft = draftFromFields({
      userName: dto.email,
      email: dto.email,
      firstName: dto.firstName,
      lastName: dto.lastName,
      externalId: null,
      suspended: dto.suspended ?? false,
      phone: dto.phone ?? null,
      job: dto.job ?? null,
      location: dto.location ?? null,
      businessUnit: dto.businessUnit ?? null,
    });
    const { user } = await this.store.create(draft, actor);
    return this.profile(user.id);
  }

  /** Edit, suspend (`suspended: true`) or restore (`false`), deprovisioned users included. */
  async update(id: string, dto: UpdateAdminUserDto, actor: Actor): Promise<AdminUserProfile> {
    await this.store.update(
      id,
      (current) => draftFromFields(edited(current, dto), current.scimProfile),
      actor,
      {
        includeDeprovisioned: true,
      },
    );
    return this.profile(id);
  }

  /** GDPR erasure: the row goes, its provisioning events keep only a pseudonymous record. */
  erase(id: string, actor: Actor): Promise<void> {
    return this.store.erase(id, actor);
  }
}

function edited(current: UserEntity, dto: UpdateAdminUserDto): BloomflowFields {
  // A user added by hand (userName = email, not linked yet) keeps the two in step; a linked
  // user's userName is the identity provider's (Entra's UPN) and stays as it sent it.
  const userNameFollowsEmail =
    current.externalId === null && canonicalKey(current.userName) === canonicalKey(current.email);
  const email = dto.email ?? current.email;
  return {
    userName: userNameFollowsEmail ? email : current.userName,
    email,
    firstName: dto.firstName ?? current.firstName,
    lastName: dto.lastName ?? current.lastName,
    externalId: current.externalId,
    suspended: dto.suspended ?? current.suspended,
    phone: dto.phone === undefined ? current.phone : dto.phone,
    job: dto.job === undefined ? current.job : dto.job,
    location: dto.location === undefined ? current.location : dto.location,
    businessUnit: dto.businessUnit === undefined ? current.businessUnit : dto.businessUnit,
  };
}

/**
 * Case-insensitive substring search over names and emails. The keys are stored folded;
 * names are folded in SQL by scim_fold, the app's own folding on both databases.
 */
function whereMatches(builder: SelectQueryBuilder<UserEntity>, search: string): void {
  const pattern = `%${canonicalKey(search).replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  builder.andWhere(
    `(u.email_key LIKE :pattern ESCAPE '\\' OR u.user_name_key LIKE :pattern ESCAPE '\\' ` +
      `OR scim_fold(u.first_name || ' ' || u.last_name) LIKE :pattern ESCAPE '\\' ` +
      `OR scim_fold(u.last_name || ' ' || u.first_name) LIKE :pattern ESCAPE '\\')`,
    { pattern },
  );
}

function sortExpressions(sort: UserSort): string[] {
  switch (sort) {
    case 'name':
      return ['scim_fold(u.last_name)', 'scim_fold(u.first_name)'];
    case 'email':
      return ['u.email_key'];
    case 'createdAt':
      return ['u.created_at'];
    case 'updatedAt':
      return ['u.updated_at'];
    default:
      return assertNever(sort);
  }
}
