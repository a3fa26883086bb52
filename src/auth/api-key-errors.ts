/** Failures of the key store, free of any protocol: the admin API renders them. */
export type ApiKeyErrorCode = 'notFound' | 'nameTaken' | 'inactive';

export class ApiKeyError extends Error {
  private constructor(
    readonly code: ApiKeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiKeyError';
  }

  static notFound(id: string): ApiKeyError {
    return new ApiKeyError('notFound', `Provisioning key ${id} not found.`);
  }

  static nameTaken(name: string): ApiKeyError {
    return new ApiKeyError('nameTaken', `A provisioning key named "${name}" already exists.`);
  }

  static inactive(name: string): ApiKeyError {
    return new ApiKeyError(
      'inactive',
      `Provisioning key "${name}" is revoked or expired: it cannot be rotated.`,
    );
  }
}
