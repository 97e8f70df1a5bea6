/** Claims, propositions, and the contradictions that follow from them. */
import type { Resolvers } from '../generated';
import type { Context } from '../context';
import type * as M from '../../domain/elements';
import { claimFromProps } from '../../db/records';
import { asksOnlyTotalCount, countOnly, keysetArgs, keysetConnection, keysetPageOf, pageRequest } from '../paging';
import { claimGroupKey, claimsAboutAnchor, ClaimWhere, compileClaimKeyset, compileClaimWhere } from '../../db/filters';
import { badInput, brokenGraph } from '../../errors';
import { contradicting, corroborating, standingOn } from '../../domain/evidence';

/**
 * The claims on c's proposition that contradict and corroborate it: questions left out (the
 * rule of src/domain/evidence.ts); status, support and opposition are stored on the claims by the seeder.
 */
async function othersOnProposition(c: M.Claim, ctx: Context) {
  const all = await ctx.loaders.claimsOfProposition.load(c.propositionId);
  return { contradictedBy: contradicting(c, all), corroboratedBy: corroborating(c, all) };
}

/**
 * The elements of a list of references that resolve. One that does not is left out: writers refuse
 * to leave one (see docs/architecture.md, "Broken references"), so it is an element deleted
 * between this request's reads. A failed load (the database away) is thrown, never read as "none".
 */
function present<T>(list: (T | null | Error)[]): T[] {
  const failed = list.find((x): x is Error => x instanceof Error);
  if (failed) throw failed;
  return list.filter((x): x is T => x !== null);
}

async function required<T>(value: Promise<T | null>, what: string): Promise<T> {
  const v = await value;
  if (v === null) throw brokenGraph(`${what} is missing from the graph`);
  return v;
}

