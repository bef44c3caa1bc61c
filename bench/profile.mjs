#!/usr/bin/env node
// Where a scenario's API time goes: `node bench/profile.mjs <scenario> [...]` runs the scenario's
// setup with the Rumbo API under `node --cpu-prof`, loads only the Rumbo side (one warm-up run, one
// measured run, BENCH_DURATION seconds each), stops the API (which writes the profile) and prints,
// for the samples of the measured run only, the API's busy time per request, by package (self and
// inclusive) and by function. The summary goes to
// bench/results/profile-<scenario>.json; the raw .cpuprofile stays in a temp dir unless
// BENCH_CPU_PROF_DIR names one (open it in Chrome DevTools or speedscope for a flame graph).
// Needs a built API, like the scenarios. Profiling slows the process: compare shares, not req/s.
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { summariseProfile } from './lib/cpu-profile.mjs';
import { createContext } from './lib/harness.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const rootDir = dirname(benchDir);
const duration = Number(process.env.BENCH_DURATION ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const log = (message) => process.stderr.write(`${message}\n`);

async function scenarioNamed(name) {
  for (const file of (await readdir(join(benchDir, 'scenarios'))).filter((f) => f.endsWith('.mjs'))) {
    const s = (await import(pathToFileURL(join(benchDir, 'scenarios', file)).href)).default;
    if (s.name === name) return s;
  }
  throw new Error(`unknown scenario "${name}"`);
}

async function profileOne(name) {
  const scenario = await scenarioNamed(name);
  const profDir = process.env.BENCH_CPU_PROF_DIR ?? (await mkdtemp(join(tmpdir(), 'rumbo-cpu-prof-')));
  process.env.BENCH_CPU_PROF_DIR = profDir;
  const before = new Set(await readdir(profDir));
  const { ctx, dispose } = createContext({ rootDir, duration, warmup: 0, rounds: 1, connections, log });
  let served = 0;
  let window;
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  const profiling = {
    ...ctx,
    // Only the Rumbo side: a warm-up run and a measured run, both counted (the profile covers both).
    async compareLoad({ subjectUrl, request = {}, subjectRequest = request }) {
      await ctx.load(subjectUrl, subjectRequest); // warm-up, outside the window
      const fromUs = nowUs();
      const measured = await ctx.load(subjectUrl, subjectRequest);
      window = { fromUs, toUs: nowUs() };
      served = measured.requests;
      return { subject: measured, baseline: measured };
    },
    async compareTime({ subject, runs = 5 }) {
      for (let i = 0; i < runs; i++) await subject(i);
      return { subject: { unit: 'ms', value: 1 }, baseline: { unit: 'ms', value: 1 } };
    },
  };
  let result;
  try {
    result = await scenario.run(profiling);
  } finally {
    await dispose();
  }
  const written = (await readdir(profDir)).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
  if (written.length !== 1) throw new Error(`expected one new profile in ${profDir}, found ${written.length}`);
  const summary = await summariseProfile(join(profDir, written[0]), window);
  const perRequestUs = served > 0 ? (summary.busyMs * 1000) / served : null;
  const top = (rows, n) =>
    rows.slice(0, n).map((r) => ({ ...r, ms: Math.round(r.ms), share: Math.round((r.ms / summary.busyMs) * 1000) / 10 }));
  const report = {
    scenario: name,
    date: new Date().toISOString(),
    node: process.versions.node,
    requests: served,
    ratePerSecond: result?.subject?.unit === 'req/s' ? Math.round(result.subject.value) : null,
    busyMs: Math.round(summary.busyMs),
    busyUsPerRequest: perRequestUs && Math.round(perRequestUs),
    selfByPackage: top(summary.selfByPackage, 20),
    inclusiveByPackage: top(summary.inclusiveByPackage, 20),
    selfByFunction: top(summary.selfByFunction, 40),
    inclusiveByFunction: top(summary.inclusiveByFunction, 80),
    profile: join(profDir, written[0]),
  };
  await mkdir(join(benchDir, 'results'), { recursive: true });
  await writeFile(join(benchDir, 'results', `profile-${name}.json`), `${JSON.stringify({ ...report, profile: undefined }, null, 2)}\n`);

  const pct = (r) => `${String(r.share).padStart(5)} %  ${String(r.ms).padStart(6)} ms  ${r.name}`;
  process.stdout.write(
    [
      `${name}: ${served.toLocaleString('en-US')} requests, API busy ${report.busyMs} ms → ${report.busyUsPerRequest} µs of CPU per request`,
      '  self time by package:',
      ...report.selfByPackage.slice(0, 12).map((r) => `    ${pct(r)}`),
      '  inclusive time by package (a sample counts for every package on its stack):',
      ...report.inclusiveByPackage.slice(0, 14).map((r) => `    ${pct(r)}`),
      '  self time by function:',
      ...report.selfByFunction.slice(0, 25).map((r) => `    ${pct(r)}`),
      '  inclusive time by function:',
      ...report.inclusiveByFunction.slice(0, 40).map((r) => `    ${pct(r)}`),
      `  profile: ${report.profile}`,
      '',
    ].join('\n'),
  );
}

const names = process.argv.slice(2);
if (names.length === 0) {
  log('usage: node bench/profile.mjs <scenario> [...]');
  process.exit(2);
}
for (const name of names) await profileOne(name);
