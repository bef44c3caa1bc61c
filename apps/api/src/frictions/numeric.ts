import type { ValueTransformer } from 'typeorm';

/**
 * numeric columns as numbers in the entity (PostgreSQL returns them as text). The column keeps the
 * exact decimal; the API rounds money and hours through @rumbo/method before they are stored.
 */
export const numeric: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
