import { InitialSchema1764880000000 } from './1764880000000-initial-schema';
import { ScimFoldFunction1764880100000 } from './1764880100000-scim-fold-function';
import { AppSettings1764880200000 } from './1764880200000-app-settings';
import { ProvisioningEvents1764880300000 } from './1764880300000-provisioning-events';
import { ApiKeyExpiry1764880400000 } from './1764880400000-api-key-expiry';

/** Listed explicitly (not globbed) so the same array works from ts-node, Jest and the build. */
export const migrations = [
  InitialSchema1764880000000,
  ScimFoldFunction1764880100000,
  AppSettings1764880200000,
  ProvisioningEvents1764880300000,
  ApiKeyExpiry1764880400000,
];
