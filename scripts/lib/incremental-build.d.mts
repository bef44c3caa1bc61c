// Types of incremental-build.mjs, for the API's test suite that drives it.
export interface Workspace {
  name: string;
  dir: string;
  inputs: string[];
  exclude?: RegExp;
  outputs: string[];
  dependsOn?: string[];
  env?: RegExp;
  buildEnv?: Record<string, string>;
  clean?: boolean;
}

export interface Manifest {
  version: number;
  name: string;
  key: string;
  /** fingerprintOutputs() of the dist the build left. */
  outputs: string;
  files: Record<string, string>;
}

export interface BuildResult {
  name: string;
  status: 'skipped' | 'built' | 'failed';
  reason: string;
  ms: number;
}

export const MANIFEST_VERSION: number;
export const MANIFEST_FILE: string;
export function hashInputs(
  root: string,
  workspace: Workspace,
  upstreamKeys?: Record<string, string>,
  env?: NodeJS.ProcessEnv,
): { key: string; files: Record<string, string> };
export function fingerprintOutputs(root: string, workspace: Workspace): string;
export function manifestPath(root: string, workspace: Workspace): string;
export function readManifest(root: string, workspace: Workspace): Manifest | undefined;
export function describeChange(manifest: Manifest | undefined, current: { files: Record<string, string> }): string;
export function isUpToDate(
  root: string,
  workspace: Workspace,
  current: { key: string },
): { upToDate: boolean; manifest?: Manifest; missing?: string; rewritten?: boolean };
export function buildWorkspaces(
  root: string,
  workspaces: Workspace[],
  options: { changedOnly: boolean; run: (workspace: Workspace) => number; log?: (line: string) => void; env?: NodeJS.ProcessEnv },
): BuildResult[];
