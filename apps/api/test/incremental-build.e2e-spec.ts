import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildWorkspaces, readManifest, type Workspace } from '../../../scripts/lib/incremental-build.mjs';

/**
 * The skip logic behind `npm start` (scripts/build.mjs --changed), on a throwaway workspace of two
 * packages where the second builds on the first: what is unchanged is skipped, any change in content
 * rebuilds the package and those that build on it.
 */
describe('incremental build: content-hash stamps', () => {
  let root: string;
  let runs: string[];
  let failing: Set<string>;

  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const read = (path: string) => readFileSync(join(root, path), 'utf8');

  const workspaces: Workspace[] = [
    { name: 'lib', dir: 'lib', inputs: ['shared.lock', 'lib/src'], exclude: /\.spec\.ts$/, outputs: ['dist/out.txt'], clean: true },
    { name: 'app', dir: 'app', inputs: ['shared.lock', 'app/src'], dependsOn: ['lib'], env: /^VITE_/, outputs: ['dist/out.txt'] },
  ];

  /** A stand-in build: concatenates the package's sources, and the library's output for the app. */
  function run(workspace: Workspace): number {
    runs.push(workspace.name);
    if (failing.has(workspace.name)) return 1;
    const source = workspace.name === 'lib' ? read('lib/src/a.txt') : `${read('app/src/main.txt')}+${read('lib/dist/out.txt')}`;
    write(`${workspace.dir}/dist/out.txt`, source);
    return 0;
  }

  const build = (options: { changedOnly?: boolean; env?: NodeJS.ProcessEnv } = {}) => {
    runs = [];
    return buildWorkspaces(root, workspaces, { changedOnly: options.changedOnly ?? true, run, env: options.env ?? {} });
  };
  const statuses = (results: ReturnType<typeof build>) => Object.fromEntries(results.map((r) => [r.name, r.status]));

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'rumbo-build-'));
    failing = new Set();
    write('shared.lock', 'lock v1');
    write('lib/src/a.txt', 'lib v1');
    write('lib/src/a.spec.ts', 'spec v1');
    write('app/src/main.txt', 'app v1');
    build();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds everything the first time and records a manifest per package', () => {
    expect(read('app/dist/out.txt')).toBe('app v1+lib v1');
    expect(readManifest(root, workspaces[0]!)?.files).toEqual({ 'lib/src/a.txt': expect.any(String), 'shared.lock': expect.any(String) });
  });

  it('skips every package when nothing changed, and when files were only touched', () => {
    expect(statuses(build())).toEqual({ lib: 'skipped', app: 'skipped' });
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'lib/src/a.txt'), later, later);
    expect(statuses(build())).toEqual({ lib: 'skipped', app: 'skipped' });
    expect(runs).toEqual([]);
  });

  it('rebuilds a changed package and the packages that build on it, naming the change', () => {
    write('lib/src/a.txt', 'lib v2');
    const results = build();
    expect(statuses(results)).toEqual({ lib: 'built', app: 'built' });
    expect(results[0]!.reason).toBe('lib/src/a.txt changed');
    expect(read('app/dist/out.txt')).toBe('app v1+lib v2');
    expect(statuses(build())).toEqual({ lib: 'skipped', app: 'skipped' });
  });

  it('rebuilds only the dependent package when only it changed', () => {
    write('app/src/main.txt', 'app v2');
    expect(statuses(build())).toEqual({ lib: 'skipped', app: 'built' });
    expect(read('app/dist/out.txt')).toBe('app v2+lib v1');
  });

  it('treats a shared input (the lockfile) as an input of every package', () => {
    write('shared.lock', 'lock v2');
    expect(statuses(build())).toEqual({ lib: 'built', app: 'built' });
  });

  it('ignores excluded files (specs) but not added or deleted sources', () => {
    write('lib/src/a.spec.ts', 'spec v2');
    expect(statuses(build())).toEqual({ lib: 'skipped', app: 'skipped' });
    write('lib/src/b.txt', 'new');
    expect(build()[0]!.reason).toBe('lib/src/b.txt changed');
    rmSync(join(root, 'lib/src/b.txt'));
    expect(build()[0]!.reason).toBe('lib/src/b.txt (deleted) changed');
  });

  it('rebuilds a package whose output is missing', () => {
    rmSync(join(root, 'app/dist/out.txt'));
    const results = build();
    expect(statuses(results)).toEqual({ lib: 'skipped', app: 'built' });
    expect(results[1]!.reason).toBe('dist/out.txt is missing');
  });

  it('rebuilds a package whose output was rewritten by another build than this one', () => {
    // e.g. `npm run build -w lib` on edited sources, then the edit undone: dist is not what the
    // recorded sources build.
    write('lib/dist/out.txt', 'lib built from sources since reverted');
    const results = build();
    // The app was built on the library's recorded output, which is what the library builds again.
    expect(statuses(results)).toEqual({ lib: 'built', app: 'skipped' });
    expect(results[0]!.reason).toBe('its output was rewritten outside this build');
    expect(read('lib/dist/out.txt')).toBe('lib v1');
  });

  it('rebuilds when an environment variable the package reads changes', () => {
    expect(statuses(build({ env: { VITE_FLAG: 'on', UNRELATED: 'x' } }))).toEqual({ lib: 'skipped', app: 'built' });
    expect(statuses(build({ env: { VITE_FLAG: 'on', UNRELATED: 'y' } }))).toEqual({ lib: 'skipped', app: 'skipped' });
  });

  it('never trusts a failed build: it stops there and the next run builds again', () => {
    write('lib/src/a.txt', 'lib v2');
    failing.add('lib');
    expect(statuses(build())).toEqual({ lib: 'failed' });
    expect(readManifest(root, workspaces[0]!)).toBeUndefined();
    failing.clear();
    expect(statuses(build())).toEqual({ lib: 'built', app: 'built' });
  });

  it('rebuilds everything without --changed, cleaning the output first where asked', () => {
    write('lib/dist/stale.js', 'from a deleted source');
    expect(statuses(build({ changedOnly: false }))).toEqual({ lib: 'built', app: 'built' });
    expect(existsSync(join(root, 'lib/dist/stale.js'))).toBe(false);
    expect(read('lib/dist/out.txt')).toBe('lib v1');
  });
});
