import type { UserDraft } from '../users/user-draft';
import { diffUserDrafts, redactChanges } from './user-change-diff';

const alice: UserDraft = {
  userName: 'alice@contoso.com',
  email: 'alice@contoso.com',
  firstName: 'Alice',
  lastName: 'Martin',
  externalId: '8b1c9a7e-0000-4000-8000-000000000001',
  suspended: false,
  phone: null,
  job: 'Engineer',
  location: null,
  businessUnit: null,
  scimProfile: '{"displayName":"Alice"}',
};

describe('diffUserDrafts', () => {
  it('should list every field of a new user with masked values', () => {
    expect(diffUserDrafts(null, alice)).toEqual([
      { attribute: 'userName', before: null, after: 'a***@c***.com' },
      { attribute: 'email', before: null, after: 'a***@c***.com' },
      { attribute: 'firstName', before: null, after: 'Al***' },
      { attribute: 'lastName', before: null, after: 'Ma***' },
      { attribute: 'externalId', before: null, after: '8b***' },
      { attribute: 'suspended', before: null, after: false },
      { attribute: 'job', before: null, after: 'En***' },
    ]);
  });

  it('should list only the changed fields, the suspended flag unmasked', () => {
    expect(diffUserDrafts(alice, { ...alice, suspended: true, phone: '+33 6 12 34 56 78' })).toEqual([
      { attribute: 'suspended', before: false, after: true },
      { attribute: 'phone', before: null, after: '***78' },
    ]);
  });

  it('should name the SCIM attributes an update changed when no Bloomflow field changed', () => {
    expect(
      diffUserDrafts(alice, { ...alice, scimProfile: '{"displayName":"Alice M.","nickName":"Al"}' }),
    ).toEqual([{ attribute: 'scim:displayName' }, { attribute: 'scim:nickName' }]);
  });

  it('should keep only attribute names once redacted', () => {
    expect(redactChanges(diffUserDrafts(alice, { ...alice, lastName: 'Dupont' }))).toEqual([
      { attribute: 'lastName' },
    ]);
  });
});
