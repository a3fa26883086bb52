import { attribute, complex } from './attribute-definition';

/** RFC 7643 §3.1: attributes every resource carries, outside any schema's attribute list. */
export const commonAttributes = [
  attribute('id', 'string', {
    description: 'Unique identifier assigned by the service provider.',
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attribute('externalId', 'string', {
    description: "The identifier assigned by the provisioning client (Entra's objectId).",
    caseExact: true,
  }),
  complex(
    'meta',
    [
      attribute('resourceType', 'string', { caseExact: true, mutability: 'readOnly' }),
      attribute('created', 'dateTime', { mutability: 'readOnly' }),
      attribute('lastModified', 'dateTime', { mutability: 'readOnly' }),
      attribute('location', 'reference', { mutability: 'readOnly', referenceTypes: ['uri'] }),
      attribute('version', 'string', { caseExact: true, mutability: 'readOnly' }),
    ],
    { description: 'Resource metadata.', mutability: 'readOnly' },
  ),
] as const;
