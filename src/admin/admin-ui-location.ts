import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where `npm run build:admin-ui` writes the admin page's bundle, relative to the package root. */
export const ADMIN_UI_BUILD_DIRECTORY = join('admin-ui', 'dist');

/**
 * The bundle's absolute path, found from the package root so that `npm start` (ts sources
 * compiled to dist/src), `npm run start:prod` (dist/src) and the tests (src, through Jest)
 * all serve the same files.
 */
export function adminUiBuildPath(from: string = __dirname): string {
  let directory = from;
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`No package.json above ${from}`);
    directory = parent;
  }
  return join(directory, ADMIN_UI_BUILD_DIRECTORY);
}
