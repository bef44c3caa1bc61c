import { uuidv7 } from './uuid';

describe('uuidv7', () => {
  it('is a version 7, RFC 9562 variant UUID', () => {
    expect(uuidv7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('encodes the timestamp in the first 48 bits, so ids sort by creation time', () => {
    const t = Date.UTC(2026, 10, 26, 12, 0, 0);
    const id = uuidv7(t);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(t);
    const ids = [uuidv7(t + 2), uuidv7(t), uuidv7(t + 1)];
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => uuidv7(0)));
    expect(ids.size).toBe(10_000);
  });
});
