/** Claims, propositions, and the contradictions that follow from them. */
import type { Resolvers } from '../generated';
import type { Context } from '../context';
import type * as M from '../models';
import { claimFromProps } from '../../db/records';
import { connection, pageArgs } from '../paging';
import { badInput } from '../../errors';

/** How a claim stands among the claims on its proposition (the rule of enum ClaimStatus). */
export function standing(claim: M.Claim, all: M.Claim[]) {
  const others = all.filter((c) => c.id !== claim.id);
  const contradictedBy = others.filter((c) => c.polarity !== claim.polarity);
  const corroboratedBy = others.filter((c) => c.polarity === claim.polarity && c.claimantId !== claim.claimantId);
  const status = contradictedBy.length > 0 ? 'DISPUTED' : corroboratedBy.length > 0 ? 'CORROBORATED' : 'UNCONTESTED';
  return { status: status as 'DISPUTED' | 'CORROBORATED' | 'UNCONTESTED', contradictedBy, corroboratedBy };
}

async function standingOf(c: M.Claim, ctx: Context) {
  return standing(c, await ctx.loaders.claimsOfProposition.load(c.propositionId));
}

async function required<T>(value: Promise<T | null>, what: string): Promise<T> {
  const v = await value;
  if (v === null) throw new Error(`${what} is missing from the graph`);
  return v;
}

/** Resolvers of schema/claims.graphql. */
export const claimResolvers: Resolvers = {
  Claim: {
    claimant: (c, _a, ctx) => required(ctx.loaders.entity.load(c.claimantId), `claimant ${c.claimantId} of claim ${c.id}`),
    subjects: async (c, _a, ctx) =>
      (await ctx.loaders.entity.loadMany(c.subjectIds)).filter((e): e is M.Entity => e !== null && !(e instanceof Error)),
    proposition: (c, _a, ctx) => required(ctx.loaders.proposition.load(c.propositionId), `proposition ${c.propositionId}`),
    status: async (c, _a, ctx) => (await standingOf(c, ctx)).status,
    contradictedBy: async (c, _a, ctx) => (await standingOf(c, ctx)).contradictedBy,
    corroboratedBy: async (c, _a, ctx) => (await standingOf(c, ctx)).corroboratedBy,
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
    claims: async (_p, args, ctx) => {
      const page = pageArgs(args.first, args.after, ctx.config.limits.maxPageSize);
      if (args.from && args.to && args.from > args.to) throw badInput('from', `must not be after to (${args.to})`);
      const [row] = await ctx.db.read('claim/list', {
        about: args.about ?? null,
        claimant: args.claimant ?? null,
        status: args.status ?? null,
        polarity: args.polarity ?? null,
        from: args.from ?? null,
        to: args.to ?? null,
        ...page,
      });
      const rows = (row!.page as Record<string, unknown>[]).map(claimFromProps);
      return connection({ total: row!.total, rows }, page);
    },
    contradictions: async (_p, args, ctx) => {
      const rows = await ctx.db.read('claim/contradictions', { about: args.about ?? null });
      return rows.map((r) => {
        const affirming = (r.affirming as Record<string, unknown>[]).map(claimFromProps);
        const denying = (r.denying as Record<string, unknown>[]).map(claimFromProps);
        // These are all the claims on the proposition: prime the loader in its own order.
        const all = [...affirming, ...denying].sort(
          (a, b) => (a.madeOn ?? '9999').localeCompare(b.madeOn ?? '9999') || a.id.localeCompare(b.id),
        );
        ctx.loaders.claimsOfProposition.prime(r.propositionId, all);
        return { propositionId: r.propositionId as string, affirming, denying };
      });
    },
  },
};
