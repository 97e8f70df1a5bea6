/** The propositions area: statements that claims affirm or deny. */
import type { PropositionInput, Props } from '../../db/records';
import { readSliced, SeedArea } from './area';

/** Propositions. */
export const propositions: SeedArea<'propositions', PropositionInput> = {
  name: 'propositions',
  sections: [{ key: 'propositions', schemaDef: 'proposition', toItem: (raw) => raw, fromItem: (p) => p, holds: () => true }],
  mergeKey: (p) => `node:${p.id}`,
  id: (p) => p.id,
  sortKey: (p) => p.id,
  uniqueIds: true,
  references: () => ({}),
  lockIds: (p) => [p.id],
  touchedIds: (p) => [p.id],
  knownFromStored: (stored, known) => {
    for (const id of stored.byId.keys()) known.propositions.add(id);
  },
  know: (k, known, items) => {
    for (const id of known.propositions) k.propositions.add(id);
    for (const p of items) k.propositions.add(p.id);
  },
  stored: async (run, ids, _items, _external, soFar) => {
    const rows = soFar.counts.propositions === 0 ? [] : await readSliced(run, 'claim/propositions-by-ids', 'ids', ids);
    return { byId: new Map(rows.map((r) => [r.proposition.id as string, r.proposition as Props])) };
  },
  props: (p) => ({ id: p.id, text: p.text }),
  row: (_p, props) => props,
  upsert: 'seed/upsert-propositions',
  exportAll: 'seed/export-propositions',
  fromStored: (p) => ({ id: p.id as string, text: p.text as string }),
  check: () => undefined,
};
