import { userResourceSchema } from '../schema/resource-schema';
import { applyPatch } from './apply-patch';
import { deepEqualJson } from './json';
import { normalizePatchRequest } from './normalize-patch-request';
import { deepFreeze, groupResourceSchema, patchBody, tutorialGroup } from './patch-test-fixtures';
import { EntraCase, userCases } from './testing/entra-patch-cases';

const groupCases: readonly EntraCase[] = [
  {
    name: 'should rename a group (Update Group [Non-member attributes])',
    source: 'TUTORIAL',
    before: tutorialGroup([]),
    body: patchBody({
      op: 'Replace',
      path: 'displayName',
      value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName',
    }),
    after: { ...tutorialGroup([]), displayName: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' },
  },
  {
    name: 'should add a member with "$ref": null (Update Group [Add Members])',
    source: 'TUTORIAL',
    before: tutorialGroup([{ value: 'existing-member' }]),
    body: patchBody({ op: 'Add', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }),
    after: tutorialGroup([{ value: 'existing-member' }, { value: 'f648f8d5ea4e4cd38e9c' }]),
  },
  {
    name: 'should not duplicate a member added twice',
    source: 'TUTORIAL (Add Members) retried; RFC 7644 §3.5.2.1',
    before: tutorialGroup([{ value: 'f648f8d5ea4e4cd38e9c' }]),
    body: patchBody({ op: 'Add', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }),
    after: tutorialGroup([{ value: 'f648f8d5ea4e4cd38e9c' }]),
  },
  {
    name: 'should remove only the listed member (Update Group [Remove Members], default behaviour)',
    source: 'TUTORIAL (Remove Members); KNOWN ISSUES: remove a group member, without feature flag',
    before: tutorialGroup([{ value: 'f648f8d5ea4e4cd38e9c' }, { value: 'u1091' }, { value: 'keep-me' }]),
    body: patchBody(
      { op: 'Remove', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] },
      { op: 'Remove', path: 'members', value: [{ value: 'u1091' }] },
    ),
    after: tutorialGroup([{ value: 'keep-me' }]),
  },
  {
    name: 'should remove the member matched by a filter (aadOptscim062020)',
    source: 'KNOWN ISSUES: remove a group member, with feature flag',
    before: tutorialGroup([{ value: '7f4bc1a3-285e-48ae-8202-5accb43efb0e' }, { value: 'keep-me' }]),
    body: patchBody({ op: 'remove', path: 'members[value eq "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]' }),
    after: tutorialGroup([{ value: 'keep-me' }]),
  },
  {
    name: 'should leave the group as it was when the member to remove is already gone',
    source: 'KNOWN ISSUES (with feature flag) retried',
    before: tutorialGroup([{ value: 'keep-me' }]),
    body: patchBody({ op: 'remove', path: 'members[value eq "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]' }),
    after: tutorialGroup([{ value: 'keep-me' }]),
  },
];

describe('applyPatch on real Entra PATCH bodies', () => {
  it.each(userCases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const before = deepFreeze(structuredClone(entry.before));
    const after = applyPatch(before, normalizePatchRequest(entry.body), userResourceSchema);
    expect(after).toEqual(entry.after);
    expect(deepEqualJson(after, entry.after)).toBe(true);
    expect(before).toEqual(entry.before);
  });

  it.each(groupCases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
    const before = deepFreeze(structuredClone(entry.before));
    const after = applyPatch(before, normalizePatchRequest(entry.body), groupResourceSchema);
    expect(after).toEqual(entry.after);
    expect(deepEqualJson(after, entry.after)).toBe(true);
  });
});
