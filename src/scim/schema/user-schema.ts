import { attribute, complex, multiValued, SchemaDefinition } from './attribute-definition';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from './schema-urns';

/** RFC 7643 §4.1 and §8.7.1, limited to what this server stores and returns. */
export const userSchema: SchemaDefinition = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User Account',
  attributes: [
    attribute('userName', 'string', {
      description: 'Unique identifier for the User, typically the user principal name. Required.',
      required: true,
      uniqueness: 'server',
    }),
    complex(
      'name',
      [
        attribute('formatted', 'string', { description: 'The full name, formatted for display.' }),
        attribute('familyName', 'string', { description: 'The family name (Bloomflow lastName).' }),
        attribute('givenName', 'string', { description: 'The given name (Bloomflow firstName).' }),
        attribute('middleName', 'string', { description: 'The middle name(s).' }),
        attribute('honorificPrefix', 'string', { description: 'The honorific prefix, e.g. "Ms.".' }),
        attribute('honorificSuffix', 'string', { description: 'The honorific suffix, e.g. "III".' }),
      ],
      { description: "The components of the user's name." },
    ),
    attribute('displayName', 'string', { description: 'The name of the User, for display.' }),
    attribute('nickName', 'string', { description: 'The casual way to address the user.' }),
    attribute('profileUrl', 'reference', {
      description: "A URI to the user's online profile.",
      referenceTypes: ['external'],
    }),
    attribute('title', 'string', { description: "The user's title (Bloomflow job)." }),
    attribute('userType', 'string', { description: 'The relationship to the organisation.' }),
    attribute('preferredLanguage', 'string', { description: 'Preferred written or spoken language.' }),
    attribute('locale', 'string', { description: 'Default location for localisation.' }),
    attribute('timezone', 'string', { description: 'Time zone, in IANA format.' }),
    attribute('active', 'boolean', {
      description: 'Administrative status; false suspends the user in Bloomflow.',
    }),
    attribute('password', 'string', {
      description: 'Accepted for compatibility, never stored nor returned.',
      mutability: 'writeOnly',
      returned: 'never',
      caseExact: true,
    }),
    multiValued('emails', 'Email addresses; the work email is the Bloomflow email.', 'string', [
      'work',
      'home',
      'other',
    ]),
    multiValued('phoneNumbers', 'Phone numbers; the work number is the Bloomflow phone.', 'string', [
      'work',
      'home',
      'mobile',
      'fax',
      'pager',
      'other',
    ]),
    multiValued('ims', 'Instant messaging addresses.', 'string', [
      'aim',
      'gtalk',
      'icq',
      'xmpp',
      'msn',
      'skype',
      'qq',
      'yahoo',
    ]),
    multiValued('photos', 'URLs of photos of the user.', 'reference', ['photo', 'thumbnail']),
    complex(
      'addresses',
      [
        attribute('formatted', 'string', { description: 'The full mailing address.' }),
        attribute('streetAddress', 'string', { description: 'The street address.' }),
        attribute('locality', 'string', { description: 'The city (Bloomflow location, work address).' }),
        attribute('region', 'string', { description: 'The state or region.' }),
        attribute('postalCode', 'string', { description: 'The zip or postal code.' }),
        attribute('country', 'string', { description: 'The country, ISO 3166-1 alpha-2.' }),
        attribute('type', 'string', {
          description: 'A label for the address.',
          canonicalValues: ['work', 'home', 'other'],
        }),
        attribute('primary', 'boolean', { description: 'Whether this is the preferred address.' }),
      ],
      { description: 'Physical mailing addresses.', multiValued: true },
    ),
    multiValued(
      'groups',
      'Groups the user belongs to; managed through the Group resource.',
      'string',
      ['direct', 'indirect'],
      [attribute('$ref', 'reference', { referenceTypes: ['User', 'Group'], mutability: 'readOnly' })],
      { mutability: 'readOnly' },
    ),
    multiValued('entitlements', 'Entitlements of the user.', 'string', []),
    multiValued('roles', 'Roles of the user.', 'string', []),
    multiValued('x509Certificates', 'X.509 certificates of the user.', 'binary', []),
  ],
};

/** RFC 7643 §4.3: the enterprise extension; `department` is the Bloomflow business unit. */
export const enterpriseUserSchema: SchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attribute('employeeNumber', 'string', { description: 'Organisation-assigned identifier.' }),
    attribute('costCenter', 'string', { description: 'Name of a cost center.' }),
    attribute('organization', 'string', { description: 'Name of an organisation.' }),
    attribute('division', 'string', { description: 'Name of a division.' }),
    attribute('department', 'string', { description: 'Name of a department (Bloomflow business unit).' }),
    complex(
      'manager',
      [
        attribute('value', 'string', { description: 'The id of the manager.', caseExact: true }),
        attribute('$ref', 'reference', { description: 'The URI of the manager.', referenceTypes: ['User'] }),
        attribute('displayName', 'string', {
          description: "The manager's display name.",
          mutability: 'readOnly',
        }),
      ],
      { description: "The user's manager." },
    ),
  ],
};
