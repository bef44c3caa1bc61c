import { describe, expect, it } from 'vitest';
import type { RouteRecordRaw } from 'vue-router';
import { routes } from './index';
import { ROUTE_NAMES } from './names';

const names = (records: RouteRecordRaw[]): string[] =>
  records.flatMap((r) => [...(typeof r.name === 'string' ? [r.name] : []), ...names(r.children ?? [])]);

describe('routes', () => {
  it('are exactly the names the phone pass visits (ROUTE_NAMES)', () => {
    expect(names(routes).sort()).toEqual([...ROUTE_NAMES].sort());
  });
});
