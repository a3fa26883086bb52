import { userResourceSchema } from '../schema/resource-schema';
import { JsonObject, ScimResource } from '../scim-resource';
import { applyPatch } from './apply-patch';
import { deepEqualJson } from './json';
import { normalizePatchRequest } from './normalize-patch-request';
import {
  deepFreeze,
  ENTERPRISE_USER_SCHEMA,
  enterpriseUser,
  patchBody,
  tutorialUser,
} from './patch-test-fixtures';

/** RFC 7644 §3.5.2 semantics beyond the Entra samples: one row per rule, resource before and after. */
interface SemanticsCase {
  readonly name: string;
  readonly before: ScimResource;
  readonly operations: readonly JsonObject[];
  readonly after: ScimResource;
}

const WORK = { value: 'bjensen@example.com', type: 'work', primary: true };
const HOME = { value: 'babs@jensen.org', type: 'home' };

const cases: readonly SemanticsCase[] = [
  {
    name: 'should append to a multi-valued attribute (§3.5.2.1)',
    before: tutorialUser({ emails: [WORK] }),
    operations: [{ op: 'add', path: 'emails', value: [HOME] }],
    after: tutorialUser({ emails: [WORK, HOME] }),
  },
  {
    name: 'should treat a single object added to a multi-valued attribute as one value',
    before: tutorialUser({ emails: [WORK] }),
    operations: [{ op: 'add', path: 'emails', value: HOME }],
    after: tutorialUser({ emails: [WORK, HOME] }),
  },
  {
    name: 'should not duplicate a value already present, comparing case-insensitively (§3.5.2.1)',
    before: tutorialUser({ emails: [WORK, HOME] }),
    operations: [{ op: 'add', path: 'emails', value: [{ value: 'BABS@jensen.org', type: 'home' }] }],
    after: tutorialUser({ emails: [WORK, HOME] }),
  },
  {
    name: 'should merge sub-attributes into a complex attribute on add (§3.5.2.1)',
    before: tutorialUser({ name: { givenName: 'Barbara', familyName: 'Jensen' } }),
    operations: [{ op: 'add', path: 'name', value: { middleName: 'Jane', GivenName: 'Babs' } }],
    after: tutorialUser({ name: { givenName: 'Babs', familyName: 'Jensen', middleName: 'Jane' } }),
  },
  {
    name: 'should merge sub-attributes into a complex attribute on replace, leaving the others (§3.5.2.3)',
    before: tutorialUser({ name: { givenName: 'Barbara', familyName: 'Jensen' } }),
    operations: [{ op: 'replace', value: { name: { familyName: 'Smith' } } }],
    after: tutorialUser({ name: { givenName: 'Barbara', familyName: 'Smith' } }),
  },
  {
    name: 'should replace all values of a multi-valued attribute without a filter (§3.5.2.3)',
    before: tutorialUser({ emails: [WORK, HOME] }),
    operations: [{ op: 'replace', path: 'emails', value: [{ value: 'new@example.com', type: 'work' }] }],
    after: tutorialUser({ emails: [{ value: 'new@example.com', type: 'work' }] }),
  },
  {
    name: 'should keep only the last primary when a replaced list has several',
    before: tutorialUser(),
    operations: [
      {
        op: 'replace',
        path: 'emails',
        value: [
          { value: 'a@example.com', primary: true },
          { value: 'b@example.com', primary: 'TRUE' },
        ],
      },
    ],
    after: tutorialUser({
      emails: [
        { value: 'a@example.com', primary: false },
        { value: 'b@example.com', primary: true },
      ],
    }),
  },
  {
    name: 'should set primary on the filtered element and clear it on the others (§3.5.2)',
    before: tutorialUser({ emails: [WORK, HOME] }),
    operations: [{ op: 'replace', path: 'emails[type eq "home"].primary', value: true }],
    after: tutorialUser({
      emails: [
        { ...WORK, primary: false },
        { ...HOME, primary: true },
      ],
    }),
  },
  {
    name: 'should replace the matching sub-attribute of every matching record (§3.5.2.3)',
    before: tutorialUser({
      phoneNumbers: [
        { value: '1', type: 'work' },
        { value: '2', type: 'mobile' },
        { value: '3', type: 'Work' },
      ],
    }),
    operations: [{ op: 'replace', path: 'phoneNumbers[type eq "work"].value', value: '9' }],
    after: tutorialUser({
      phoneNumbers: [
        { value: '9', type: 'work' },
        { value: '2', type: 'mobile' },
        { value: '9', type: 'Work' },
      ],
    }),
  },
  {
    name: 'should replace a matched record whole, keeping what its filter selects (§3.5.2.3)',
    before: tutorialUser({ phoneNumbers: [{ value: '1', type: 'fax', display: 'Old fax' }] }),
    operations: [{ op: 'replace', path: 'phoneNumbers[type eq "fax"]', value: { value: '2' } }],
    after: tutorialUser({ phoneNumbers: [{ type: 'fax', value: '2' }] }),
  },
  {
    name: 'should merge into a matched record on add',
    before: tutorialUser({ phoneNumbers: [{ value: '1', type: 'fax' }] }),
    operations: [{ op: 'add', path: 'phoneNumbers[type eq "fax"]', value: { display: 'Fax' } }],
    after: tutorialUser({ phoneNumbers: [{ value: '1', type: 'fax', display: 'Fax' }] }),
  },
  {
    name: 'should create the element a conjunctive filter describes',
    before: tutorialUser({ emails: [HOME] }),
    operations: [
      { op: 'add', path: 'emails[type eq "work" and primary eq true].value', value: 'w@example.com' },
    ],
    after: tutorialUser({
      emails: [HOME, { type: 'work', primary: true, value: 'w@example.com' }],
    }),
  },
  {
    name: 'should set a sub-attribute on every element when the path has no filter',
    before: tutorialUser({ emails: [WORK, HOME] }),
    operations: [{ op: 'replace', path: 'emails.display', value: 'Mail' }],
    after: tutorialUser({
      emails: [
        { ...WORK, display: 'Mail' },
        { ...HOME, display: 'Mail' },
      ],
    }),
  },
  {
    name: 'should remove only the records a filter matches (§3.5.2.2)',
    before: tutorialUser({ emails: [WORK, HOME] }),
    operations: [{ op: 'remove', path: 'emails[type eq "home"]' }],
    after: tutorialUser({ emails: [WORK] }),
  },
  {
    name: 'should unassign a multi-valued attribute whose last record is removed (§3.5.2.2)',
    before: tutorialUser({ emails: [HOME] }),
    operations: [{ op: 'remove', path: 'emails[type eq "home"]' }],
    after: tutorialUser({ emails: undefined }),
  },
  {
    name: 'should drop a record left with only labels after its value is removed',
    before: tutorialUser({ emails: [WORK, HOME] }),
    operations: [{ op: 'remove', path: 'emails[type eq "work"].value' }],
    after: tutorialUser({ emails: [HOME] }),
  },
  {
    name: 'should keep a record that still holds data after a sub-attribute is removed',
    before: tutorialUser({ addresses: [{ type: 'work', locality: 'Paris', country: 'FR' }] }),
    operations: [{ op: 'remove', path: 'addresses[type eq "work"].locality' }],
    after: tutorialUser({ addresses: [{ type: 'work', country: 'FR' }] }),
  },
  {
    name: 'should clear a sub-attribute of matching records replaced with ""',
    before: tutorialUser({ phoneNumbers: [{ value: '1', type: 'work' }] }),
    operations: [{ op: 'replace', path: 'phoneNumbers[type eq "work"].value', value: '' }],
    after: tutorialUser({ phoneNumbers: undefined }),
  },
  {
    name: 'should do nothing when clearing a sub-attribute no record has',
    before: tutorialUser({ phoneNumbers: [{ value: '1', type: 'work' }] }),
    operations: [{ op: 'replace', path: 'phoneNumbers[type eq "fax"].value', value: '' }],
    after: tutorialUser({ phoneNumbers: [{ value: '1', type: 'work' }] }),
  },
  {
    name: 'should remove a sub-attribute, and the complex attribute once it is empty',
    before: tutorialUser({ name: { givenName: 'Barbara', middleName: 'Jane' } }),
    operations: [
      { op: 'remove', path: 'name.middleName' },
      { op: 'remove', path: 'name.givenName' },
    ],
    after: tutorialUser({ name: undefined }),
  },
  {
    name: 'should remove the last enterprise attribute together with the extension and its schema URN',
    before: enterpriseUser({ department: 'Sales' }),
    operations: [{ op: 'remove', path: `${ENTERPRISE_USER_SCHEMA}:department` }],
    after: tutorialUser(),
  },
  {
    name: 'should remove a whole extension named by its URN',
    before: enterpriseUser({ department: 'Sales', employeeNumber: '42' }),
    operations: [{ op: 'remove', path: ENTERPRISE_USER_SCHEMA }],
    after: tutorialUser(),
  },
  {
    name: 'should keep the extension when one of its attributes remains',
    before: enterpriseUser({ department: 'Sales', employeeNumber: '42' }),
    operations: [{ op: 'replace', path: `${ENTERPRISE_USER_SCHEMA}:department`, value: '' }],
    after: enterpriseUser({ employeeNumber: '42' }),
  },
  {
    name: 'should set the manager id through manager.value',
    before: enterpriseUser({ manager: { value: 'old', $ref: '../Users/old' } }),
    operations: [{ op: 'replace', path: `${ENTERPRISE_USER_SCHEMA}:manager.value`, value: 'new' }],
    after: enterpriseUser({ manager: { value: 'new' } }),
  },
  {
    name: 'should remove the manager through manager.value',
    before: enterpriseUser({ department: 'Sales', manager: { value: 'old', $ref: '../Users/old' } }),
    operations: [{ op: 'remove', path: `${ENTERPRISE_USER_SCHEMA}:manager.value` }],
    after: enterpriseUser({ department: 'Sales' }),
  },
  {
    name: 'should treat removing an absent attribute as a no-op',
    before: tutorialUser(),
    operations: [
      { op: 'remove', path: 'title' },
      { op: 'remove', path: 'emails[type eq "home"]' },
    ],
    after: tutorialUser(),
  },
  {
    name: "should ignore a client's schemas in a path-less replace (the server derives them)",
    before: tutorialUser(),
    operations: [{ op: 'replace', value: { schemas: ['urn:example:bogus'], title: 'Lead' } }],
    after: tutorialUser({ title: 'Lead' }),
  },
  {
    name: 'should accept the write-only password',
    before: tutorialUser(),
    operations: [{ op: 'replace', path: 'password', value: 't1meMa$heen' }],
    after: tutorialUser({ password: 't1meMa$heen' }),
  },
  {
    name: 'should apply operations in order',
    before: tutorialUser(),
    operations: [
      { op: 'add', path: 'title', value: 'First' },
      { op: 'replace', path: 'title', value: 'Second' },
      { op: 'remove', path: 'title' },
      { op: 'add', path: 'nickName', value: 'Babs' },
    ],
    after: tutorialUser({ nickName: 'Babs' }),
  },
];

