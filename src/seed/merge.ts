/**
 * Merging one entity into another, in the caller's write transaction: everything that names
 * `from` (its relationships, the claims it makes alone or jointly, is a subject of or is cited
 * by, the entities that cite it) is rewritten to name `into`; its aliases, labels, identifiers and
 * citations join those of `into`; the evidence rule re-runs over every proposition a moved claim
 * is on; and `from` becomes a former id (:Merged) that answers for `into`. Used by
 * Mutation.mergeEntities and by the seeder for a seed file's `merges` not yet applied.
 *
 * The rewrite works on the seed form of each element (the areas' fromStored, props and row), so
 * what is written is what a seed file naming `into` would write. Refusals are returned before
 * anything is written, never thrown: the executor would take a throw for a database fault.
 */
import type { Row, TxRun } from '../db/executor';
import { ClaimInput, compact, EntityInput, Props, RelationshipInput, SourceInput, stable, storedRelationshipProps } from '../db/records';
import { ErrorCode } from '../errors';
import { relationshipId } from '../domain/ids';
import { AREA_BY_NAME } from './areas';
import { entityInputFromProps } from './areas/entities';
import type { MergeInput } from './areas/merges';
import { scoreEvidence, upsertRows } from './seeder';
import { claimLinkRows } from './areas/claims';
import type { StandingChange } from '../domain/elements';

/** A merge refused: the code, the argument (or seed pointer) it is about, and why. Nothing was written. */
interface MergeRefusal {
  refused: true;
  code: ErrorCode;
  argument: 'from' | 'into' | 'reason';
  message: string;
  details?: Record<string, unknown>;
}

/** One element a merge changed, as the audit log records it: stored properties before and after (null: removed or new). */
interface MergeChange {
  area: string;
  id: string;
  before: Props | null;
  after: Props | null;
}

/** What a merge did. */
interface MergeDone {
  refused: false;
  changes: MergeChange[];
  /** Ids the audit entry is found by: both entities and every element the merge rewrote or re-scored. */
  entityIds: string[];
  /** Every former id `into` now answers for. */
  formerIds: string[];
  /** Claims whose status the merge changed (scoreEvidence's answer), for the audit entry. */
  standingChanges: StandingChange[];
}

const refuse = (code: ErrorCode, argument: MergeRefusal['argument'], message: string, details?: Record<string, unknown>): MergeRefusal => ({ refused: true, code, argument, message, details });

const unique = <T>(list: T[], key: (x: T) => string = (x) => String(x)): T[] => {
  const seen = new Set<string>();
  return list.filter((x) => !seen.has(key(x)) && !!seen.add(key(x)));
};

/** Every id-valued key of the seed forms (a citation's document, a publisher, a status change's judgment), rewritten. */
const ID_KEYS = new Set(['document', 'publisher', 'by']);

/** A copy of a seed-form element with `from` replaced by `into` wherever it stands as a referenced id. */
function renamed<T>(value: T, from: string, into: string): T {
  if (Array.isArray(value)) return value.map((v) => renamed(v, from, into)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ID_KEYS.has(k) && v === from ? into : renamed(v, from, into)])) as T;
  }
  return value;
}

const sourcesOf = (list: SourceInput[] | undefined) => unique(list ?? [], stable);

/** A claim naming `from` (as claimant, co-claimant, subject, cited or rested-on document), naming `into` instead. */
function movedClaim(c: ClaimInput, from: string, into: string): ClaimInput {
  const sub = (id: string) => (id === from ? into : id);
  const r = renamed(c, from, into);
  const claimant = sub(c.claimant);
  const coClaimants = unique((c.coClaimants ?? []).map(sub)).filter((id) => id !== claimant);
  return compact({
    ...r,
    claimant,
    subjects: unique(c.subjects.map(sub)),
    sources: sourcesOf(r.sources),
    basedOnDocuments: c.basedOnDocuments ? unique(c.basedOnDocuments.map(sub)) : undefined,
    coClaimants: c.coClaimants ? coClaimants : undefined,
  } as unknown as Props) as unknown as ClaimInput;
}

