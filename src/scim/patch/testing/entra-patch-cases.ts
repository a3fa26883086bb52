/**
 * Microsoft Entra ID's real PATCH bodies on users, shared by the engine's unit spec
 * (apply-patch.entra.spec.ts) and the end-to-end replay (test/scim/patch-entra.e2e-spec.ts).
 * Test-only: tsconfig.build.json leaves every `testing` folder under src out of the build.
 */
import { JsonObject, ScimResource } from '../../scim-resource';
import {
  ENTERPRISE_USER_SCHEMA,
  enterpriseUser,
  patchBody,
  tutorialUser,
  USER_SCHEMA,
} from '../patch-test-fixtures';

/**
 * Real PATCH bodies Microsoft Entra ID sends, each with the resource before and after. Sources:
 * - TUTORIAL: learn.microsoft.com "Tutorial: Develop and plan provisioning for a SCIM endpoint in
 *   Microsoft Entra ID" (use-scim-to-provision-users-and-groups), request/response samples.
 * - KNOWN ISSUES: "Known issues and resolutions with SCIM 2.0 protocol compliance of the Microsoft
 *   Entra user provisioning service", the "Without feature flag" (default) and "With feature flag"
 *   (`?aadOptscim062020`) samples.
 * - ROLES: "Customize Microsoft Entra attribute mappings", "Provisioning a role to a SCIM app".
 * - MAPPINGS: the tutorial's default attribute table (`phoneNumbers[type eq "fax"].value`,
 *   `emails[type eq "other"].Value`, `addresses[type eq "other"].Formatted`) and the Bloomflow
 *   setup guide (`addresses[type eq "work"].locality`, `…:enterprise:2.0:User:department`).
 * - VALIDATOR: the SCIM Validator's null-update and manager forms.
 *
 * Note: the tutorial's sample response also recomputes `name.formatted`; the engine applies only
 * what was sent, so `formatted` stays as it was.
 */
export interface EntraCase {
  readonly name: string;
  readonly source: string;
  readonly before: ScimResource;
  readonly body: JsonObject;
  readonly after: ScimResource;
}

export const WORK_EMAIL = 'Test_User_11bb11bb-cc22-dd33-ee44-55ff55ff55ff@testuser.com';
export const MANAGER_ID = '00aa00aa-bb11-cc22-dd33-44ee44ee44ee';

