import fc from 'fast-check';

/**
 * Property tests run on a fixed seed in CI, so a run can be replayed, and on a fresh seed
 * elsewhere, so local runs keep exploring. fast-check prints the seed of any failure; set
 * FC_SEED to it to replay that run.
 */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 7644 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
