/** The relationships area: typed links between entities, identified by (from, type, to). */
import { EFFECT_TYPES } from '../../domain/decisions';
import { relationshipId } from '../../domain/ids';
import { kindPairProblem, RELATIONSHIP_TYPES } from '../../domain/relationships';
import { compact, jsonOrNull, parsedProperties, Props, RelationshipInput, sourceInputs, sourceProps, storedRelationshipProps } from '../../db/records';
import { typePart } from '../parts';
import { readSliced, SeedArea } from './area';

/** Words in a quote, as the relationship rule counts them (whitespace-separated). */
export function wordCount(quote: string | null | undefined): number {
  return (quote ?? '').split(/\s+/).filter((w) => w !== '').length;
}

/** The least number of words of a quote that states a relationship. */
const MIN_RELATIONSHIP_QUOTE_WORDS = 5;

/** Relationship input to stored properties. */
function relationshipProps(r: RelationshipInput): Props {
  return compact({
    id: relationshipId(r.from, r.type, r.to),
    validFrom: r.validFrom,
    validTo: r.validTo,
    propertiesJson: jsonOrNull(r.properties),
    ...sourceProps(r.sources),
    // An effect of the decision it starts at: valid only while that decision is in force.
    isEffect: EFFECT_TYPES.includes(r.type) ? true : null,
  });
}

/** Relationships. */
export const relationships: SeedArea<'relationships', RelationshipInput> = {
  name: 'relationships',
  sections: [{ key: 'relationships', schemaDef: 'relationship', toItem: (raw) => raw, fromItem: (r) => r, holds: () => true }],
  mergeKey: (r) => `rel:${r.from}:${r.type}:${r.to}`,
  id: (r) => relationshipId(r.from, r.type, r.to),
  // The ends and type in order: a separator below every id character keeps (a, b) before (a-c, …).
  sortKey: (r) => [r.from, r.type, r.to].join('\u0001'),
  uniqueIds: false,
  references: (r) => ({ entities: [r.from, r.to, ...r.sources.map((s) => s.document)] }),
  lockIds: (r) => [r.from, r.to],
  touchedIds: (r) => [r.from, r.to],
  namesEntity: (entityId, id) => id.startsWith(`${entityId}:`) || id.endsWith(`:${entityId}`),
  stored: async (run, _ids, items, _external, soFar) => {
    // Only between two stored entities can a relationship be stored: the entities area read
    // every end the input names, so a first load (or a link to a new entity) reads nothing here.
    const ends = soFar.areas.entities?.byId;
    const keys = items.filter((r) => ends?.has(r.from) && ends.has(r.to)).map((r) => ({ from: r.from, type: r.type, to: r.to }));
    const rows = await readSliced(run, 'relationship/by-keys', 'keys', keys);
    return { byId: new Map(rows.map((r) => [r.rel.id as string, storedRelationshipProps(r.rel as Props)])) };
  },
  props: relationshipProps,
  row: (r, props) => ({ from: r.from, type: r.type, to: r.to, props }),
  upsert: 'seed/upsert-relationships',
  create: 'seed/create-relationships',
  writeParts: (row) => typePart(row.type as string),
  exportAll: 'seed/export-relationships',
  fromStored: (p) =>
    compact({
      from: p.fromId,
      type: p.type,
      to: p.toId,
      validFrom: p.validFrom,
      validTo: p.validTo,
      properties: parsedProperties(p),
      sources: sourceInputs(p),
    }) as unknown as RelationshipInput,
  check: (list, ctx) => {
    for (const { item, file, pointer } of list) {
      if (!RELATIONSHIP_TYPES.has(item.type)) ctx.at(file, `${pointer}/type`, `unknown relationship type "${item.type}"`);
      ctx.entityRef(file, `${pointer}/from`, item.from, 'entity');
      ctx.entityRef(file, `${pointer}/to`, item.to, 'entity');
      if (item.from === item.to) ctx.at(file, `${pointer}/to`, 'a relationship cannot link an entity to itself');
      const [fromKind, toKind] = [ctx.kindOf.get(item.from), ctx.kindOf.get(item.to)];
      const pair = fromKind && toKind ? kindPairProblem(item.type, fromKind, toKind) : null;
      if (pair) ctx.at(file, `${pointer}/${pair.end}`, pair.message);
      ctx.date(file, `${pointer}/validFrom`, item.validFrom);
      ctx.date(file, `${pointer}/validTo`, item.validTo);
      if (item.validFrom && item.validTo && item.validFrom > item.validTo) ctx.at(file, `${pointer}/validTo`, `is before validFrom ${item.validFrom}`);
      ctx.sources(file, pointer, item.sources, true);
      if (EFFECT_TYPES.includes(item.type) && ctx.kindOf.get(item.from) === 'DECISION' && !ctx.withStatusHistory.has(item.from)) {
        ctx.at(file, `${pointer}/from`, `an effect (${item.type}) of decision "${item.from}" needs the decision's status history: without it the effect would hold always`);
      }
      if (!item.sources.some((s) => wordCount(s.quote) >= MIN_RELATIONSHIP_QUOTE_WORDS)) {
        ctx.at(file, `${pointer}/sources`, `needs a quote of ${MIN_RELATIONSHIP_QUOTE_WORDS} words or more that states the relationship`);
      }
    }
  },
};
