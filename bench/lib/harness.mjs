// Helpers handed to every scenario as `ctx`: free ports, managed child processes, readiness probes,
// HTTP load (autocannon) and batch timing. Everything a scenario starts is stopped by `dispose()`.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';

const LOG_TAIL_BYTES = 16 * 1024;

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Only loopback targets: a benchmark must never load someone else's server. */
export function assertLoopback(url) {
  const { hostname } = new URL(url);
  if (hostname !== '127.0.0.1') throw new Error(`bench targets must be 127.0.0.1, got ${url}`);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(predicate, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (predicate()) return true;
    await sleep(intervalMs);
  }
  return predicate();
}

/** A child process started by the harness, in its own process group, with a tail of its output. */
class ManagedProcess {
  constructor(name, child) {
    this.name = name;
    this.child = child;
    this.pid = child.pid;
    this.tail = '';
    this.exit = null;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
    const keep = (chunk) => {
      this.tail = (this.tail + chunk.toString()).slice(-LOG_TAIL_BYTES);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  /**
   * SIGTERM to the process (graceful: Rumbo stops its embedded PostgreSQL), then whatever is left
   * of its process group gets SIGTERM, then SIGKILL.
   */
  async stop({ graceMs = 20_000 } = {}) {
    if (this.exit === null) {
      try {
        process.kill(this.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await Promise.race([this.exited, sleep(graceMs)]);
    }
    if (signalGroup(this.pid, 0)) {
      signalGroup(this.pid, 'SIGTERM');
      await waitUntil(() => !signalGroup(this.pid, 0), 5_000);
      if (signalGroup(this.pid, 'SIGKILL')) await waitUntil(() => !signalGroup(this.pid, 0), 2_000);
    }
  }

  /** Last resort from a synchronous `exit` handler. */
  killNow() {
    signalGroup(this.pid, 'SIGKILL');
    if (isAlive(this.pid)) {
      try {
        process.kill(this.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}

/** Polls `url` until it answers 200, the process dies, or `timeoutMs` passes. */
export async function waitForHttp(url, { timeoutMs = 90_000, process: proc } = {}) {
  assertLoopback(url);
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (proc && proc.exit !== null) {
      throw new Error(`${proc.name} exited (${JSON.stringify(proc.exit)}) before ${url} was ready:\n${proc.tail}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await sleep(250);
  }
  throw new Error(`${url} not ready after ${timeoutMs / 1000} s (${last})${proc ? `:\n${proc.tail}` : ''}`);
}

/** Requests `url` once and returns { status, json }. */
export async function getJson(url) {
  assertLoopback(url);
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/**
 * Creates the context of one run. `options`: { rootDir, duration, warmup, rounds, connections, log }.
 */
export function createContext({ rootDir, duration, warmup, rounds, connections, log }) {
  const processes = new Set();
  const tempDirs = new Set();

  // `requests` (autocannon's): a sequence of { method, path, headers } each connection cycles through,
  // relative to `url`, for a scenario whose unit is a mix of reads.
  async function measureLoad(url, { method = 'GET', headers, body, requests, connections: c = connections } = {}, seconds, pid) {
    assertLoopback(url);
    const cpuBefore = pid && processCpuUs(pid);
    const r = await runAutocannon({
      url,
      method,
      headers,
      body,
      ...(requests ? { requests } : {}),
      connections: c,
      duration: seconds,
    });
    if (r.errors || r.timeouts || r.non2xx) {
      throw new Error(
        `${url}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx answers (status codes ${JSON.stringify(r.statusCodeStats)})`,
      );
    }
    const cpuAfter = pid && processCpuUs(pid);
    return {
      unit: 'req/s',
      value: r.requests.total / r.duration,
      ...(cpuBefore && cpuAfter ? { cpuUsPerRequest: (cpuAfter - cpuBefore) / r.requests.total } : {}),
      requests: r.requests.total,
      seconds: r.duration,
      connections: c,
      latencyMs: {
        mean: r.latency.mean,
        p50: r.latency.p50,
        p99: r.latency.p99,
        max: r.latency.max,
      },
    };
  }

  const ctx = {
    rootDir,
    /** Seconds of each measured load run. */
    duration,
    /** Seconds of the load run before each measurement (discarded). */
    warmup,
    /** Concurrent connections of each load run. */
    connections,
    /** Measured runs per side in compareLoad. */
    rounds,
    log,
    freePort,
    waitForHttp,
    getJson,

    /** A fresh temporary directory, removed when the run ends. */
    async tempDir(prefix = 'rumbo-bench-') {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      tempDirs.add(dir);
      return dir;
    },

    /**
     * Starts `command args` (cwd: repo root unless given) in its own process group, then waits
     * until GET `readyUrl` answers 200 (up to `readyTimeoutMs`). Stopped automatically at the end.
     */
    async startServer({ name, command = process.execPath, args = [], env = {}, cwd = rootDir, readyUrl, readyTimeoutMs = 90_000 }) {
      const child = spawn(command, args, {
        cwd,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      const proc = new ManagedProcess(name, child);
      processes.add(proc);
      await new Promise((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
      if (readyUrl) {
        const started = Date.now();
        await waitForHttp(readyUrl, { timeoutMs: readyTimeoutMs, process: proc });
        log(`  ${name} ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${proc.pid})`);
      }
      return proc;
    },

    /**
     * HTTP load with autocannon: a warm-up run (discarded), then a measured run. Any non-2xx
     * answer or connection error fails the measurement (a fast error is not a fast endpoint).
     * Returns a measurement in req/s with latency percentiles.
     */
    async load(url, request = {}) {
      if (warmup > 0) await measureLoad(url, request, warmup);
      return measureLoad(url, request, duration);
    },

    /**
     * The same request against two servers, fairly: one warm-up run each, then `rounds` measured
     * runs per side, interleaved baseline/subject then subject/baseline (ABBA, cancels drift on a
     * shared machine). Each side's value is the median of its rounds; every round is kept.
     * `subjectRequest` / `baselineRequest` replace `request` on one side (e.g. other paths).
     * `subjectProcess` / `baselineProcess` (what startServer returned) add each round's CPU time of
     * that server process per request (Linux /proc: user + system, all its threads), a figure that
     * moves less than req/s on a busy machine.
     * `otherBaselines` ([{ name, description, url, request? }]) are measured in the same rounds,
     * after the subject going forward and before the baseline going back, so the subject stays in
     * the middle of every round; they come back as `others: [{ name, description, measurement }]`.
     */
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
      const sides = [
        { key: 'baseline', url: baselineUrl, request: baselineRequest, pid: baselineProcess?.pid },
        { key: 'subject', url: subjectUrl, request: subjectRequest, pid: subjectProcess?.pid },
        ...otherBaselines.map((b) => ({ key: b.name, url: b.url, request: b.request ?? request, pid: b.process?.pid })),
      ];
      if (warmup > 0) for (const side of sides) await measureLoad(side.url, side.request, warmup);
      const samples = new Map(sides.map((side) => [side.key, []]));
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? sides : [...sides].reverse();
        for (const side of order) samples.get(side.key).push(await measureLoad(side.url, side.request, duration, side.pid));
      }
      return {
        subject: summarise(samples.get('subject')),
        baseline: summarise(samples.get('baseline')),
        ...(otherBaselines.length
          ? {
              others: otherBaselines.map((b) => ({
                name: b.name,
                description: b.description,
                measurement: summarise(samples.get(b.name)),
              })),
            }
          : {}),
      };
    },

    /**
     * Two batch jobs, fairly (lower is better): `warmupRuns` discarded calls of each, then `runs`
     * measured calls per side, interleaved ABBA; each side's value is its median in ms.
     */
    async compareTime({ subject, baseline, runs = 5, warmupRuns = 1 }) {
      for (let i = 0; i < warmupRuns; i++) {
        await baseline(i);
        await subject(i);
      }
      const samples = { subject: [], baseline: [] };
      const fns = { subject, baseline };
      for (let i = 0; i < runs; i++) {
        const order = i % 2 === 0 ? ['baseline', 'subject'] : ['subject', 'baseline'];
        for (const side of order) samples[side].push(await timeOnce(fns[side], i));
      }
      return {
        subject: { unit: 'ms', value: median(samples.subject), samplesMs: samples.subject },
        baseline: { unit: 'ms', value: median(samples.baseline), samplesMs: samples.baseline },
      };
    },

    /**
     * Times a batch job (lower is better): `warmupRuns` discarded calls of `fn`, then `runs`
     * measured calls; the value is the median in ms.
     */
    async time(fn, { runs = 5, warmupRuns = 1 } = {}) {
      for (let i = 0; i < warmupRuns; i++) await fn(i);
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await timeOnce(fn, i));
      return { unit: 'ms', value: median(samples), samplesMs: samples };
    },
  };

  /** Stops every process and removes every temp dir this context created. */
  async function dispose() {
    await Promise.allSettled([...processes].map((p) => p.stop()));
    processes.clear();
    await Promise.allSettled([...tempDirs].map((d) => rm(d, { recursive: true, force: true, maxRetries: 3 })));
    tempDirs.clear();
  }

  /** Synchronous last resort (process `exit` handler). */
  function killAllNow() {
    for (const p of processes) p.killNow();
  }

  return { ctx, dispose, killAllNow };
}

const CLOCK_TICK_US = 10_000; // USER_HZ is 100 on Linux

/** User + system CPU time of a process (all its threads) in µs, from /proc; undefined elsewhere. */
function processCpuUs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_US;
  } catch {
    return undefined;
  }
}

function runAutocannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon(opts, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function timeOnce(fn, i) {
  const t0 = process.hrtime.bigint();
  await fn(i);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median round (by req/s) of load measurements, with every round's rate kept. */
function summarise(rounds) {
  const value = median(rounds.map((r) => r.value));
  const closest = rounds.reduce((a, b) => (Math.abs(b.value - value) < Math.abs(a.value - value) ? b : a));
  const cpu = rounds.every((r) => r.cpuUsPerRequest) ? rounds.map((r) => r.cpuUsPerRequest) : undefined;
  return {
    unit: 'req/s',
    value,
    rounds: rounds.map((r) => Math.round(r.value)),
    ...(cpu ? { cpuUsPerRequest: Math.round(median(cpu)), cpuUsPerRequestRounds: cpu.map(Math.round) } : {}),
    connections: closest.connections,
    secondsPerRound: closest.seconds,
    latencyMsOfMedianRound: closest.latencyMs,
  };
}
