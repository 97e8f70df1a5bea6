/**
 * The evidence rule, once: how many independent lines of evidence stand on each side of a
 * proposition on a day, and what that makes of each claim's status. Pure functions over plain
 * records, so that the seeder (which stores today's result on Claim nodes), the resolvers
 * (`Claim.standing(asOf)`) and the tests share one implementation.
 *
 * basis(c) = every claim reachable from c over basedOn, plus the basedOnDocuments of c and of each
 * of those claims. Two claims on one side are one line when one is in the other's basis or their
 * bases share a claim or a document; lines are the connected components of that relation.
 * A claim made jointly by several claimants is one claim, so one line.
 *
 * What counts on a day (asOf; null: today, as known now): not a question (a question asserts
 * nothing; a claim resting on a question still links through the question's own basis), not a
 * claim made after the day, not a claim superseded or corrected by then (from the replacing or
 * correcting claim's madeOn). A claim without madeOn counts on every day: nothing dates it, and
 * leaving it out would silently drop evidence (docs/evidence.md).
 */

/** How far a document can be trusted as a record of what it reports, best first. */
const RELIABILITIES = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type Reliability = (typeof RELIABILITIES)[number];

/** What the rule needs of a claim. */
export interface EvidenceClaim {
  id: string;
  propositionId: string;
  polarity: 'AFFIRMS' | 'DENIES';
  kind: 'ASSERTION' | 'QUESTION' | 'REPORT';
  claimantId: string;
  basedOn: string[];
  basedOnDocuments: string[];
  /** The day it was made (YYYY-MM-DD); null or absent: undated. */
  madeOn?: string | null;
  /** The earliest madeOn of the claims that correct it; null or absent: not corrected. */
  correctedOn?: string | null;
  /** The earliest madeOn of the claims that supersede it; null or absent: not superseded. */
  supersededOn?: string | null;
  /** The documents its sources cite (for a line's reliability). */
  sourceDocuments?: string[];
}

/** How a claim stands. */
export type ClaimStatus = 'UNCONTESTED' | 'CORROBORATED' | 'DISPUTED' | 'CORRECTED' | 'SUPERSEDED';

/** Why a claim on a proposition does not count on a day. */
export type ExclusionReason = 'QUESTION' | 'NOT_YET_MADE' | 'SUPERSEDED' | 'CORRECTED';

/** A claim's standing: lines on its side (support), on the other (opposition), and the status. */
export interface Standing {
  support: number;
  opposition: number;
  status: ClaimStatus;
}

/** One line of evidence: claims that rest on one basis. */
export interface EvidenceLine {
  polarity: 'AFFIRMS' | 'DENIES';
  /** The line's claims, oldest first (undated last). */
  claimIds: string[];
  /** What joins them: claims and documents in the basis (or self) of two or more of them. */
  sharedBasis: { claimIds: string[]; documentIds: string[] };
  /** The best reliability among the documents its claims cite (LOW when none is known). */
  reliability: Reliability;
}

/** A claim's standing on a day, with the lines and what did not count. */
export interface StandingDetail extends Standing {
  asOf: string | null;
  /** This claim's side first. */
  lines: EvidenceLine[];
  excluded: { claimId: string; reason: ExclusionReason }[];
}

/**
 * Why `c` does not count on `asOf` (null: today, as known now), or null when it counts. One
 * reason, the first that applies in the order QUESTION, NOT_YET_MADE, SUPERSEDED, CORRECTED.
 */
export function exclusionOn(c: EvidenceClaim, asOf: string | null): ExclusionReason | null {
  if (c.kind === 'QUESTION') return 'QUESTION';
  if (asOf !== null && c.madeOn && c.madeOn > asOf) return 'NOT_YET_MADE';
  if (c.supersededOn && (asOf === null || c.supersededOn <= asOf)) return 'SUPERSEDED';
  if (c.correctedOn && (asOf === null || c.correctedOn <= asOf)) return 'CORRECTED';
  return null;
}

/** The lines of one proposition. */
interface PropositionLines {
  affirmingLines: number;
  denyingLines: number;
}

/**
 * The basis of a claim: the claims reachable over basedOn (itself excluded unless a cycle leads
 * back to it) and the documents they and it rest on. Claims missing from `byId` count as ids
 * without a further basis.
 */
