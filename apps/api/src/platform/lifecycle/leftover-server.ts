import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, readdir, readlink, realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Logger } from 'pino';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a leftover postmaster gets for each way of stopping, gentlest first. */
const STOP_STEPS: { signal: NodeJS.Signals; waitMs: number; mode: string }[] = [
  // Fast shutdown: aborts every open transaction (an import the dead API left half done included),
  // ends the backends and writes a checkpoint, so the next start needs no recovery.
  { signal: 'SIGINT', waitMs: 10_000, mode: 'fast' },
  // Immediate shutdown: no checkpoint; the next start replays the WAL (still no data lost).
  { signal: 'SIGQUIT', waitMs: 5_000, mode: 'immediate' },
  { signal: 'SIGKILL', waitMs: 2_000, mode: 'kill' },
];

/**
 * Ends a PostgreSQL left running on `dataDir` by an earlier API process that died without stopping it
 * (SIGKILL, the OOM killer, a crash of the supervisor). Such a server keeps the data directory locked
 * (`postmaster.pid`) and, with EMBEDDED_PG_PORT set, the port too, so nothing could start on it.
 *
 * 1. `postmaster.pid` names a live postgres: stop it, fast shutdown first.
 * 2. Backends of a postmaster that was itself killed outlive it for a moment and keep its shared
 *    memory attached; a new postmaster refuses to start while they do. Any postgres process whose
 *    working directory is this data directory (every server process chdirs there) is ended too.
 *
 * A server whose parent is still a Node.js process belongs to a running API (this same data
 * directory started twice): that is refused, never stopped. A lock file naming a dead process, or a
 * live process that is not a postgres serving this directory (the PID was reused after a reboot, in
 * a fresh container, or by another PostgreSQL on the machine), is stale: it is removed here, since
 * PostgreSQL would refuse to start over a lock file whose PID is alive. Nothing but a server of this
 * very data directory is ever signalled.
 */
export async function endLeftoverServer(dataDir: string, logger: Logger): Promise<void> {
  const lockFile = join(dataDir, 'postmaster.pid');
  const pid = await lockFilePid(lockFile);
  if (pid === undefined) return;
  if (isAlive(pid) && (await servesDirectory(pid, dataDir))) {
    const owner = await liveNodeParent(pid);
    if (owner !== undefined) {
      throw new Error(`${dataDir} is in use by another running Rumbo (process ${owner}): stop it first, or set another RUMBO_DATA_DIR`);
    }
    logger.warn({ pid, dataDir }, 'a PostgreSQL left running on the data directory by an earlier run: stopping it');
    await stopProcess(pid, logger);
  } else if (isAlive(pid)) {
    logger.warn({ pid, lockFile }, 'stale postmaster.pid names a process that is not this data directory’s server: removing it');
    await rm(lockFile, { force: true });
  }
  await endOrphanBackends(dataDir, logger);
}

/** Backends left by a postmaster that died (killed) while they ran: they must go before a restart. */
export async function endOrphanBackends(dataDir: string, logger: Logger): Promise<void> {
  const orphans = await serverProcessesIn(dataDir);
  if (orphans.length === 0) return;
  logger.warn({ pids: orphans, dataDir }, 'ending PostgreSQL processes left by a server that died');
  for (const pid of orphans) signal(pid, 'SIGQUIT');
  if (await waitForExit(orphans, 3_000)) return;
  for (const pid of orphans) signal(pid, 'SIGKILL');
  if (!(await waitForExit(orphans, 2_000))) throw new Error(`PostgreSQL processes ${orphans.join(', ')} on ${dataDir} would not end`);
}

async function stopProcess(pid: number, logger: Logger): Promise<void> {
  for (const step of STOP_STEPS) {
    signal(pid, step.signal);
    if (await waitForExit([pid], step.waitMs)) {
      logger.info({ pid, mode: step.mode }, 'leftover PostgreSQL stopped');
      return;
    }
  }
  throw new Error(`the PostgreSQL left running as process ${pid} would not stop`);
}

async function lockFilePid(lockFile: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(lockFile, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(text.split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** True while the process exists and is not a zombie waiting for its parent to reap it. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) state ..."; the command may contain spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

async function waitForExit(pids: number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (!pids.some(isAlive)) return true;
    if (Date.now() >= deadline) return false;
    await sleep(25);
  }
}

/** A postgres process of this data directory: every server process works in it (chdir at start). */
async function servesDirectory(pid: number, dataDir: string): Promise<boolean> {
  if (!/(^|\/)postgres$/.test(await commandName(pid))) return false;
  try {
    const [cwd, dir] = await Promise.all([readlink(`/proc/${pid}/cwd`), realpath(dataDir)]);
    return cwd === dir;
  } catch {
    // No /proc (macOS): the postmaster's command line names its directory (`postgres -D <dir>`).
    try {
      const { stdout } = await run('ps', ['-p', String(pid), '-o', 'command=']);
      return stdout.includes(` -D ${dataDir} `) || stdout.trim().endsWith(` -D ${dataDir}`);
    } catch {
      return false;
    }
  }
}

/**
 * The API starts the postmaster as its own child. While that API lives, the postmaster's parent is a
 * Node.js process; once the API is gone, the postmaster has been handed to init (or a subreaper).
 */
async function liveNodeParent(pid: number): Promise<number | undefined> {
  const parent = await parentOf(pid);
  if (!parent || parent <= 1 || !isAlive(parent)) return undefined;
  return /(^|\/)node$/.test(await commandName(parent)) ? parent : undefined;
}

/** The executable name of a process ('' when it cannot be told). */
async function commandName(pid: number): Promise<string> {
  try {
    return (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
  } catch {
    // No /proc (macOS): ask ps.
    try {
      return (await run('ps', ['-p', String(pid), '-o', 'comm='])).stdout.trim();
    } catch {
      return '';
    }
  }
}

async function parentOf(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": the command may contain spaces and parentheses.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    try {
      return Number((await run('ps', ['-p', String(pid), '-o', 'ppid='])).stdout.trim()) || undefined;
    } catch {
      return undefined;
    }
  }
}

/** PostgreSQL processes whose working directory is `dataDir` (Linux; elsewhere none are found). */
async function serverProcessesIn(dataDir: string): Promise<number[]> {
  let entries: string[];
  let dir: string;
  try {
    [entries, dir] = await Promise.all([readdir('/proc'), realpath(dataDir)]);
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if ((await readlink(`/proc/${entry}/cwd`)) !== dir) continue;
      if ((await readFile(`/proc/${entry}/comm`, 'utf8')).trim() !== 'postgres') continue;
      if (isAlive(Number(entry))) found.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to inspect.
    }
  }
  return found;
}
