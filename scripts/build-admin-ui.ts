import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { adminUiBuildPath } from '../src/admin/admin-ui-location';

const SOURCE = join(__dirname, '..', 'admin-ui', 'src');

/**
 * Bundles the admin page (admin-ui/src) into one ES module and one stylesheet beside its
 * index.html, for the server to serve at /admin. Type checking is `tsc -p admin-ui`, run
 * first by `npm run build:admin-ui`; esbuild only strips types.
 */
export async function buildAdminUi(outdir: string = adminUiBuildPath()): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(SOURCE, 'main.ts'), join(SOURCE, 'admin.css')],
    outdir,
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    tsconfig: join(__dirname, '..', 'admin-ui', 'tsconfig.json'),
    logLevel: 'warning',
  });
  cpSync(join(SOURCE, 'index.html'), join(outdir, 'index.html'));
}

if (require.main === module) {
  buildAdminUi().then(
    () => process.stdout.write(`Admin panel built into ${adminUiBuildPath()}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
