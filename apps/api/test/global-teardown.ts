import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PreparedDatabase } from '../src/platform/database/database-bootstrap';

export default async function globalTeardown(): Promise<void> {
  const database = (globalThis as { __rumboTestDb?: PreparedDatabase }).__rumboTestDb;
  await database?.close();
  // The embedded cluster lives in <tmp>/rumbo-test-*/pg: remove the whole throwaway directory.
  const dataDir = database?.embedded?.dataDir;
  if (dataDir) rmSync(dirname(dataDir), { recursive: true, force: true });
}
