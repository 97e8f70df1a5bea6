/**
 * The evidence rule, once: how many independent lines of evidence stand on each side of a
 * proposition, and what that makes of each claim's status. Pure functions over plain records, so
 * that the seeder (which stores the result on Claim nodes), the resolvers and the tests share one
 * implementation.
 *
 * basis(c) = every claim reachable from c over basedOn, plus the basedOnDocuments of c and of each
 * of those claims. Two claims on one side are one line when one is in the other's basis or their
 * bases share a claim or a document; lines are the connected components of that relation.
 * Questions assert nothing: they are never counted, but a claim resting on a question still links
 * through the question's own basis (the question is in its basis).
 */

/** What the rule needs of a claim. */
export interface EvidenceClaim {
  id: string;
  propositionId: string;
  polarity: 'AFFIRMS' | 'DENIES';
  kind: 'ASSERTION' | 'QUESTION' | 'REPORT';
  claimantId: string;
  basedOn: string[];
  basedOnDocuments: string[];
}

/** How a claim stands. */
export type ClaimStatus = 'UNCONTESTED' | 'CORROBORATED' | 'DISPUTED';

/** A claim's standing: lines on its side (support), on the other (opposition), and the status. */
export interface Standing {
  support: number;
  opposition: number;
  status: ClaimStatus;
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

/**
 * The number of independent lines among `side` (questions left out). Union-find over the
 * claims and the tokens of their bases: two claims meet exactly when one is in the other's basis
 * or their bases share a claim or a document.
 */
export function lineCount(side: readonly EvidenceClaim[], byId: ReadonlyMap<string, EvidenceClaim>): number {
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
  return new Set(counted.map((c) => find(`claim:${c.id}`))).size;
}

/** Status from the line counts of a claim's side and the other side. */
export function statusOf(support: number, opposition: number): ClaimStatus {
  if (support >= 1 && opposition >= 1) return 'DISPUTED';
  if (support >= 2 && opposition === 0) return 'CORROBORATED';
  return 'UNCONTESTED';
}

/** Line counts of one proposition from every claim on it. */
export function propositionLines(onProposition: readonly EvidenceClaim[], byId: ReadonlyMap<string, EvidenceClaim>): PropositionLines {
  return {
    affirmingLines: lineCount(
      onProposition.filter((c) => c.polarity === 'AFFIRMS'),
      byId,
    ),
    denyingLines: lineCount(
      onProposition.filter((c) => c.polarity === 'DENIES'),
      byId,
    ),
  };
}

/**
 * The standing of every claim in `claims`, from all the claims on their propositions. `byId`
 * must hold those claims and every claim in their bases (for the transitive closure).
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
    out.set(c.id, { support, opposition, status: statusOf(support, opposition) });
  }
  return out;
}

/** What contradicting and corroborating need of a claim. */
type Side = Pick<EvidenceClaim, 'id' | 'kind' | 'polarity' | 'claimantId'>;

/** Non-question claims on c's proposition with the other polarity. */
export function contradicting<T extends Side>(c: Side, onProposition: readonly T[]): T[] {
  return onProposition.filter((o) => o.id !== c.id && o.kind !== 'QUESTION' && o.polarity !== c.polarity);
}

/** Non-question claims on c's proposition with the same polarity, by another claimant. */
export function corroborating<T extends Side>(c: Side, onProposition: readonly T[]): T[] {
  return onProposition.filter((o) => o.id !== c.id && o.kind !== 'QUESTION' && o.polarity === c.polarity && o.claimantId !== c.claimantId);
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
