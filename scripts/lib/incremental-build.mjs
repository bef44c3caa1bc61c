// Content-hash build stamps: a workspace whose inputs (sources, configs, lockfile, the keys of the
// workspaces it builds on) hash to the key recorded in its `dist/.build-manifest.json` is skipped.
// Contents, not modification times, decide: a fresh clone, a `git checkout` or a `touch` that
// leaves the bytes alone costs nothing, and any edit is caught. Kept free of `import.meta` and of
// this repository's layout so the API's test suite can drive it against a temporary workspace.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Bumped when the manifest's meaning changes, so older stamps are never trusted. */
export const MANIFEST_VERSION = 2;
export const MANIFEST_FILE = '.build-manifest.json';

/** Folders never read as inputs: installed packages, outputs, caches. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', 'coverage', 'test-results']);

/**
 * @typedef {object} Workspace
 * @property {string} name        npm workspace name, e.g. `@rumbo/api`
 * @property {string} dir         folder, relative to the root
 * @property {string[]} inputs    files or folders (relative to the root) whose contents the build reads
 * @property {RegExp} [exclude]   input files to leave out (specs: the build does not compile them)
 * @property {string[]} outputs   files (relative to the workspace's dir) a finished build has written
 * @property {string[]} [dependsOn] workspaces whose build output this one reads
 * @property {RegExp} [env]       environment variables that change the output (e.g. VITE_*)
 * @property {Record<string, string>} [buildEnv] variables the build always runs with (not inputs)
 * @property {boolean} [clean]    remove `dist` before building (tsc never deletes stale files)
 */

function listFiles(root, input, exclude) {
  const abs = join(root, input);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [input];
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile()) {
        const rel = relative(root, path).split(sep).join('/');
        if (!exclude?.test(rel)) files.push(rel);
      }
    }
  };
  walk(abs);
  return files;
}

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

/**
 * Hashes every input of a workspace. Returns the per-file hashes (to name what changed) and one key
 * over them, the upstream keys and the environment that affects the output.
 */
export function hashInputs(root, workspace, upstreamKeys = {}, env = process.env) {
  const files = {};
  const paths = [...new Set(workspace.inputs.flatMap((input) => listFiles(root, input, workspace.exclude)))].sort();
  for (const path of paths) files[path] = sha256(readFileSync(join(root, path)));
  const envEntries = workspace.env
    ? Object.keys(env)
        .filter((k) => workspace.env.test(k))
        .sort()
        .map((k) => [k, env[k]])
    : [];
  const key = sha256(
    JSON.stringify({
      version: MANIFEST_VERSION,
      name: workspace.name,
      files,
      upstream: (workspace.dependsOn ?? []).map((name) => [name, upstreamKeys[name] ?? null]),
      env: envEntries,
    }),
  );
  return { key, files };
}

/**
 * Sizes and modification times of everything under the workspace's dist. A build run some other
 * way (`npm run build -w …`, a watcher, a hand edit) rewrites files, so the outputs no longer match
 * the manifest and the next run rebuilds instead of trusting a dist built from other sources.
 */
export function fingerprintOutputs(root, workspace) {
  const dist = join(root, workspace.dir, 'dist');
  const entries = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path !== manifestPath(root, workspace)) {
        const { size, mtimeMs } = statSync(path);
        entries.push(`${relative(dist, path)}\0${size}\0${mtimeMs}`);
      }
    }
  };
  if (existsSync(dist)) walk(dist);
  return sha256(entries.sort().join('\n'));
}

export function manifestPath(root, workspace) {
  return join(root, workspace.dir, 'dist', MANIFEST_FILE);
}

export function readManifest(root, workspace) {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath(root, workspace), 'utf8'));
    return manifest?.version === MANIFEST_VERSION ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** What differs between the recorded inputs and the current ones, for the log line. */
export function describeChange(manifest, current) {
  if (!manifest) return 'no previous build';
  const changed = [];
  for (const [path, hash] of Object.entries(current.files)) {
    if (manifest.files?.[path] !== hash) changed.push(path);
  }
  for (const path of Object.keys(manifest.files ?? {})) if (!(path in current.files)) changed.push(`${path} (deleted)`);
  if (changed.length === 0) return 'a workspace it builds on, or its build environment, changed';
  return changed.length === 1 ? `${changed[0]} changed` : `${changed[0]} and ${changed.length - 1} more changed`;
}

/**
 * Decides whether a workspace is up to date: its manifest records the current key, every output it
 * promises exists (a half-deleted dist is rebuilt) and dist is as the recorded build left it.
 */
export function isUpToDate(root, workspace, current) {
  const manifest = readManifest(root, workspace);
  if (!manifest || manifest.key !== current.key) return { upToDate: false, manifest };
  const missing = workspace.outputs.find((out) => !existsSync(join(root, workspace.dir, out)));
  if (missing) return { upToDate: false, manifest, missing };
  const rewritten = manifest.outputs !== fingerprintOutputs(root, workspace);
  return { upToDate: !rewritten, manifest, rewritten };
}

/**
 * Builds the workspaces in order. `changedOnly` skips those already up to date; otherwise each is
 * rebuilt. `run(workspace)` performs the build and returns its exit status. The manifest is removed
 * before a build and written only after it succeeded, so an interrupted or failed build is redone.
 * Returns one entry per workspace: `{ name, status: 'skipped' | 'built' | 'failed', reason, ms }`.
 */
export function buildWorkspaces(root, workspaces, { changedOnly, run, log = () => {}, env = process.env }) {
  const keys = {};
  const results = [];
  for (const workspace of workspaces) {
    const started = performance.now();
    const current = hashInputs(root, workspace, keys, env);
    keys[workspace.name] = current.key;
    const check = isUpToDate(root, workspace, current);
    if (changedOnly && check.upToDate) {
      results.push({ name: workspace.name, status: 'skipped', reason: 'up to date', ms: performance.now() - started });
      log(`${workspace.name}: up to date, skipped`);
      continue;
    }
    const reason = !changedOnly
      ? 'full build'
      : check.missing
        ? `${check.missing} is missing`
        : check.rewritten
          ? 'its output was rewritten outside this build'
          : describeChange(check.manifest, current);
    log(`${workspace.name}: building (${reason})`);
    rmSync(manifestPath(root, workspace), { force: true });
    if (workspace.clean) rmSync(join(root, workspace.dir, 'dist'), { recursive: true, force: true });
    const status = run(workspace);
    if (status !== 0) {
      results.push({ name: workspace.name, status: 'failed', reason, ms: performance.now() - started });
      return results;
    }
    const missing = workspace.outputs.find((out) => !existsSync(join(root, workspace.dir, out)));
    if (missing) {
      log(`${workspace.name}: the build finished without writing ${missing}`);
      results.push({ name: workspace.name, status: 'failed', reason: `${missing} not written`, ms: performance.now() - started });
      return results;
    }
    writeFileSync(
      manifestPath(root, workspace),
      `${JSON.stringify({ version: MANIFEST_VERSION, name: workspace.name, key: current.key, outputs: fingerprintOutputs(root, workspace), files: current.files }, null, 1)}\n`,
    );
    results.push({ name: workspace.name, status: 'built', reason, ms: performance.now() - started });
  }
  return results;
}
