// Publishes the ESM build as dist/*.mjs beside the CommonJS one, so bundlers (the SPA) and Node
// `import` get ESM while Jest and `require` get CommonJS.
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = new URL('../dist/', import.meta.url).pathname;
for (const file of readdirSync(join(dist, 'esm'), { recursive: true })) {
  if (!String(file).endsWith('.js')) continue;
  const from = join(dist, 'esm', String(file));
  const code = readFileSync(from, 'utf8').replace(/(from\s+['"]\.{1,2}\/[^'"]+?)(\.js)?(['"])/g, '$1.mjs$3');
  writeFileSync(from, code);
  renameSync(from, join(dist, String(file).replace(/\.js$/, '.mjs')));
}
rmSync(join(dist, 'esm'), { recursive: true, force: true });
