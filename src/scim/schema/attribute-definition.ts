/** RFC 7643 §7: the characteristics of one attribute, as served by /Schemas. */
export type AttributeType =
  'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex' | 'binary';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributeDefinition[];
}

export interface SchemaDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeDefinition[];
}

type AttributeOptions = Partial<Omit<AttributeDefinition, 'name' | 'type'>>;

/** Builds a definition with RFC 7643 §2.2's defaults, so schemas list only what differs. */
export function attribute(
  name: string,
  type: AttributeType,
  options: AttributeOptions = {},
): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description: '',
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

export function complex(
  name: string,
  subAttributes: readonly AttributeDefinition[],
  options: AttributeOptions = {},
): AttributeDefinition {
  return attribute(name, 'complex', { ...options, subAttributes });
}

/** RFC 7643 §2.4: the usual `type`/`primary`/`display`/`value` shape of a multi-valued attribute. */
export function multiValued(
  name: string,
  description: string,
  valueType: AttributeType,
  canonicalTypes: readonly string[],
  extra: readonly AttributeDefinition[] = [],
  options: AttributeOptions = {},
): AttributeDefinition {
  return complex(
    name,
    [
      attribute('value', valueType, { description: `The ${name} value.` }),
      attribute('display', 'string', { description: 'A human-readable name, for display only.' }),
      attribute('type', 'string', {
        description: `A label indicating the attribute's function.`,
        canonicalValues: canonicalTypes,
      }),
      attribute('primary', 'boolean', {
        description: 'Whether this is the preferred value; at most one value may be primary.',
      }),
      ...extra,
    ],
    { description, multiValued: true, ...options },
  );
}