describe('applyPatch semantics', () => {
  it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const before = deepFreeze(structuredClone(entry.before));
    const after = applyPatch(
      before,
      normalizePatchRequest(patchBody(...entry.operations)),
      userResourceSchema,
    );
    expect(after).toEqual(entry.after);
  });

  it('should return a new but deep-equal resource when nothing changes (§3.5.2.1)', () => {
    const before = deepFreeze(enterpriseUser({ department: 'Sales' }, { title: 'Lead' }));
    const operations = normalizePatchRequest(
      patchBody(
        { op: 'Replace', path: 'title', value: 'Lead' },
        {
          op: 'Add',
          path: 'emails',
          value: [{ value: 'TEST_USER_11BB11BB-CC22-DD33-EE44-55FF55FF55FF@testuser.com' }],
        },
        { op: 'Replace', path: 'active', value: 'True' },
        { op: 'Replace', path: `${ENTERPRISE_USER_SCHEMA}:department`, value: 'Sales' },
        { op: 'Remove', path: 'nickName' },
      ),
    );
    const after = applyPatch(before, operations, userResourceSchema);
    expect(after).not.toBe(before);
    expect(deepEqualJson(after, before)).toBe(true);
  });

  it('should share unchanged parts with the input instead of copying them', () => {
    const before = deepFreeze(enterpriseUser({ department: 'Sales' }));
    const after = applyPatch(
      before,
      normalizePatchRequest(patchBody({ op: 'replace', path: 'title', value: 'Lead' })),
      userResourceSchema,
    );
    expect(after['title']).toBe('Lead');
    expect(after['name']).toBe(before['name']);
    expect(after['emails']).toBe(before['emails']);
    expect(after['meta']).toBe(before['meta']);
    expect(after[ENTERPRISE_USER_SCHEMA]).toBe(before[ENTERPRISE_USER_SCHEMA]);
  });

  it('should see a change as a change', () => {
    const before = deepFreeze(tutorialUser());
    const after = applyPatch(
      before,
      normalizePatchRequest(patchBody({ op: 'replace', path: 'active', value: 'False' })),
      userResourceSchema,
    );
    expect(deepEqualJson(after, before)).toBe(false);
  });
});
