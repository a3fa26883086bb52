import { parseActorLabel } from '../auth/actor';
import type { UserEntity } from '../users/user.entity';
import type { AdminUserSummary, UserStatus } from './admin-views';

/** A user as the admin panel lists it. */
export function toAdminUserSummary(user: UserEntity): AdminUserSummary {
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    status: userStatus(user),
    provisioned: user.externalId !== null && user.deprovisionedAt === null,
    createdBy: parseActorLabel(user.createdBy),
    updatedBy: parseActorLabel(user.updatedBy),
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

function userStatus(user: UserEntity): UserStatus {
  if (user.deprovisionedAt !== null) return 'deprovisioned';
  return user.suspended ? 'suspended' : 'active';
}