export function basisOf(id: string, byId: ReadonlyMap<string, EvidenceClaim>): { claims: Set<string>; documents: Set<string> } {
  const claims = new Set<string>();
  const documents = new Set<string>(byId.get(id)?.basedOnDocuments ?? []);
  const stack = [...(byId.get(id)?.basedOn ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (claims.has(next)) continue;
    claims.add(next);
    const c = byId.get(next);
    if (!c) continue;
    c.basedOnDocuments.forEach((d) => documents.add(d));
    stack.push(...c.basedOn);
  }
  return { claims, documents };
}

/** Oldest first, undated last, then by id: the order claims are listed in everywhere. */
function byMadeOn(a: EvidenceClaim, b: EvidenceClaim): number {
  if ((a.madeOn ?? null) === null !== ((b.madeOn ?? null) === null)) return a.madeOn ? -1 : 1;
  if (a.madeOn && b.madeOn && a.madeOn !== b.madeOn) return a.madeOn < b.madeOn ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The independent lines among `side` (questions left out), each as its claims, oldest first.
 * Union-find over the claims and the tokens of their bases: two claims meet exactly when one is
 * in the other's basis or their bases share a claim or a document.
 */
export function lineGroups(side: readonly EvidenceClaim[], byId: ReadonlyMap<string, EvidenceClaim>): EvidenceClaim[][] {
  const counted = side.filter((c) => c.kind !== 'QUESTION');
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const c of counted) {
    const self = `claim:${c.id}`;
    find(self);
    const basis = basisOf(c.id, byId);
    basis.claims.forEach((b) => union(self, `claim:${b}`));
    basis.documents.forEach((d) => union(self, `document:${d}`));
  }
  const groups = new Map<string, EvidenceClaim[]>();
  for (const c of [...counted].sort(byMadeOn)) {
    const root = find(`claim:${c.id}`);
    groups.set(root, [...(groups.get(root) ?? []), c]);
  }
  return [...groups.values()];
}

/** The number of independent lines among `side` (questions left out). */
export function lineCount(side: readonly EvidenceClaim[], byId: ReadonlyMap<string, EvidenceClaim>): number {
  return lineGroups(side, byId).length;
}

/** The claims and documents in the basis (or self) of two or more claims of a line. */
function sharedBasisOf(line: readonly EvidenceClaim[], byId: ReadonlyMap<string, EvidenceClaim>): EvidenceLine['sharedBasis'] {
  if (line.length < 2) return { claimIds: [], documentIds: [] };
  const seen = new Map<string, number>();
  for (const c of line) {
    const basis = basisOf(c.id, byId);
    const tokens = new Set([`claim:${c.id}`, ...[...basis.claims].map((x) => `claim:${x}`), ...[...basis.documents].map((x) => `document:${x}`)]);
    tokens.forEach((t) => seen.set(t, (seen.get(t) ?? 0) + 1));
  }
  const shared = [...seen].filter(([, n]) => n >= 2).map(([t]) => t).sort();
  return {
    claimIds: shared.filter((t) => t.startsWith('claim:')).map((t) => t.slice(6)),
    documentIds: shared.filter((t) => t.startsWith('document:')).map((t) => t.slice(9)),
  };
}

/** The best of the reliabilities of the documents the line's claims cite; LOW when none is known. */
function lineReliability(line: readonly EvidenceClaim[], reliabilityOf: (documentId: string) => Reliability | null | undefined): Reliability {
  const known = new Set(line.flatMap((c) => c.sourceDocuments ?? []).map((d) => reliabilityOf(d)));
  return RELIABILITIES.find((r) => known.has(r)) ?? 'LOW';
}

/** Status from the line counts of a claim's side and the other side. */
export function statusOf(support: number, opposition: number): ClaimStatus {
  if (support >= 1 && opposition >= 1) return 'DISPUTED';
  if (support >= 2 && opposition === 0) return 'CORROBORATED';
  return 'UNCONTESTED';
}

/** Line counts of one proposition from the claims on it that count on `asOf`. */
export function propositionLines(onProposition: readonly EvidenceClaim[], byId: ReadonlyMap<string, EvidenceClaim>, asOf: string | null = null): PropositionLines {
  const counted = onProposition.filter((c) => exclusionOn(c, asOf) === null);
  return {
    affirmingLines: lineCount(
      counted.filter((c) => c.polarity === 'AFFIRMS'),
      byId,
    ),
    denyingLines: lineCount(
      counted.filter((c) => c.polarity === 'DENIES'),
      byId,
    ),
  };
}

/** A claim's status on a day from its own exclusion and the lines: replaced or corrected first. */
function statusOn(c: EvidenceClaim, asOf: string | null, support: number, opposition: number): ClaimStatus {
  const own = exclusionOn(c, asOf);
  if (own === 'SUPERSEDED' || own === 'CORRECTED') return own;
  return statusOf(support, opposition);
}

/** Every claim of `byId` on a proposition. */
function claimsOn(propositionId: string, byId: ReadonlyMap<string, EvidenceClaim>): EvidenceClaim[] {
  return [...byId.values()].filter((c) => c.propositionId === propositionId);
}

/**
 * The standing of every claim in `claims` today (as known now), from all the claims on their
 * propositions: what the seeder stores. `byId` must hold those claims and every claim in their
 * bases (for the transitive closure).
 */
export function standings(claims: readonly EvidenceClaim[], byId: ReadonlyMap<string, EvidenceClaim>): Map<string, Standing> {
  const byProposition = new Map<string, EvidenceClaim[]>();
  for (const c of byId.values()) byProposition.set(c.propositionId, [...(byProposition.get(c.propositionId) ?? []), c]);
  const lines = new Map<string, PropositionLines>();
  const out = new Map<string, Standing>();
  for (const c of claims) {
    let l = lines.get(c.propositionId);
    if (!l) {
      l = propositionLines(byProposition.get(c.propositionId) ?? [], byId);
      lines.set(c.propositionId, l);
    }
    const support = c.polarity === 'AFFIRMS' ? l.affirmingLines : l.denyingLines;
    const opposition = c.polarity === 'AFFIRMS' ? l.denyingLines : l.affirmingLines;
    out.set(c.id, { support, opposition, status: statusOn(c, null, support, opposition) });
  }
  return out;
}

/**
 * How claim `id` stood on `asOf` (null: today, as known now), as known then: the lines on each
 * side from the claims that count that day, this claim's side first, and every claim on the
 * proposition that does not count, with the reason. Null when the claim was not yet made on
 * asOf. `byId` must hold every claim on the proposition and every claim in their bases.
 */
export function standingOn(
  id: string,
  asOf: string | null,
  byId: ReadonlyMap<string, EvidenceClaim>,
  reliabilityOf: (documentId: string) => Reliability | null | undefined = () => null,
): StandingDetail | null {
  const c = byId.get(id);
  if (!c) return null;
  if (asOf !== null && c.madeOn && c.madeOn > asOf) return null;
  const onProposition = claimsOn(c.propositionId, byId).sort(byMadeOn);
  const excluded = onProposition.flatMap((o) => {
    const reason = exclusionOn(o, asOf);
    return reason ? [{ claimId: o.id, reason }] : [];
  });
  const counted = onProposition.filter((o) => exclusionOn(o, asOf) === null);
  const other = c.polarity === 'AFFIRMS' ? 'DENIES' : 'AFFIRMS';
  const side = (polarity: 'AFFIRMS' | 'DENIES') =>
    lineGroups(
      counted.filter((o) => o.polarity === polarity),
      byId,
    ).map((line) => ({ polarity, claimIds: line.map((x) => x.id), sharedBasis: sharedBasisOf(line, byId), reliability: lineReliability(line, reliabilityOf) }));
  const own = side(c.polarity);
  const against = side(other);
  return {
    asOf,
    support: own.length,
    opposition: against.length,
    status: statusOn(c, asOf, own.length, against.length),
    lines: [...own, ...against],
    excluded,
  };
}

/** What contradicting and corroborating need of a claim. */
type Side = Pick<EvidenceClaim, 'id' | 'kind' | 'polarity' | 'claimantId'> & { coClaimantIds?: string[] };

/** Everyone who made the claim: its claimant and its co-claimants. */
function makersOf(c: Side): string[] {
  return [c.claimantId, ...(c.coClaimantIds ?? [])];
}

/** Non-question claims on c's proposition with the other polarity. */
export function contradicting<T extends Side>(c: Side, onProposition: readonly T[]): T[] {
  return onProposition.filter((o) => o.id !== c.id && o.kind !== 'QUESTION' && o.polarity !== c.polarity);
}

/** Non-question claims on c's proposition with the same polarity, by none of c's claimants. */
export function corroborating<T extends Side>(c: Side, onProposition: readonly T[]): T[] {
  const makers = new Set(makersOf(c));
  return onProposition.filter((o) => o.id !== c.id && o.kind !== 'QUESTION' && o.polarity === c.polarity && !makersOf(o).some((m) => makers.has(m)));
}

/**
 * Cycles over basedOn, each as the list of ids along it with the first repeated at the end
 * (`a -> b -> a`), each cycle once. `edges` maps a claim id to the ids it rests on.
 */
export function basedOnCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const path: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    path.push(id);
    for (const next of edges.get(id) ?? []) {
      const s = state.get(next);
      if (s === 'open') {
        const cycle = [...path.slice(path.indexOf(next)), next];
        // The same cycle found from another start: key it by its sorted members.
        const key = [...new Set(cycle)].sort().join(' ');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (s === undefined) visit(next);
    }
    path.pop();
    state.set(id, 'done');
  };
  for (const id of [...edges.keys()].sort()) if (!state.has(id)) visit(id);
  return cycles;
}