/** A document's held text as parts (the first, then alsoHeldIn); none for an entity without one. */
const heldParts = (e: EntityInput) => (e.textFile ? [{ textFile: e.textFile, textSection: e.textSection ?? null }, ...(e.alsoHeldIn ?? [])] : []);

/**
 * Where the merged document's held text is: the quotes that cited either are checked against it.
 * `into`'s, with `from`'s parts as further parts (alsoHeldIn), or `from`'s where `into` has none.
 * Null when `from` is held as a whole file and `into` has a text: a part is a section of a file.
 */
function combinedHeldText(into: EntityInput, from: EntityInput): Pick<EntityInput, 'textFile' | 'textSection' | 'alsoHeldIn'> | null {
  const extra = heldParts(from);
  if (extra.length === 0) return { textFile: into.textFile, textSection: into.textSection, alsoHeldIn: into.alsoHeldIn };
  if (!into.textFile) return { textFile: from.textFile, textSection: from.textSection, alsoHeldIn: from.alsoHeldIn };
  if (extra.some((p) => !p.textSection)) return null;
  const alsoHeldIn = unique([...(into.alsoHeldIn ?? []), ...(extra as { textFile: string; textSection: string }[])], stable).filter((p) => p.textFile !== into.textFile || p.textSection !== into.textSection);
  return { textFile: into.textFile, textSection: into.textSection, alsoHeldIn: alsoHeldIn.length > 0 ? alsoHeldIn : null };
}

/** `into` with what `from` had that it lacks: aliases, labels, identifiers, citations, a description, held text. */
function combinedEntity(into: EntityInput, from: EntityInput): EntityInput {
  // The former name is not made an alias: an alias must be stated by a held text (seed rules);
  // a curator adds it with upsertEntity where one does.
  const aliases = unique([...(into.aliases ?? []), ...(from.aliases ?? [])]).filter((a) => a !== into.name);
  const labels = unique([...(into.labels ?? []), ...(from.labels ?? [])], (l) => `${l.language}\u0001${l.name}`);
  const identifiers = unique([...(into.identifiers ?? []), ...(from.identifiers ?? [])], (i) => `${i.scheme}\u0001${i.value}`);
  const sources = sourcesOf([...(into.sources ?? []), ...(from.sources ?? [])]);
  return compact({
    ...into,
    ...combinedHeldText(into, from),
    aliases,
    labels: labels.length > 0 ? labels : null,
    identifiers: identifiers.length > 0 ? identifiers : null,
    description: into.description ?? from.description,
    sources: sources.length > 0 || into.kind !== 'DOCUMENT' ? sources : null,
  } as unknown as Props) as unknown as EntityInput;
}

/** Two relationships that became one: the one `into` had, with the other's citations (and what it lacked). */
function combinedRelationship(kept: RelationshipInput, moved: RelationshipInput): RelationshipInput {
  return compact({
    ...kept,
    validFrom: kept.validFrom ?? moved.validFrom,
    validTo: kept.validTo ?? moved.validTo,
    properties: kept.properties ?? moved.properties,
    sources: sourcesOf([...kept.sources, ...moved.sources]),
  } as unknown as Props) as unknown as RelationshipInput;
}

/** Does one of the two correct or supersede the other (a claimant who changed their mind)? */
const replaces = (a: ClaimInput, b: ClaimInput) => [...(a.corrects ?? []), ...(a.supersedes ?? [])].includes(b.id);

/**
 * The first pair of claims the merge would give one claimant on both sides of one proposition:
 * one made by (or jointly with) `from`, one by `into`, opposite polarities, neither a question
 * (a question asserts nothing) nor the correction or replacement of the other.
 */
function sidesConflict(fromSide: ClaimInput[], intoSide: ClaimInput[]): [ClaimInput, ClaimInput] | null {
  for (const a of fromSide) {
    for (const b of intoSide) {
      if (a.id === b.id || a.proposition !== b.proposition || a.polarity === b.polarity) continue;
      if (a.kind === 'QUESTION' || b.kind === 'QUESTION' || replaces(a, b) || replaces(b, a)) continue;
      return [a, b];
    }
  }
  return null;
}