export const userCases: readonly EntraCase[] = [
  {
    name: 'should replace the work email and family name (Update User [Multi-valued properties])',
    source: 'TUTORIAL',
    before: tutorialUser(),
    body: patchBody(
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
    ),
    after: tutorialUser({
      name: { formatted: 'givenName familyName', familyName: 'updatedFamilyName', givenName: 'givenName' },
      emails: [{ value: 'updatedEmail@microsoft.com', type: 'work', primary: true }],
    }),
  },
  {
    name: 'should replace userName (Update User [Single-valued properties])',
    source: 'TUTORIAL',
    before: tutorialUser(),
    body: patchBody({
      op: 'Replace',
      path: 'userName',
      value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com',
    }),
    after: tutorialUser({ userName: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }),
  },
  {
    name: 'should disable a user with a JSON boolean (Disable User)',
    source: 'TUTORIAL',
    before: tutorialUser(),
    body: {
      Operations: [{ op: 'Replace', path: 'active', value: false }],
      schemas: [patchBody().schemas].flat(),
    },
    after: tutorialUser({ active: false }),
  },
  {
    name: 'should disable a user with the string "False" (default behaviour)',
    source: 'KNOWN ISSUES: Requests made to disable users, without feature flag',
    before: tutorialUser(),
    body: patchBody({ op: 'Replace', path: 'active', value: 'False' }),
    after: tutorialUser({ active: false }),
  },
  {
    name: 'should disable a user with lower-case op and boolean (aadOptscim062020)',
    source: 'KNOWN ISSUES: Requests made to disable users, with feature flag',
    before: tutorialUser(),
    body: patchBody({ op: 'replace', path: 'active', value: false }),
    after: tutorialUser({ active: false }),
  },
  {
    name: 'should re-enable a user with the string "True"',
    source: 'KNOWN ISSUES (default behaviour, reverse of disable)',
    before: tutorialUser({ active: false }),
    body: patchBody({ op: 'Replace', path: 'active', value: 'True' }),
    after: tutorialUser({ active: true }),
  },
  {
    name: 'should add a single-value string attribute with "Add" (default behaviour)',
    source: 'KNOWN ISSUES: Requests to add a single-value string attribute, without feature flag',
    before: tutorialUser(),
    body: patchBody({ op: 'Add', path: 'nickName', value: 'Babs' }),
    after: tutorialUser({ nickName: 'Babs' }),
  },
  {
    name: 'should add a single-value string attribute with "add" (aadOptscim062020)',
    source: 'KNOWN ISSUES: Requests to add a single-value string attribute, with feature flag',
    before: tutorialUser({ nickName: 'Barb' }),
    body: patchBody({ op: 'add', path: 'nickName', value: 'Babs' }),
    after: tutorialUser({ nickName: 'Babs' }),
  },
  {
    name: 'should replace multiple attributes one operation each (default behaviour)',
    source: 'KNOWN ISSUES: Requests to replace multiple attributes, without feature flag',
    before: tutorialUser(),
    body: patchBody(
      { op: 'Replace', path: 'displayName', value: 'Pvlo' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com' },
      { op: 'Replace', path: 'name.givenName', value: 'Gtfd' },
      { op: 'Replace', path: 'name.familyName', value: 'Pkqf' },
      { op: 'Replace', path: 'externalId', value: 'Eqpj' },
      {
        op: 'Replace',
        path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
        value: 'Eqpj',
      },
    ),
    after: tutorialUser({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      displayName: 'Pvlo',
      externalId: 'Eqpj',
      name: { formatted: 'givenName familyName', familyName: 'Pkqf', givenName: 'Gtfd' },
      emails: [{ value: 'TestBcwqnm@test.microsoft.com', type: 'work', primary: true }],
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: 'Eqpj' },
    }),
  },
  {
    name: 'should replace multiple attributes from a path-less value with dotted and URN keys (aadOptscim062020)',
    source: 'KNOWN ISSUES: Requests to replace multiple attributes, with feature flag',
    before: tutorialUser(),
    body: patchBody(
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'TestMhvaes@test.microsoft.com' },
      {
        op: 'replace',
        value: {
          displayName: 'Bjfe',
          'name.givenName': 'Kkom',
          'name.familyName': 'Unua',
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber': 'Aklq',
        },
      },
    ),
    after: tutorialUser({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      displayName: 'Bjfe',
      name: { formatted: 'givenName familyName', familyName: 'Unua', givenName: 'Kkom' },
      emails: [{ value: 'TestMhvaes@test.microsoft.com', type: 'work', primary: true }],
      [ENTERPRISE_USER_SCHEMA]: { employeeNumber: 'Aklq' },
    }),
  },
  {
    name: 'should accept "Add" on an existing work email as a replace of its value',
    source: 'Microsoft Q&A "Entra ID patch sending Add instead of Replace" (2024)',
    before: tutorialUser({ title: 'scim tester' }),
    body: patchBody(
      { op: 'Replace', path: 'title', value: 'tester' },
      { op: 'Add', path: 'emails[type eq "work"].value', value: 'joe.new@joe.com' },
    ),
    after: tutorialUser({
      title: 'tester',
      emails: [{ value: 'joe.new@joe.com', type: 'work', primary: true }],
    }),
  },
  {
    name: 'should create the work email when "Add emails[type eq "work"].value" finds none',
    source: 'TUTORIAL (emails[type eq "work"].value mapping) on a user created without email',
    before: tutorialUser({ emails: undefined }),
    body: patchBody({ op: 'Add', path: 'emails[type eq "work"].value', value: 'first@contoso.com' }),
    after: tutorialUser({ emails: [{ type: 'work', value: 'first@contoso.com' }] }),
  },
  {
    name: 'should create the fax number when "Replace phoneNumbers[type eq "fax"].value" finds none',
    source: 'MAPPINGS: Facsimile-TelephoneNumber -> phoneNumbers[type eq "fax"].value',
    before: tutorialUser({ phoneNumbers: [{ type: 'work', value: '+1 555 0100' }] }),
    body: patchBody({ op: 'Replace', path: 'phoneNumbers[type eq "fax"].value', value: '+1 555 0199' }),
    after: tutorialUser({
      phoneNumbers: [
        { type: 'work', value: '+1 555 0100' },
        { type: 'fax', value: '+1 555 0199' },
      ],
    }),
  },
  {
    name: 'should match sub-attribute names in any case and write the schema spelling',
    source:
      'MAPPINGS: proxy-Addresses -> emails[type eq "other"].Value, addresses[type eq "other"].Formatted',
    before: tutorialUser(),
    body: patchBody(
      { op: 'Add', path: 'emails[type eq "other"].Value', value: 'smtp:alias@contoso.com' },
      { op: 'Add', path: 'addresses[type eq "other"].Formatted', value: 'Building 4' },
    ),
    after: tutorialUser({
      emails: [
        { value: WORK_EMAIL, type: 'work', primary: true },
        { type: 'other', value: 'smtp:alias@contoso.com' },
      ],
      addresses: [{ type: 'other', formatted: 'Building 4' }],
    }),
  },
  {
    name: 'should set the Bloomflow location and business unit',
    source: 'MAPPINGS (Bloomflow setup guide): addresses[type eq "work"].locality, enterprise department',
    before: tutorialUser({ addresses: [{ type: 'work', locality: 'Paris', country: 'FR' }] }),
    body: patchBody(
      { op: 'Replace', path: 'addresses[type eq "work"].locality', value: 'Lyon' },
      {
        op: 'Add',
        path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
        value: 'R&D',
      },
    ),
    after: tutorialUser({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      addresses: [{ type: 'work', locality: 'Lyon', country: 'FR' }],
      [ENTERPRISE_USER_SCHEMA]: { department: 'R&D' },
    }),
  },
  {
    name: 'should set the manager from the [{"$ref", "value"}] form with the unqualified path "manager"',
    source: 'TUTORIAL: Example 5. Request from Microsoft Entra ID to an SCIM endpoint to update a user',
    before: tutorialUser(),
    body: patchBody({
      op: 'Add',
      path: 'manager',
      value: [{ $ref: `http://example.com/scim/Users/${MANAGER_ID}`, value: MANAGER_ID }],
    }),
    after: enterpriseUser({
      manager: { $ref: `http://example.com/scim/Users/${MANAGER_ID}`, value: MANAGER_ID },
    }),
  },
  {
    name: 'should set the manager from a bare id',
    source: 'VALIDATOR: manager sent as a string',
    before: tutorialUser(),
    body: patchBody({
      op: 'replace',
      path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
      value: MANAGER_ID,
    }),
    after: enterpriseUser({ manager: { value: MANAGER_ID } }),
  },
  {
    name: 'should replace the manager from {"value": id} and drop the old $ref and displayName',
    source: 'VALIDATOR: manager sent as {"value": id}',
    before: enterpriseUser({
      department: 'Sales',
      manager: { value: 'old', $ref: '../Users/old', displayName: 'Old Boss' },
    }),
    body: patchBody({
      op: 'Replace',
      path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
      value: { value: MANAGER_ID },
    }),
    after: enterpriseUser({ department: 'Sales', manager: { value: MANAGER_ID } }),
  },
  {
    name: 'should remove the manager with {"value": ""} and drop the emptied extension',
    source: 'VALIDATOR: null-update of manager',
    before: enterpriseUser({ manager: { value: MANAGER_ID } }),
    body: patchBody({
      op: 'Replace',
      path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
      value: { value: '' },
    }),
    after: tutorialUser(),
  },
  {
    name: 'should remove the manager with ""',
    source: 'VALIDATOR: null-update of manager',
    before: enterpriseUser({ department: 'Sales', manager: { value: MANAGER_ID } }),
    body: patchBody({
      op: 'Replace',
      path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
      value: '',
    }),
    after: enterpriseUser({ department: 'Sales' }),
  },
  {
    name: 'should remove the manager with "Remove" even when a value is sent',
    source: 'Entra manager removal (default behaviour sends the old value along)',
    before: enterpriseUser({ department: 'Sales', manager: { value: MANAGER_ID } }),
    body: patchBody({
      op: 'Remove',
      path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
      value: [{ $ref: null, value: MANAGER_ID }],
    }),
    after: enterpriseUser({ department: 'Sales' }),
  },
  {
    name: 'should clear an optional attribute replaced with "" (null-update)',
    source: 'VALIDATOR: null-update',
    before: tutorialUser({ title: 'Engineer' }),
    body: patchBody({ op: 'Replace', path: 'title', value: '' }),
    after: tutorialUser(),
  },
  {
    name: 'should add roles sent as JSON strings (SingleAppRoleAssignment)',
    source: 'ROLES: SingleAppRoleAssignment, Example output (PATCH)',
    before: tutorialUser(),
    body: patchBody({
      op: 'Add',
      path: 'roles',
      value: [
        { value: '{"id":"06b07648-ecfe-589f-9d2f-6325724a46ee","value":"25","displayName":"Role1234"}' },
      ],
    }),
    after: tutorialUser({ roles: [{ value: '25', display: 'Role1234' }] }),
  },
  {
    name: 'should add several roles sent as JSON strings without duplicating existing ones (AppRoleAssignmentsComplex)',
    source: 'ROLES: AppRoleAssignmentsComplex, Example output (PATCH)',
    before: tutorialUser({
      roles: [{ value: 'Admin', display: 'Admin', primary: false, type: 'WindowsAzureActiveDirectoryRole' }],
    }),
    body: patchBody({
      op: 'Add',
      path: 'roles',
      value: [
        { value: '{"id":"06b07648-ecfe-589f-9d2f-6325724a46ee","value":"Admin","displayName":"Admin"}' },
        { value: '{"id":"06b07648-ecfe-599f-9d2f-6325724a46ee","value":"User","displayName":"User"}' },
      ],
    }),
    after: tutorialUser({
      roles: [
        { value: 'Admin', display: 'Admin', primary: false, type: 'WindowsAzureActiveDirectoryRole' },
        { value: 'User', display: 'User' },
      ],
    }),
  },
  {
    name: 'should replace all roles (AssertiveAppRoleAssignmentsComplex)',
    source: 'ROLES: AssertiveAppRoleAssignmentsComplex, Example output (PATCH)',
    before: tutorialUser({ roles: [{ value: 'Old', display: 'Old' }] }),
    body: patchBody({
      op: 'replace',
      path: 'roles',
      value: [
        { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'User', value: 'User' },
        { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Test', value: 'Test' },
      ],
    }),
    after: tutorialUser({
      roles: [
        { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'User', value: 'User' },
        { primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Test', value: 'Test' },
      ],
    }),
  },
  {
    name: 'should set the primary role through roles[primary eq "True"].value, with a string boolean in the filter',
    source: 'ROLES: SingleAppRoleAssignment target roles[primary eq "True"].value',
    before: tutorialUser({ roles: [{ value: 'Reader', primary: true }] }),
    body: patchBody({ op: 'Replace', path: 'roles[primary eq "True"].value', value: 'Admin' }),
    after: tutorialUser({ roles: [{ value: 'Admin', primary: true }] }),
  },
  {
    name: 'should make a new primary email and clear primary on the old one',
    source: 'RFC 7644 §3.5.2 primary rule with Entra "primary": "True"',
    before: tutorialUser(),
    body: patchBody({
      op: 'Add',
      path: 'emails',
      value: [{ type: 'home', value: 'b@home.example', primary: 'True' }],
    }),
    after: tutorialUser({
      emails: [
        { value: WORK_EMAIL, type: 'work', primary: false },
        { type: 'home', value: 'b@home.example', primary: true },
      ],
    }),
  },
  {
    name: 'should add an enterprise attribute from a nested extension object without a path',
    source: 'Path-less add with the extension URN as key (RFC 7644 §3.5.2.1)',
    before: tutorialUser(),
    body: patchBody({
      op: 'Add',
      value: { 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Finance' } },
    }),
    after: enterpriseUser({ department: 'Finance' }),
  },
  {
    name: 'should accept the core schema URN prefix on a path',
    source: 'RFC 7644 §3.10 fully qualified core attribute',
    before: tutorialUser(),
    body: patchBody({
      op: 'Replace',
      path: 'urn:ietf:params:scim:schemas:core:2.0:User:title',
      value: 'Lead',
    }),
    after: tutorialUser({ title: 'Lead' }),
  },
];
