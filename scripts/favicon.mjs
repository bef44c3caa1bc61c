#!/usr/bin/env node
// Writes the SPA's copies of Rumbo's icon (apps/admin/public/favicon.svg and favicon.ico) from the
// API's favicon module, which draws the mark; a test in apps/api fails when the copies drift.
// Run after changing apps/api/src/platform/http/favicon.ts: `node scripts/favicon.mjs`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--changed', '--only', '@rumbo/api'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
const { faviconIco, faviconSvg } = createRequire(import.meta.url)(join(root, 'apps/api/dist/platform/http/favicon.js'));
const publicDir = join(root, 'apps/admin/public');
mkdirSync(publicDir, { recursive: true });
writeFileSync(join(publicDir, 'favicon.svg'), faviconSvg());
writeFileSync(join(publicDir, 'favicon.ico'), faviconIco());
console.log('wrote apps/admin/public/favicon.svg and apps/admin/public/favicon.ico');
