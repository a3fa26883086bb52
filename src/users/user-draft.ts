/** What a writer supplies for a user; keys, audit fields, timestamps and version are the store's. */
export interface UserDraft {
  readonly userName: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly externalId: string | null;
  readonly suspended: boolean;
  readonly phone: string | null;
  readonly job: string | null;
  readonly location: string | null;
  readonly businessUnit: string | null;
  /** The provisioning client's view of the user, serialised JSON. */
  readonly scimProfile: string;
}

export const USER_DRAFT_FIELDS = [
  'userName',
  'email',
  'firstName',
  'lastName',
  'externalId',
  'suspended',
  'phone',
  'job',
  'location',
  'businessUnit',
  'scimProfile',
] as const satisfies readonly (keyof UserDraft)[];

export function draftOf(user: UserDraft): UserDraft {
  return Object.fromEntries(USER_DRAFT_FIELDS.map((field) => [field, user[field]])) as unknown as UserDraft;
}

export function sameDraft(a: UserDraft, b: UserDraft): boolean {
  return USER_DRAFT_FIELDS.every((field) => a[field] === b[field]);
}