/** Resolvers of schema/claims.graphql. */
export const claimResolvers: Resolvers = {
  Claim: {
    claimant: (c, _a, ctx) => required(ctx.loaders.entity.load(c.claimantId), `claimant ${c.claimantId} of claim ${c.id}`),
    subjects: async (c, _a, ctx) => present(await ctx.loaders.entity.loadMany(c.subjectIds)),
    proposition: (c, _a, ctx) => required(ctx.loaders.proposition.load(c.propositionId), `proposition ${c.propositionId}`),
    contradictedBy: async (c, _a, ctx) => (await othersOnProposition(c, ctx)).contradictedBy,
    corroboratedBy: async (c, _a, ctx) => (await othersOnProposition(c, ctx)).corroboratedBy,
    basedOn: async (c, _a, ctx) => present(await ctx.loaders.claim.loadMany(c.basedOnIds)),
    basedOnDocuments: async (c, _a, ctx) => present(await ctx.loaders.entity.loadMany(c.basedOnDocumentIds)),
    qualifies: async (c, _a, ctx) => present(await ctx.loaders.claim.loadMany(c.qualifiesIds)),
    qualifiedBy: (c, _a, ctx) => ctx.loaders.qualifiers.load(c.id),
    coClaimants: async (c, _a, ctx) => present(await ctx.loaders.entity.loadMany(c.coClaimantIds)),
    corrects: async (c, _a, ctx) => present(await ctx.loaders.claim.loadMany(c.correctsIds)),
    supersedes: async (c, _a, ctx) => present(await ctx.loaders.claim.loadMany(c.supersedesIds)),
    correctedBy: async (c, _a, ctx) => (await ctx.loaders.corrections.load(c.id)).correctedBy,
    supersededBy: async (c, _a, ctx) => (await ctx.loaders.corrections.load(c.id)).supersededBy[0] ?? null,
    supersededOn: async (c, _a, ctx) => (await ctx.loaders.corrections.load(c.id)).supersededBy[0]?.madeOn ?? null,
    standing: async (c, { asOf }, ctx) => {
      // The one rule (src/domain/evidence.ts) over the proposition's claims and their bases, with
      // the reliability of the documents they cite; without asOf it equals the stored status.
      const rows = await ctx.loaders.evidence.load(c.propositionId);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const documents = [...new Set(rows.filter((r) => r.propositionId === c.propositionId).flatMap((r) => r.sourceDocuments ?? []))];
      const reliability = new Map(present(await ctx.loaders.entity.loadMany(documents)).map((d) => [d.id, d.reliability]));
      return standingOn(c.id, asOf ?? null, byId, (id) => reliability.get(id));
    },
  },
  Standing: {
    excluded: (s) => s.excluded,
  },
  EvidenceLine: {
    claims: async (l, _a, ctx) => present(await ctx.loaders.claim.loadMany(l.claimIds)),
    sharedBasis: async (l, _a, ctx) => [
      ...present(await ctx.loaders.claim.loadMany(l.sharedBasis.claimIds)),
      ...present(await ctx.loaders.entity.loadMany(l.sharedBasis.documentIds)),
    ],
  },
  ExcludedClaim: {
    claim: (x, _a, ctx) => required(ctx.loaders.claim.load(x.claimId), `claim ${x.claimId}`),
  },
  Proposition: {
    claims: (p, _a, ctx) => ctx.loaders.claimsOfProposition.load(p.id),
  },
  Contradiction: {
    proposition: (c, _a, ctx) => required(ctx.loaders.proposition.load(c.propositionId), `proposition ${c.propositionId}`),
  },
  Query: {
    claim: (_p, { id }, ctx) => ctx.loaders.claim.load(id),
    proposition: (_p, { id }, ctx) => ctx.loaders.proposition.load(id),
    claims: async (_p, args, ctx, info) => {
      const sort = compileClaimKeyset(args.orderBy);
      const page = keysetArgs(pageRequest(args, info), ctx.config.limits.maxPageSize, 'claims', sort.ordering);
      if (args.from && args.to && args.from > args.to) throw badInput('from', `must not be after to (${args.to})`);
      // The older arguments are conditions like any other, ANDed with where.
      const legacy = {
        about: args.about ?? null,
        claimant: args.claimant ?? null,
        status: args.status ? [args.status] : null,
        polarity: args.polarity ?? null,
        madeOn: args.from || args.to ? { gte: args.from ?? null, lte: args.to ?? null } : null,
      };
      const filters: [ClaimWhere | null | undefined, string][] = [[legacy, 'arguments'], [args.where, 'where']];
      const filter = compileClaimWhere(filters);
      if (asksOnlyTotalCount(info)) {
        const about = claimsAboutAnchor(filters);
        const [row] =
          about === null
            ? await ctx.db.readComposed('claim/count', { WHERE: filter.where }, { f: filter.params })
            : await ctx.db.readComposed('claim/count-about', { WHERE: filter.where }, { f: filter.params, about });
        return keysetConnection(countOnly(row!.total), page);
      }
      const [row] = await ctx.db.readComposed('claim/list', { WHERE: filter.where, KEYS: sort.KEYS, ORDER: sort.ORDER }, { f: filter.params, page: page.page });
      return keysetConnection(keysetPageOf(row!, claimFromProps), page);
    },
    claimStats: async (_p, args, ctx) => {
      const filter = compileClaimWhere([[args.where, 'where']]);
      const rows = await ctx.db.readComposed('claim/stats', { WHERE: filter.where, GROUP: claimGroupKey(args.groupBy) }, { f: filter.params });
      return rows.map((r) => ({ key: String(r.key), label: String(r.label), count: r.count }));
    },
    contradictions: async (_p, args, ctx) => {
      const rows = await ctx.db.read('claim/contradictions', { about: args.about ?? null });
      return rows.map((r) => {
        // Every claim on the proposition, oldest first: prime the loader with them.
        const all = (r.claims as Record<string, unknown>[]).map(claimFromProps);
        ctx.loaders.claimsOfProposition.prime(r.propositionId, all);
        // Questions assert nothing; corrected and superseded claims count no more.
        const counted = all.filter((c) => c.kind !== 'QUESTION' && c.status !== 'CORRECTED' && c.status !== 'SUPERSEDED');
        // Any claim's stored support and opposition are the proposition's lines (questions, corrected
        // and superseded claims too hold them: theirs are the lines of the claims that count).
        const anyClaim = all[0]!;
        const affirmingLines = anyClaim.polarity === 'AFFIRMS' ? anyClaim.support : anyClaim.opposition;
        const denyingLines = anyClaim.polarity === 'AFFIRMS' ? anyClaim.opposition : anyClaim.support;
        return {
          propositionId: r.propositionId as string,
          affirming: counted.filter((c) => c.polarity === 'AFFIRMS'),
          denying: counted.filter((c) => c.polarity === 'DENIES'),
          affirmingLines,
          denyingLines,
        };
      });
    },
  },
};
