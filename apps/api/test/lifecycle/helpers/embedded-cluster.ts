import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { isAlive } from '../../../src/platform/lifecycle/leftover-server';
import { REPO_ROOT } from './api-process';

/** The embedded cluster of an API started with RUMBO_DATA_DIR=`dataDir`, as seen from its files. */
export interface ClusterFiles {
  /** The postmaster named by postmaster.pid, if that file exists. */
  postmasterPid(): number | undefined;
  /** Owner connection string of the `rumbo` database, on the port the running server listens on. */
  ownerUrl(): string;
  /** A connected owner client; errors (the server going away under it) are recorded, not thrown. */
  owner(): Promise<Client & { lastError?: Error }>;
}

export function clusterFiles(dataDir: string): ClusterFiles {
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  const lines = () => (existsSync(pidFile) ? readFileSync(pidFile, 'utf8').split('\n') : []);
  const ownerUrl = () => {
    const { user, password } = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { user: string; password: string };
    const port = Number(lines()[3]);
    if (!port) throw new Error(`no running server on ${dataDir}`);
    return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/rumbo`;
  };
  return {
    postmasterPid: () => {
      const pid = Number(lines()[0]);
      return pid > 0 ? pid : undefined;
    },
    ownerUrl,
    owner: async () => {
      const client: Client & { lastError?: Error } = new Client({ connectionString: ownerUrl(), application_name: 'rumbo-test-owner' });
      client.on('error', (error) => (client.lastError = error));
      await client.connect();
      return client;
    },
  };
}

/** A process that exists and is not a zombie (an orphan's new parent may take a moment to reap it). */
export function isRunning(pid: number | undefined): boolean {
  return pid !== undefined && isAlive(pid);
}

/** scripts/verify-audit-chain.mjs, the auditor's independent check, run against a live API. */
export function runAuditVerifier(
  url: string,
  tenantId: string,
  token: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['scripts/verify-audit-chain.mjs', '--url', url, '--tenant', tenantId, '--token', token], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}
