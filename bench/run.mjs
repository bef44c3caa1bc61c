#!/usr/bin/env node
// Rumbo benchmark runner (`npm run bench`). Each file in bench/scenarios/*.mjs exports
//   { name, baseline: 'what the raw baseline is', run(ctx) }
// where run(ctx) returns { subject, baseline } measurements of the same unit: 'req/s' (higher is
// better, from ctx.load) or 'ms' (lower is better, from ctx.time). Both sides run in the same
// process tree, in the same run. Usage: node bench/run.mjs [scenario-name ...]
// Env: BENCH_DURATION (s, measured run and warm-up, default 5), BENCH_WARMUP (s, overrides the
// warm-up), BENCH_ROUNDS (measured runs per side, default 3), BENCH_CONNECTIONS (default 10),
// BENCH_SCENARIO_TIMEOUT (s, default 600).
import { readdir, readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createContext } from './lib/harness.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const rootDir = dirname(benchDir);
const resultsDir = join(benchDir, 'results');
const readmePath = join(benchDir, 'README.md');
const README_START = '<!-- bench:latest:start -->';
const README_END = '<!-- bench:latest:end -->';

function positiveNumber(name, fallback, { allowZero = false } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) {
    throw new Error(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number (got ${raw})`);
  }
  return n;
}

const duration = positiveNumber('BENCH_DURATION', 5);
const warmup = positiveNumber('BENCH_WARMUP', duration, { allowZero: true });
const connections = Math.round(positiveNumber('BENCH_CONNECTIONS', 10));
const rounds = Math.round(positiveNumber('BENCH_ROUNDS', 3));
const scenarioTimeoutMs = positiveNumber('BENCH_SCENARIO_TIMEOUT', 600) * 1000;

const log = (message) => process.stderr.write(`${message}\n`);

/** Higher is better for rates; lower is better for times. ratio = subject / baseline either way. */
const UNITS = {
  'req/s': { better: 'higher', format: (v) => Math.round(v).toLocaleString('en-US') },
  ms: { better: 'lower', format: (v) => (v < 10 ? v.toFixed(2) : v.toFixed(1)) },
};

async function loadScenarios(only) {
  const dir = join(benchDir, 'scenarios');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.mjs')).sort();
  const scenarios = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(join(dir, file)).href);
    const s = mod.default ?? mod;
    if (typeof s.name !== 'string' || typeof s.baseline !== 'string' || typeof s.run !== 'function') {
      throw new Error(`bench/scenarios/${file} must export { name, baseline, run(ctx) }`);
    }
    scenarios.push({ ...s, file });
  }
  const names = new Set(scenarios.map((s) => s.name));
  if (names.size !== scenarios.length) throw new Error('scenario names must be unique');
  for (const name of only) {
    if (!names.has(name)) throw new Error(`unknown scenario "${name}" (have: ${[...names].join(', ')})`);
  }
  const selected = only.length ? scenarios.filter((s) => only.includes(s.name)) : scenarios;
  return { selected, allNames: names };
}

function checkMeasurement(scenario, side, m) {
  if (!m || typeof m !== 'object' || !(m.unit in UNITS) || !Number.isFinite(m.value) || m.value <= 0) {
    throw new Error(`${scenario}: ${side} must be a measurement { unit: 'req/s'|'ms', value > 0 }`);
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function line(r) {
  if (r.error) return `${r.name}: FAILED — ${r.error.split('\n')[0]}`;
  const { format } = UNITS[r.unit];
  const cpu = (baseline) =>
    r.subject.cpuUsPerRequest && baseline.cpuUsPerRequest
      ? ` (CPU ${r.subject.cpuUsPerRequest} vs ${baseline.cpuUsPerRequest} µs/request)`
      : '';
  const others = (r.otherBaselines ?? []).map(
    (o) => `; vs ${o.name} ${format(o.baseline.value)} ${r.unit} → ratio ${o.ratio.toFixed(2)}${cpu(o.baseline)}`,
  );
  return `${r.name}: rumbo ${format(r.subject.value)} ${r.unit} vs raw ${format(r.baseline.value)} ${r.unit} → ratio ${r.ratio.toFixed(2)}${cpu(r.baseline)}${others.join('')}`;
}

function gitCommit() {
  try {
    const out = (args) =>
      execFileSync('git', args, { cwd: rootDir, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim();
    const sha = out(['rev-parse', '--short', 'HEAD']);
    return out(['status', '--porcelain']) ? `${sha}-dirty` : sha;
  } catch {
    return null;
  }
}

async function writeAtomic(path, text) {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

async function readJson(path) {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Merges this run's scenarios into an earlier snapshot: a partial run keeps the others, and entries of
 * scenarios that no longer exist are dropped.
 */
function merge(previous, run, allNames) {
  const byName = new Map((previous?.scenarios ?? []).filter((s) => allNames.has(s.name)).map((s) => [s.name, s]));
  for (const s of run.scenarios) byName.set(s.name, s);
  return { ...run, scenarios: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)) };
}

function readmeTable(snapshot) {
  const rows = snapshot.scenarios.map((s) => {
    if (s.error) return `| \`${s.name}\` | failed | | | | ${s.baselineDescription} | ${s.date.slice(0, 10)} |`;
    const { format, better } = UNITS[s.unit];
    const cpu = (baseline) =>
      s.subject.cpuUsPerRequest && baseline.cpuUsPerRequest
        ? `${s.subject.cpuUsPerRequest} / ${baseline.cpuUsPerRequest} (${(baseline.cpuUsPerRequest / s.subject.cpuUsPerRequest).toFixed(2)})`
        : '';
    const row = (name, baseline, ratio, description) =>
      `| ${name} | ${format(s.subject.value)} ${s.unit} | ${format(baseline.value)} ${s.unit} | ${ratio.toFixed(2)} (${better} is better) | ${cpu(baseline)} | ${description} | ${s.date.slice(0, 10)} |`;
    return [
      row(`\`${s.name}\``, s.baseline, s.ratio, s.baselineDescription),
      ...(s.otherBaselines ?? []).map((o) => row(`\`${s.name}\` (${o.name})`, o.baseline, o.ratio, o.description)),
    ].join('\n');
  });
  const m = snapshot.machine;
  return [
    `Generated by \`npm run bench\` from \`bench/results/latest.json\` (${snapshot.date}, commit ${snapshot.commit ?? 'n/a'}).`,
    `Machine: ${m.cpus}× ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}. Load: ${snapshot.settings.connections} connections, ${snapshot.settings.warmupSeconds} s warm-up + ${snapshot.settings.rounds ?? 1} × ${snapshot.settings.durationSeconds} s measured per side (interleaved; median round); load average at the end ${m.loadAverageAtEnd?.join(' / ') ?? 'n/a'}.`,
    '',
    '| Scenario | Rumbo | Raw baseline | Ratio (rumbo / raw) | CPU µs per request, rumbo / raw (raw ÷ rumbo) | Baseline | Measured |',
    '| --- | ---: | ---: | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

async function updateReadme(snapshot) {
  let text;
  try {
    text = await readFile(readmePath, 'utf8');
  } catch {
    return;
  }
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start) return;
  const next = `${text.slice(0, start + README_START.length)}\n${readmeTable(snapshot)}\n${text.slice(end)}`;
  if (next !== text) await writeAtomic(readmePath, next);
}

