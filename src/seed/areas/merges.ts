/**
 * The merges area: former ids. A merge (`{from, into, reason}`, mergeEntities or a seed file's
 * `merges`) says that the entity `from` was found to be `into`: everything that named `from`
 * names `into`, and `from` answers for `into` (entity(id:), /entities/<id>, JSON-LD sameAs).
 * Stored as (:Merged {id: from, into, reason}); `into` lists its former ids in formerIds.
 * The move itself is src/seed/merge.ts; the seeder applies a declared merge whose `from` is
 * still stored before it compares (`before`, below), so seed files and the database agree.
 */
import type { Props } from '../../db/records';
import { joinStandingChanges, type StandingChange } from '../../domain/elements';
import { mergeInTransaction } from '../merge';
import { readSliced, SeedArea, type Problem } from './area';

/** One merge as seed files write it. */
export interface MergeInput {
  /** The former id. */
  from: string;
  /** The entity it was merged into. */
  into: string;
  /** Why the two are one. */
  reason: string;
}

/** Former ids. */
export const merges: SeedArea<'merges', MergeInput> = {
  name: 'merges',
  sections: [{ key: 'merges', schemaDef: 'merge', toItem: (raw) => raw, fromItem: (m) => m, holds: () => true }],
  mergeKey: (m) => `merge:${m.from}`,
  id: (m) => m.from,
  sortKey: (m) => m.from,
  // A former id is checked against the entities by the rules below and by seed/ids-in-use (which
  // reports it to an entity that would take it); it is not an element a write may replace.
  uniqueIds: false,
  references: (m) => ({ entities: [m.into] }),
  lockIds: (m) => [m.from, m.into],
  touchedIds: (m) => [m.from, m.into],
  reservedIdMessage: (id, into) => `id "${id}" is a former id: "${id}" was merged into "${into}" and answers for it; use another id`,
  // Declared merges whose `from` is still a stored entity are carried out (src/seed/merge.ts), in
  // the seed's transaction; a refused one is a problem at its place. Merges already applied (or of
  // an id never stored) are left to the rules below.
  before: async (run, list) => {
    const problems: Problem[] = [];
    let applied = 0;
    const standingChanges: StandingChange[][] = [];
    if (list.length === 0) return { problems, applied, standingChanges: [] };
    const live = new Set((await run('entity/by-ids', { ids: list.map((m) => m.item.from) })).map((r) => r.entity.id as string));
    for (const { item, file, pointer } of list) {
      if (!live.has(item.from)) continue;
      const outcome = await mergeInTransaction(run, item);
      if (outcome.refused) problems.push({ file, pointer: `${pointer}/${outcome.argument}`, message: outcome.message });
      else {
        applied++;
        standingChanges.push(outcome.standingChanges);
      }
    }
    return { problems, applied, standingChanges: joinStandingChanges(...standingChanges) };
  },
  stored: async (run, _ids, items, _external, soFar) => {
    const rows = soFar.counts.entities === 0 ? [] : await readSliced(run, 'seed/merges-by-ids', 'ids', items.map((m) => m.from));
    return { byId: new Map(rows.map((r) => [r.former.id as string, r.former as Props])) };
  },
  props: (m) => ({ id: m.from, into: m.into, reason: m.reason }),
  row: (m, props) => ({ id: m.from, props }),
  upsert: 'seed/upsert-merges',
  exportAll: 'seed/export-merges',
  fromStored: (p) => ({ from: p.id as string, into: p.into as string, reason: p.reason as string }),
  check: (list, ctx) => {
    const froms = new Map(list.map(({ item, file, pointer }) => [item.from, `${file}:${pointer}`]));
    for (const { item, file, pointer } of list) {
      if (item.from === item.into) ctx.at(file, `${pointer}/into`, 'an entity is not merged into itself');
      ctx.entityRef(file, `${pointer}/into`, item.into, 'entity');
      // One hop: a former id answers for an entity that exists, not for another former id.
      const chained = froms.get(item.into);
      if (chained) ctx.at(file, `${pointer}/into`, `"${item.into}" is itself merged away (${chained}): merge into the entity that stays`);
      // Once merged, the old id is no entity: the seeder has moved it before it checks (a stored
      // one), so an entity still here is one the input itself defines.
      const kind = ctx.kindOf.get(item.from);
      if (kind !== undefined) ctx.at(file, `${pointer}/from`, `"${item.from}" is still an entity (a ${kind}): a merged entity's elements are written under "${item.into}", and its id only here`);
    }
  },
};
