import { TransitionTable } from '../../../platform/state-machine/transition-table';
import { SCORING_MODEL_STATUSES } from './scoring-model.entity';

/**
 * The scoring-model lifecycle (a transition table, not ifs):
 *
 * - `edit`: only a draft changes or is deleted (analysts and admins);
 * - `activate`: an administrator makes a draft (or a retired version) the tenant's one active model;
 *   activating the active one changes nothing;
 * - `retire`: what activation does to the model active before it (never asked for directly).
 */
export const SCORING_MODEL_LIFECYCLE = new TransitionTable('scoring-model', SCORING_MODEL_STATUSES, {
  edit: { from: ['draft'], to: 'draft', access: 'write', idempotent: true },
  activate: { from: ['draft', 'retired'], to: 'active', access: 'admin', idempotent: true },
  retire: { from: ['active'], to: 'retired', access: 'admin' },
});