async function main() {
  const only = process.argv.slice(2);
  const { selected: scenarios, allNames } = await loadScenarios(only);
  const { ctx, dispose, killAllNow } = createContext({
    rootDir,
    duration,
    warmup,
    rounds,
    connections,
    log,
  });

  // Whatever happens, the children go: graceful on signals, SIGKILL on a hard exit.
  process.once('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`\n${signal}: stopping servers…`);
      dispose().finally(() => process.exit(130));
    });
  }

  log(
    `bench: ${scenarios.length} scenario(s), ${connections} connections, ${warmup} s warm-up + ${rounds} × ${duration} s measured per side (load average ${loadavg()[0].toFixed(2)})`,
  );
  const results = [];
  for (const scenario of scenarios) {
    log(`${scenario.name} (vs ${scenario.baseline})…`);
    const date = new Date().toISOString();
    let result;
    try {
      const out = await withTimeout(scenario.run(ctx), scenarioTimeoutMs, scenario.name);
      checkMeasurement(scenario.name, 'subject', out?.subject);
      checkMeasurement(scenario.name, 'baseline', out?.baseline);
      if (out.subject.unit !== out.baseline.unit) {
        throw new Error(`${scenario.name}: subject in ${out.subject.unit}, baseline in ${out.baseline.unit}`);
      }
      result = {
        name: scenario.name,
        baselineDescription: scenario.baseline,
        date,
        unit: out.subject.unit,
        better: UNITS[out.subject.unit].better,
        ratio: out.subject.value / out.baseline.value,
        subject: out.subject,
        baseline: out.baseline,
        ...(out.others?.length
          ? {
              otherBaselines: out.others.map((o) => {
                checkMeasurement(scenario.name, o.name, o.measurement);
                return {
                  name: o.name,
                  description: o.description,
                  ratio: out.subject.value / o.measurement.value,
                  baseline: o.measurement,
                };
              }),
            }
          : {}),
      };
    } catch (error) {
      result = {
        name: scenario.name,
        baselineDescription: scenario.baseline,
        date,
        error: error instanceof Error ? error.message : String(error),
      };
      log(`  ${result.error}`);
    } finally {
      await dispose();
    }
    results.push(result);
    process.stdout.write(`${line(result)}\n`);
  }

  const now = new Date();
  const run = {
    date: now.toISOString(),
    commit: gitCommit(),
    machine: {
      os: `${platform()} ${release()} ${arch()}`,
      cpuModel: cpus()[0]?.model?.trim() ?? 'unknown',
      cpus: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.versions.node,
      loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
    },
    settings: { connections, warmupSeconds: warmup, durationSeconds: duration, rounds },
    scenarios: results,
  };
  await mkdir(resultsDir, { recursive: true });
  const datedPath = join(resultsDir, `${now.toISOString().slice(0, 10)}.json`);
  const latestPath = join(resultsDir, 'latest.json');
  await writeAtomic(datedPath, `${JSON.stringify(merge(await readJson(datedPath), run, allNames), null, 2)}\n`);
  const latest = merge(await readJson(latestPath), run, allNames);
  await writeAtomic(latestPath, `${JSON.stringify(latest, null, 2)}\n`);
  await updateReadme(latest);
  log(`results: ${datedPath}, ${latestPath}`);

  if (results.some((r) => r.error)) process.exitCode = 1;
}

main().catch((error) => {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
