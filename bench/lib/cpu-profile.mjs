// Reading a V8 .cpuprofile (node --cpu-prof) into the figures bench/README.md quotes: where the
// API's busy time goes, by package and by function, self and inclusive.
import { readFile } from 'node:fs/promises';

const IDLE = new Set(['(idle)']);

/** The package a frame belongs to: an npm package, `rumbo` (apps/api/dist), `node` or a V8 pseudo-frame. */
export function packageOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : 'node';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.includes('/apps/api/dist/')) return 'rumbo';
  if (url.includes('/libs/')) return 'rumbo-libs';
  if (url.startsWith('node:')) return 'node';
  return url;
}

/**
 * Busy time (everything but idle), self time by function and by package, and inclusive time by
 * package and by function (a sample counts once for every package, or function, on its stack), in ms. `window` ({ fromUs, toUs }
 * on the monotonic clock, which V8's sample timestamps and process.hrtime share on Linux) keeps only
 * the samples taken under load, not the start-up.
 */
export async function summariseProfile(path, window) {
  const profile = JSON.parse(await readFile(path, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const selfByFunction = new Map();
  const selfByPackage = new Map();
  const inclusiveByPackage = new Map();
  const inclusiveByFunction = new Map();
  let busyUs = 0;
  let idleUs = 0;
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    const node = byId.get(profile.samples[i]);
    const { functionName, url, lineNumber } = node.callFrame;
    if (IDLE.has(functionName)) {
      idleUs += dt;
      continue;
    }
    busyUs += dt;
    const pkg = packageOf(url, functionName);
    const key = `${functionName || '(anonymous)'} ${pkg}${url ? `:${lineNumber + 1}` : ''}`;
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + dt);
    selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + dt);
    const seen = new Set();
    const seenFunctions = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id).callFrame;
      const p = packageOf(frame.url, frame.functionName);
      if (p === '(root)') continue;
      const f = `${frame.functionName || '(anonymous)'} ${p}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
      if (!seenFunctions.has(f)) {
        seenFunctions.add(f);
        inclusiveByFunction.set(f, (inclusiveByFunction.get(f) ?? 0) + dt);
      }
      if (seen.has(p)) continue;
      seen.add(p);
      inclusiveByPackage.set(p, (inclusiveByPackage.get(p) ?? 0) + dt);
    }
  }
  const ms = (m) => [...m.entries()].map(([k, v]) => ({ name: k, ms: v / 1000 })).sort((a, b) => b.ms - a.ms);
  return {
    busyMs: busyUs / 1000,
    idleMs: idleUs / 1000,
    selfByFunction: ms(selfByFunction),
    selfByPackage: ms(selfByPackage),
    inclusiveByPackage: ms(inclusiveByPackage),
    inclusiveByFunction: ms(inclusiveByFunction),
  };
}