/** Why an id names no entity: unknown, or merged into another already. */
async function missing(run: TxRun, argument: 'from' | 'into', id: string): Promise<MergeRefusal> {
  const [merged] = await run('seed/merges-by-ids', { ids: [id] });
  if (merged) return refuse(ErrorCode.BAD_USER_INPUT, argument, `"${id}" was already merged into "${merged.former.into}"${argument === 'into' ? `: merge into "${merged.former.into}"` : ''}`);
  return refuse(ErrorCode.BAD_USER_INPUT, argument, `no entity has id "${id}"`);
}

/**
 * Merges entity `from` into entity `into` through `run` (a write transaction the caller owns and
 * audits). Refused, with nothing written: the same id twice, an unknown or already merged id,
 * two kinds, or a claimant who would stand on both sides of one proposition.
 */
export async function mergeInTransaction(run: TxRun, { from, into, reason }: MergeInput): Promise<MergeDone | MergeRefusal> {
  if (!reason.trim()) return refuse(ErrorCode.BAD_USER_INPUT, 'reason', 'must say why the two entities are one');
  if (from === into) return refuse(ErrorCode.BAD_USER_INPUT, 'into', `is "${from}" itself: an entity is not merged into itself`);
  // Locked before anything is read, as deleteEntity and the curation writes lock what they touch.
  await run('seed/lock', { ids: [from, into] });
  const found = new Map((await run('entity/by-ids', { ids: [from, into] })).map((r) => [r.entity.id as string, r.entity as Props]));
  const [fromProps, intoProps] = [found.get(from), found.get(into)];
  if (!fromProps) return missing(run, 'from', from);
  if (!intoProps) return missing(run, 'into', into);
  if (fromProps.kind !== intoProps.kind) {
    return refuse(ErrorCode.BAD_USER_INPUT, 'into', `"${from}" is a ${fromProps.kind} and "${into}" a ${intoProps.kind}: only entities of one kind are one entity (if a kind is wrong, correct it with upsertEntity first)`);
  }

  if (!combinedHeldText(entityInputFromProps(intoProps), entityInputFromProps(fromProps))) {
    return refuse(ErrorCode.BAD_USER_INPUT, 'from', `"${from}" is held as the whole file ${fromProps.textFile as string}, which cannot be a further part of the held text of "${into}" (a part is a section of a file): merge "${into}" into "${from}" instead`);
  }

  const [scope] = await run('entity/merge-scope', { from, into });
  const claimArea = AREA_BY_NAME.get('claims')!;
  const relArea = AREA_BY_NAME.get('relationships')!;
  const entityArea = AREA_BY_NAME.get('entities')!;
  const claimIds = scope!.claimIds as string[];
  const storedClaims = new Map((await run('claim/by-ids', { ids: unique([...claimIds, ...(scope!.intoClaimIds as string[])]) })).map((r) => [r.claim.id as string, r.claim as Props]));
  const claimOf = (id: string) => claimArea.fromStored(storedClaims.get(id)!) as ClaimInput;
  const moved = claimIds.map((id) => ({ before: claimOf(id), after: movedClaim(claimOf(id), from, into) }));

  const fromSide = moved.filter(({ before }) => before.claimant === from || (before.coClaimants ?? []).includes(from)).map((m) => m.after);
  const intoSide = (scope!.intoClaimIds as string[]).map(claimOf);
  const conflict = sidesConflict(fromSide, intoSide);
  if (conflict) {
    const [a, b] = conflict;
    return refuse(
      ErrorCode.CONFLICT,
      'from',
      `merging "${from}" into "${into}" would put two claims of claimant "${into}" (${intoProps.name}) on both sides of proposition "${a.proposition}": claim "${a.id}" (${a.polarity}, made by "${from}") and claim "${b.id}" (${b.polarity}); correct or supersede one of them first. Nothing was merged`,
      { claimant: into, proposition: a.proposition, claims: [a.id, b.id] },
    );
  }

  // Relationships: an end at `from` moves to `into` (the one between the two goes: an entity is
  // not related to itself), a citation of `from` cites `into`, and two that became one keep the
  // one `into` had, with the other's citations.
  const movedKeys = new Set((scope!.relationshipKeys as Row[]).map((k) => relationshipId(k.from, k.type, k.to)));
  const relRows = await run('relationship/by-keys', { keys: unique([...(scope!.relationshipKeys as Row[]), ...(scope!.intoRelationshipKeys as Row[])], (k) => relationshipId(k.from, k.type, k.to)) });
  const relBefore = new Map(relRows.map((r) => [r.rel.id as string, { props: storedRelationshipProps(r.rel as Props), item: relArea.fromStored(r.rel as Props) as RelationshipInput }]));
  const finalRels = new Map<string, RelationshipInput>();
  for (const [id, r] of relBefore) if (!movedKeys.has(id)) finalRels.set(id, r.item);
  const writtenRels = new Set<string>();
  const changes: MergeChange[] = [];
  for (const id of movedKeys) {
    const r = relBefore.get(id)!;
    const after = renamed({ ...r.item, from: r.item.from === from ? into : r.item.from, to: r.item.to === from ? into : r.item.to }, from, into);
    if (after.from === after.to) {
      changes.push({ area: 'relationships', id, before: r.props, after: null });
      continue;
    }
    const key = relationshipId(after.from, after.type, after.to);
    const kept = finalRels.get(key);
    finalRels.set(key, kept ? combinedRelationship(kept, after) : { ...after, sources: sourcesOf(after.sources) });
    writtenRels.add(key);
    if (key !== id) changes.push({ area: 'relationships', id, before: r.props, after: null });
  }
  const relWrites = [...writtenRels].map((key) => finalRels.get(key)!);

  // Entities that cite `from`, and `into` with what `from` had.
  const citing = (scope!.entityIds as string[]).filter((id) => id !== from);
  const citingRows = citing.length > 0 ? await run('entity/by-ids', { ids: citing }) : [];
  const entityWrites = new Map<string, EntityInput>(citingRows.map((r) => [r.entity.id as string, renamed(entityInputFromProps(r.entity as Props), from, into)]));
  const intoInput = entityWrites.get(into) ?? entityInputFromProps(intoProps);
  entityWrites.set(into, combinedEntity(intoInput, renamed(entityInputFromProps(fromProps), from, into)));
  const entityBefore = new Map<string, Props>([[into, intoProps], ...citingRows.map((r): [string, Props] => [r.entity.id as string, r.entity as Props])]);

  // Written as a seed would write them: entities, relationships, claims and their evidence edges.
  const entityItems = [...entityWrites.values()];
  await upsertRows(run, 'entities', entityItems.map((e) => entityArea.row(e, entityArea.props(e))));
  await upsertRows(run, 'relationships', relWrites.map((r) => relArea.row(r, relArea.props(r))));
  const claimItems = moved.map((m) => m.after);
  await upsertRows(run, 'claims', claimItems.map((c) => claimArea.row(c, claimArea.props(c))));
  if (claimItems.length > 0) await run('seed/link-claims', { rows: claimLinkRows(claimItems) });
  const [retired] = await run('entity/merge-retire', { from, into, reason });
  // The lines of every proposition a moved claim is on: two claimants who became one are one line.
  const standingChanges = await scoreEvidence(run, claimItems.map((c) => c.id), unique(claimItems.map((c) => c.proposition)));

  for (const e of entityItems) {
    const before = entityBefore.get(e.id) ?? null;
    changes.push({ area: 'entities', id: e.id, before, after: entityArea.props(e) });
  }
  changes.push({ area: 'entities', id: from, before: fromProps, after: null });
  for (const r of relWrites) {
    const id = relationshipId(r.from, r.type, r.to);
    changes.push({ area: 'relationships', id, before: relBefore.get(id)?.props ?? null, after: relArea.props(r) });
  }
  for (const m of moved) changes.push({ area: 'claims', id: m.after.id, before: claimArea.props(m.before), after: claimArea.props(m.after) });
  changes.push({ area: 'merges', id: from, before: null, after: { id: from, into, reason } });

  const entityIds = unique([
    from,
    into,
    ...entityItems.map((e) => e.id),
    ...relWrites.flatMap((r) => [r.from, r.to]),
    ...claimItems.flatMap((c) => claimArea.touchedIds(c)),
  ]).sort();
  return { refused: false, changes, entityIds, formerIds: (retired?.formerIds as string[] | undefined) ?? [from], standingChanges };
}
