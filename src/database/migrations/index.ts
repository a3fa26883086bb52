import { InitialSchema1764880000000 } from './1764880000000-initial-schema';

/** Listed explicitly (not globbed) so the same array works from ts-node, Jest and the build. */
export const migrations = [InitialSchema1764880000000];
