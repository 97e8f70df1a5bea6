/**
 * The claims area: who said what about whom, on which proposition, resting on what. After every
 * area's rows are written the seeder links its evidence edges and re-runs the evidence rule
 * (`evidence`, seeder.ts).
 */
import { basedOnCycles } from '../../domain/evidence';
import { ClaimInput, compact, DERIVED_CLAIM_PROPS, Props, sourceInputs, sourceProps } from '../../db/records';
import type { Row } from '../../db/executor';
import { readSliced, SeedArea } from './area';

/** Claim input to stored properties. */
function claimProps(c: ClaimInput): Props {
  return compact({
    id: c.id,
    text: c.text,
    claimantId: c.claimant,
    subjectIds: [...c.subjects],
    propositionId: c.proposition,
    polarity: c.polarity,
    madeOn: c.madeOn,
    ...sourceProps(c.sources),
    kind: c.kind ?? 'ASSERTION',
    basedOnIds: [...(c.basedOn ?? [])],
    basedOnDocumentIds: [...(c.basedOnDocuments ?? [])],
    qualifiesIds: [...(c.qualifies ?? [])],
    coClaimantIds: [...(c.coClaimants ?? [])],
    correctsIds: [...(c.corrects ?? [])],
    supersedesIds: [...(c.supersedes ?? [])],
  });
}

/** The evidence edges of claims, as seed/link-claims takes them. */
export function claimLinkRows(claims: ClaimInput[]): Row[] {
  return claims.map((item) => ({
    id: item.id,
    basedOn: item.basedOn ?? [],
    basedOnDocuments: item.basedOnDocuments ?? [],
    qualifies: item.qualifies ?? [],
    corrects: item.corrects ?? [],
    supersedes: item.supersedes ?? [],
    coClaimants: item.coClaimants ?? [],
  }));
}

const nonEmpty = (list: unknown) => (Array.isArray(list) && list.length > 0 ? (list as string[]) : null);

