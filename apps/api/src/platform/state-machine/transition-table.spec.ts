import { TransitionTable } from './transition-table';

const STATES = ['draft', 'submitted', 'validated'] as const;
type State = (typeof STATES)[number];

const table = new TransitionTable('assessment', STATES, {
  submit: { from: ['draft'], to: 'submitted', access: 'write' },
  validate: { from: ['submitted'], to: 'validated', access: 'admin' },
  reopen: { from: ['submitted', 'validated'], to: 'draft', access: 'admin', idempotent: true },
});

describe('TransitionTable', () => {
  it('moves from an allowed state, refuses from the others, and stays where an idempotent action already led', () => {
    expect(table.decide('submit', 'draft')).toEqual({ kind: 'move', from: 'draft', to: 'submitted' });
    expect(table.decide('submit', 'submitted')).toEqual({ kind: 'refuse', state: 'submitted', allowedFrom: ['draft'] });
    expect(table.decide('validate', 'draft')).toEqual({ kind: 'refuse', state: 'draft', allowedFrom: ['submitted'] });
    expect(table.decide('reopen', 'validated')).toEqual({ kind: 'move', from: 'validated', to: 'draft' });
    expect(table.decide('reopen', 'draft')).toEqual({ kind: 'stay', state: 'draft' });
  });

  it('decides every action in every state, never both moving and refusing', () => {
    for (const action of ['submit', 'validate', 'reopen'] as const) {
      for (const state of STATES) {
        const decision = table.decide(action, state);
        expect(['move', 'stay', 'refuse']).toContain(decision.kind);
        if (decision.kind === 'move') expect(table.rules[action].from).toContain(state);
      }
    }
  });

  it('gives each action its access level, its description and the actions open from a state', () => {
    expect(table.access('validate')).toBe('admin');
    expect(table.describe('submit')).toBe('draft → submitted');
    expect(table.describe('reopen')).toBe('submitted, validated → draft (already draft: no change)');
    expect(table.actionsFrom('submitted')).toEqual(['validate', 'reopen']);
    expect(table.actionsFrom('draft' as State)).toEqual(['submit']);
  });

  it('refuses a table naming unknown states, an action from nowhere, or a silent self-loop', () => {
    expect(() => new TransitionTable('x', STATES, { go: { from: ['archived' as State], to: 'draft', access: 'write' } })).toThrow(
      /unknown states: archived/,
    );
    expect(() => new TransitionTable('x', STATES, { go: { from: [], to: 'draft', access: 'write' } })).toThrow(/starts from no state/);
    expect(() => new TransitionTable('x', STATES, { go: { from: ['draft'], to: 'draft', access: 'write' } })).toThrow(/idempotent/);
  });
});
