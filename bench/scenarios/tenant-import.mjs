// POST /v1/tenants/{id}/import of a generated 10,000-row CSV hierarchy (25 regions, 175 provinces,
// 9,800 municipalities) through the real API, as a platform administrator (auth, unit of work, RLS,
// validation, set-based writes with the ancestors trigger, audit), vs the raw floor on the same
// database: COPY of the same CSV into a staging table plus one INSERT … SELECT (a recursive CTE
// deriving parents and ancestor paths) into a scratch copy of `tenants` with the same indexes but no
// trigger, foreign key or row-level security. Each run imports into a fresh root tenant, so both
// sides always insert 10,000 new rows. The re-import of the same file (all unchanged) is timed too
// and kept in the results JSON as subject.reimport.
import pg from 'pg';
import { copyFrom } from '../lib/pg-copy.mjs';
import { BENCH_ADMIN, callApi as api, startRumboApi } from '../lib/rumbo-api.mjs';

const RUNS = 5;
const WARMUP_RUNS = 1;

/** The hierarchy as CSV, codes prefixed so every run's rows are new. 10,000 data rows. */
function hierarchyCsv(prefix) {
  const lines = ['code,parentCode,kind,name,population'];
  for (let r = 0; r < 25; r++) {
    const region = `${prefix}-R${r}`;
    lines.push(`${region},,region,Región ${r},${1_000_000 + r}`);
    for (let p = 0; p < 7; p++) {
      const province = `${prefix}-P${r}-${p}`;
      lines.push(`${province},${region},province,"Provincia ${r}, ${p}",${100_000 + p}`);
      for (let m = 0; m < 56; m++) lines.push(`${prefix}-M${r}-${p}-${m},${province},municipality,Municipio ${r}/${p}/${m},${m * 137}`);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

export default {
  name: 'tenant-import',
  baseline: 'raw COPY of the same CSV into a staging table + one INSERT … SELECT into a scratch copy of tenants (pg, owner role)',

  async run(ctx) {
    // The raw side connects as the database owner, to the database the API uses.
    const { base, ownerUrl } = await startRumboApi(ctx);
    const client = new pg.Client({ connectionString: ownerUrl, application_name: 'rumbo-bench-raw' });
    await client.connect();
    const scratch = `bench_import_${process.pid}`;
    try {
      await client.query(`CREATE TABLE ${scratch}_staging (code text, parent_code text, kind text, name text, population integer)`);
      await client.query(`CREATE TABLE ${scratch}_tenants (LIKE tenants INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);

      const { accessToken: token } = await api(base, '/v1/auth/login', { method: 'POST', body: BENCH_ADMIN });
      // One fresh root per run (created before timing), the same file content for both sides.
      const slots = [];
      for (let i = 0; i < WARMUP_RUNS + RUNS; i++) {
        const prefix = `B${Date.now().toString(36)}${i}`;
        const root = await api(base, '/v1/tenants', {
          method: 'POST',
          token,
          body: { code: `${prefix}-ROOT`, kind: 'country', name: `Bench ${prefix}` },
        });
        slots.push({ rootId: root.id, csv: hierarchyCsv(prefix) });
      }
      ctx.log(
        `  ${WARMUP_RUNS} warm-up + ${RUNS} measured imports per side, ${Buffer.byteLength(slots[0].csv).toLocaleString('en-US')} bytes each`,
      );

      let nextSubject = 0;
      let nextBaseline = 0;
      const importOnce = async (slot, expected) => {
        const result = await api(base, `/v1/tenants/${slot.rootId}/import`, {
          method: 'POST',
          token,
          body: slot.csv,
          contentType: 'text/csv; charset=utf-8',
        });
        const got = `${result.created}/${result.updated}/${result.unchanged}/${result.rejected.length}`;
        if (got !== expected) throw new Error(`import answered created/updated/unchanged/rejected ${got}, expected ${expected}`);
      };

      const { subject, baseline } = await ctx.compareTime({
        runs: RUNS,
        warmupRuns: WARMUP_RUNS,
        subject: () => importOnce(slots[nextSubject++], '10000/0/0/0'),
        baseline: async () => {
          const slot = slots[nextBaseline++];
          await client.query('BEGIN');
          await client.query(`TRUNCATE ${scratch}_staging`);
          const copied = await copyFrom(
            client,
            `COPY ${scratch}_staging (code, parent_code, kind, name, population) FROM STDIN WITH (FORMAT csv, HEADER true)`,
            slot.csv,
          );
          const inserted = await client.query(
            `INSERT INTO ${scratch}_tenants (id, parent_id, ancestors, depth, kind, code, name, population)
             WITH RECURSIVE staged AS MATERIALIZED (SELECT gen_random_uuid() AS id, * FROM ${scratch}_staging),
             tree AS (
               SELECT s.id, s.code, s.kind, s.name, s.population, $1::uuid AS parent_id, ARRAY[$1::uuid] AS ancestors
                 FROM staged s WHERE s.parent_code IS NULL
               UNION ALL
               SELECT s.id, s.code, s.kind, s.name, s.population, t.id, t.ancestors || t.id
                 FROM staged s JOIN tree t ON s.parent_code = t.code)
             SELECT id, parent_id, ancestors, cardinality(ancestors), kind, code, name, population FROM tree`,
            [slot.rootId],
          );
          await client.query('COMMIT');
          if (copied !== 10_000 || inserted.rowCount !== 10_000)
            throw new Error(`raw side copied ${copied}, inserted ${inserted.rowCount}`);
        },
      });

      // Re-import of the measured files: everything is unchanged.
      let nextReimport = WARMUP_RUNS;
      subject.reimport = await ctx.time(() => importOnce(slots[nextReimport++], '0/0/10000/0'), { runs: RUNS, warmupRuns: 0 });
      ctx.log(
        `  import ${subject.value.toFixed(0)} ms, raw ${baseline.value.toFixed(0)} ms; re-import (all unchanged) ${subject.reimport.value.toFixed(0)} ms`,
      );
      return { subject, baseline };
    } finally {
      await client.query(`DROP TABLE IF EXISTS ${scratch}_staging, ${scratch}_tenants`).catch(() => {});
      await client.end();
    }
  },
};