/** Claims. */
export const claims: SeedArea<'claims', ClaimInput> = {
  name: 'claims',
  sections: [{ key: 'claims', schemaDef: 'claim', toItem: (raw) => raw, fromItem: (c) => c, holds: () => true }],
  mergeKey: (c) => `node:${c.id}`,
  id: (c) => c.id,
  sortKey: (c) => c.id,
  uniqueIds: true,
  references: (c) => ({
    entities: [c.claimant, ...(c.coClaimants ?? []), ...c.subjects, ...c.sources.map((s) => s.document), ...(c.basedOnDocuments ?? [])],
    propositions: [c.proposition],
    claims: [...(c.basedOn ?? []), ...(c.qualifies ?? []), ...(c.corrects ?? []), ...(c.supersedes ?? [])],
  }),
  lockIds: (c) => [c.id, c.proposition],
  touchedIds: (c) => [c.id, c.claimant, ...(c.coClaimants ?? []), c.proposition, ...c.subjects],
  // A write does not lock the claims it rests on (see seed/lock).
  lockReferenced: false,
  knownFromStored: (stored, known) => {
    known.claims = stored.basisClosure;
  },
  // The claims the input defines count as known to every claim's basedOn and qualifies.
  know: (k, known, items) => {
    for (const [id, basedOn] of known.claims ?? []) k.claims.set(id, basedOn);
    for (const c of items) k.claims.set(c.id, k.claims.get(c.id) ?? []);
  },
  evidence: { link: 'seed/link-claims', rows: claimLinkRows },
  namesEntity: (entityId, _id, p) => p.claimantId === entityId || ((p.subjectIds as string[] | undefined) ?? []).includes(entityId),
  stored: async (run, _ids, items, external, soFar) => {
    const none = soFar.counts.claims === 0;
    const rows = none ? [] : await readSliced(run, 'claim/by-ids', 'ids', items.map((c) => c.id));
    const closure = external.length > 0 && !none ? await run('claim/basis-closure', { ids: external }) : [];
    return {
      // What the evidence rule derives is not input: compared without it.
      byId: new Map(
        rows.map((r) => {
          const stored = { ...(r.claim as Props) };
          for (const k of DERIVED_CLAIM_PROPS) delete stored[k];
          return [r.claim.id as string, stored];
        }),
      ),
      basisClosure: new Map(closure.map((r) => [r.id as string, r.basedOn as string[]])),
    };
  },
  props: claimProps,
  row: (c, props) => ({ id: c.id, props }),
  upsert: 'seed/upsert-claims',
  exportAll: 'seed/export-claims',
  fromStored: (p) =>
    compact({
      id: p.id,
      text: p.text,
      claimant: p.claimantId,
      subjects: p.subjectIds ?? [],
      proposition: p.propositionId,
      polarity: p.polarity,
      madeOn: p.madeOn,
      kind: p.kind,
      basedOn: nonEmpty(p.basedOnIds),
      basedOnDocuments: nonEmpty(p.basedOnDocumentIds),
      qualifies: nonEmpty(p.qualifiesIds),
      coClaimants: nonEmpty(p.coClaimantIds),
      corrects: nonEmpty(p.correctsIds),
      supersedes: nonEmpty(p.supersedesIds),
      sources: sourceInputs(p),
    }) as unknown as ClaimInput,
  check: (list, ctx) => {
    for (const { item, file, pointer } of list) {
      ctx.entityRef(file, `${pointer}/claimant`, item.claimant, 'claimant');
      (item.coClaimants ?? []).forEach((id, i) => {
        ctx.entityRef(file, `${pointer}/coClaimants/${i}`, id, 'co-claimant');
        if (id === item.claimant) ctx.at(file, `${pointer}/coClaimants/${i}`, 'the claimant is not also its own co-claimant');
      });
      item.subjects.forEach((s, i) => ctx.entityRef(file, `${pointer}/subjects/${i}`, s, 'subject'));
      if (!ctx.propositions.has(item.proposition)) ctx.at(file, `${pointer}/proposition`, `proposition "${item.proposition}" is neither in the input nor in the database`);
      ctx.date(file, `${pointer}/madeOn`, item.madeOn);
      ctx.sources(file, pointer, item.sources, true);
      const kind = item.kind ?? 'ASSERTION';
      if (kind !== 'ASSERTION' && (item.basedOn ?? []).length === 0 && (item.basedOnDocuments ?? []).length === 0) {
        ctx.at(file, `${pointer}/basedOn`, `a ${kind} names what it rests on (basedOn or basedOnDocuments)`);
      }
      (item.basedOn ?? []).forEach((id, i) => {
        if (!ctx.claims.has(id)) ctx.at(file, `${pointer}/basedOn/${i}`, `claim "${id}" is neither in the input nor in the database`);
        else if (id === item.id) ctx.at(file, `${pointer}/basedOn/${i}`, 'a claim cannot rest on itself');
      });
      (item.basedOnDocuments ?? []).forEach((id, i) => ctx.documentRef(file, `${pointer}/basedOnDocuments/${i}`, id));
      (item.qualifies ?? []).forEach((id, i) => {
        if (!ctx.claims.has(id)) ctx.at(file, `${pointer}/qualifies/${i}`, `claim "${id}" is neither in the input nor in the database`);
        else if (id === item.id) ctx.at(file, `${pointer}/qualifies/${i}`, 'a claim does not qualify itself');
      });
      // A correction or a replacement ends the other claim's count from its own day: it needs one.
      for (const key of ['corrects', 'supersedes'] as const) {
        const ids = item[key] ?? [];
        if (ids.length > 0 && !item.madeOn) ctx.at(file, `${pointer}/madeOn`, `a claim that ${key} another needs madeOn: the day from which the other counts no more`);
        ids.forEach((id, i) => {
          if (!ctx.claims.has(id)) ctx.at(file, `${pointer}/${key}/${i}`, `claim "${id}" is neither in the input nor in the database`);
          else if (id === item.id) ctx.at(file, `${pointer}/${key}/${i}`, `a claim does not ${key === 'corrects' ? 'correct' : 'supersede'} itself`);
        });
      }
    }
    // Cycles over basedOn, through the input and the stored claims (the input's version wins).
    const edges = new Map<string, string[]>(ctx.claims);
    const where = new Map<string, { file: string; pointer: string }>();
    for (const { item, file, pointer } of list) {
      edges.set(item.id, (item.basedOn ?? []).filter((id) => id !== item.id));
      where.set(item.id, { file, pointer });
    }
    for (const cycle of basedOnCycles(edges)) {
      const first = cycle.find((id) => where.has(id));
      if (!first) continue; // a cycle among stored claims only is not this input's doing
      const loc = where.get(first)!;
      const start = cycle.indexOf(first);
      const rotated = [...cycle.slice(start, -1), ...cycle.slice(0, start), first];
      ctx.at(loc.file, `${loc.pointer}/basedOn`, `claims rest on each other in a cycle: ${rotated.join(' -> ')}`);
    }
  },
};
