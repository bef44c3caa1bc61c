#!/usr/bin/env node
// Where a scenario's time goes: `node bench/profile.mjs <scenario> [...]` runs the scenario's setup
// with every Node server it starts (the API and the raw baselines) under `node --cpu-prof`, then loads
// each side in turn (one warm-up run, one measured run, BENCH_DURATION seconds each), stops the
// servers (which writes their profiles) and prints, for each side's measured run only: requests, the
// server's CPU time per request (from /proc), and its busy time by package and by function, self and
// inclusive. Socket writes (`writev`, `writeBuffer`) are listed apart: on a shared machine they also
// hold the time the thread waits for a CPU after the kernel hands the data over.
// The summary goes to bench/results/profile-<scenario>.json; the .cpuprofile files stay in a temp
// dir unless BENCH_CPU_PROF_DIR names one (open them in Chrome DevTools or speedscope for a flame
// graph). Needs a built API, like the scenarios. Profiling slows the servers: compare shares.
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
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
const SOCKET_WRITES = new Set(['writev', 'writeBuffer']);

async function scenarioNamed(name) {
  for (const file of (await readdir(join(benchDir, 'scenarios'))).filter((f) => f.endsWith('.mjs'))) {
    const s = (await import(pathToFileURL(join(benchDir, 'scenarios', file)).href)).default;
    if (s.name === name) return s;
  }
  throw new Error(`unknown scenario "${name}"`);
}

function cpuUs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function profileOne(name) {
  const scenario = await scenarioNamed(name);
  const profRoot = process.env.BENCH_CPU_PROF_DIR ?? (await mkdtemp(join(tmpdir(), 'rumbo-cpu-prof-')));
  const { ctx, dispose } = createContext({ rootDir, duration, warmup: 0, rounds: 1, connections, log });
  const servers = new Map(); // name → { dir, process }
  const sides = []; // { side, server, requests, window, cpuUs }
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  const serverOf = (proc) => [...servers.entries()].find(([, s]) => s.process === proc)?.[0];

  async function measure(side, url, request, proc) {
    await ctx.load(url, request); // warm-up, outside the window
    const cpu0 = proc && cpuUs(proc.pid);
    const fromUs = nowUs();
    const m = await ctx.load(url, request);
    sides.push({
      side,
      server: serverOf(proc),
      requests: m.requests,
      rate: m.value,
      window: { fromUs, toUs: nowUs() },
      cpuUs: proc && cpuUs(proc.pid) - cpu0,
    });
    return m;
  }

  const profiling = {
    ...ctx,
    async startServer(options) {
      const dir = join(profRoot, `${name}-${options.name.replace(/[^a-z0-9]+/gi, '-')}`);
      const args =
        (options.command ?? process.execPath) === process.execPath
          ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...(options.args ?? [])]
          : options.args;
      const proc = await ctx.startServer({ ...options, args });
      servers.set(options.name, { dir, process: proc });
      return proc;
    },
    // Each side alone: the subject, the baseline, the other baselines.
    async compareLoad({
      subjectUrl,
      baselineUrl,
      request = {},
      subjectRequest = request,
      baselineRequest = request,
      subjectProcess,
      baselineProcess,
      otherBaselines = [],
    }) {
      const subject = await measure('subject', subjectUrl, subjectRequest, subjectProcess);
      const baseline = await measure('baseline', baselineUrl, baselineRequest, baselineProcess);
      for (const b of otherBaselines) await measure(b.name, b.url, b.request ?? request, b.process);
      return { subject, baseline };
    },
    async compareTime() {
      throw new Error('profile.mjs profiles HTTP scenarios only');
    },
  };
  // Flags are added here for every server; rumboNodeArgs must not add its own.
  delete process.env.BENCH_CPU_PROF_DIR;
  try {
    await scenario.run(profiling);
  } finally {
    await dispose();
  }

  const report = { scenario: name, date: new Date().toISOString(), node: process.versions.node, sides: [] };
  const lines = [];
  for (const side of sides) {
    const server = servers.get(side.server);
    const files = server ? (await readdir(server.dir)).filter((f) => f.endsWith('.cpuprofile')) : [];
    if (files.length !== 1) throw new Error(`expected one profile for ${side.server}, found ${files.length}`);
    const summary = await summariseProfile(join(server.dir, files[0]), side.window);
    const writes = summary.selfByFunction.filter((f) => SOCKET_WRITES.has(f.name.split(' ')[0])).reduce((a, f) => a + f.ms, 0);
    const perRequest = (ms) => Math.round((ms * 1000) / side.requests);
    const top = (rows, n) =>
      rows
        .slice(0, n)
        .map((r) => ({ name: r.name, usPerRequest: perRequest(r.ms), share: Math.round((r.ms / summary.busyMs) * 1000) / 10 }));
    const entry = {
      side: side.side,
      server: side.server,
      requests: side.requests,
      ratePerSecond: Math.round(side.rate),
      cpuUsPerRequest: side.cpuUs === undefined ? null : Math.round(side.cpuUs / side.requests),
      busyUsPerRequest: perRequest(summary.busyMs),
      socketWritesUsPerRequest: perRequest(writes),
      selfByPackage: top(summary.selfByPackage, 20),
      inclusiveByPackage: top(summary.inclusiveByPackage, 20),
      selfByFunction: top(summary.selfByFunction, 40),
      inclusiveByFunction: top(summary.inclusiveByFunction, 80),
      profile: join(server.dir, files[0]),
    };
    report.sides.push(entry);
    const row = (r) => `    ${String(r.usPerRequest).padStart(6)} µs ${String(r.share).padStart(5)} %  ${r.name}`;
    lines.push(
      `${name} · ${entry.side} (${entry.server}): ${entry.requests.toLocaleString('en-US')} requests, ${entry.ratePerSecond} req/s, ` +
        `CPU ${entry.cpuUsPerRequest} µs/request; sampled busy ${entry.busyUsPerRequest} µs/request, of which socket writes ${entry.socketWritesUsPerRequest}`,
      '  self by package:',
      ...entry.selfByPackage.slice(0, 10).map(row),
      '  inclusive by package:',
      ...entry.inclusiveByPackage.slice(0, 14).map(row),
      '  inclusive by function:',
      ...entry.inclusiveByFunction.slice(0, 45).map(row),
      `  profile: ${entry.profile}`,
      '',
    );
  }
  await mkdir(join(benchDir, 'results'), { recursive: true });
  const committed = { ...report, sides: report.sides.map((entry) => ({ ...entry, profile: undefined })) };
  await writeFile(join(benchDir, 'results', `profile-${name}.json`), `${JSON.stringify(committed, null, 2)}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

const names = process.argv.slice(2);
if (names.length === 0) {
  log('usage: node bench/profile.mjs <scenario> [...]');
  process.exit(2);
}
for (const name of names) await profileOne(name);
