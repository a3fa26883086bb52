/** The user attributes the database keeps unique. */
export type UniqueUserField = 'userName' | 'email' | 'externalId';

/** Failures of the user store, free of any protocol: SCIM and the admin API each render them. */
export type UserErrorCode = 'conflict' | 'notFound' | 'versionMismatch';

export class UserError extends Error {
  private constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly field?: UniqueUserField,
  ) {
    super(message);
    this.name = 'UserError';
  }

  static conflict(field: UniqueUserField): UserError {
    return new UserError('conflict', `Another user already has this ${field}.`, field);
  }

  static notFound(id: string): UserError {
    return new UserError('notFound', `User ${id} not found.`);
  }

  static versionMismatch(id: string): UserError {
    return new UserError('versionMismatch', `User ${id} has changed since the version given.`);
  }
}
