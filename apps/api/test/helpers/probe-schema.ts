import { Client } from 'pg';
import { tenantTableRls } from '../../src/platform/database/rls';

/** Tenant-owned tables built exactly like the product's: (tenant_id, id) keys, composite FK, forced RLS. */
export async function createProbeSchema(ownerUrl: string, appUrl: string): Promise<void> {
  const appRole = decodeURIComponent(new URL(appUrl).username);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS probe_links, probe_items');
    await client.query(`CREATE TABLE probe_items (
      tenant_id uuid NOT NULL, id uuid NOT NULL, code text NOT NULL,
      PRIMARY KEY (tenant_id, id), CONSTRAINT uq_probe_items_code UNIQUE (tenant_id, code))`);
    await client.query(`CREATE TABLE probe_links (
      tenant_id uuid NOT NULL, id uuid NOT NULL, item_id uuid NOT NULL,
      PRIMARY KEY (tenant_id, id),
      CONSTRAINT fk_probe_links_item FOREIGN KEY (tenant_id, item_id) REFERENCES probe_items (tenant_id, id))`);
    for (const sql of [...tenantTableRls('probe_items'), ...tenantTableRls('probe_links')]) await client.query(sql);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON probe_items, probe_links TO "${appRole}"`);
  } finally {
    await client.end();
  }
}

export async function dropProbeSchema(ownerUrl: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS probe_links, probe_items');
  } finally {
    await client.end();
  }
}
