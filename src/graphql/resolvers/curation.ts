/**
 * Curation mutations. Each write goes through the seeder (same schema, same reference and quote
 * rules, one transaction), so the API cannot store what a seed file could not; the seeder records
 * the audit entry (who, when, before and after) in that same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Resolvers } from '../generated';
import type { Context } from '../context';
import { ErrorCode, gqlError } from '../../errors';
import { defaultSeedOptions, scoreEvidence, seedParsed } from '../../seed/seeder';
import type { SeedFile } from '../../seed/validate';
import { claimFromProps, entityInputFromProps, relationshipFromProps, relationshipId } from '../../db/records';

/** Mutations need a curator: no token is UNAUTHENTICATED, a reader's token FORBIDDEN. */
function requireCurator(ctx: Context): string {
  if (ctx.caller.role === 'anonymous') throw gqlError(ErrorCode.UNAUTHENTICATED, 'A bearer token of role curator is required.');
  if (ctx.caller.role !== 'curator') throw gqlError(ErrorCode.FORBIDDEN, 'This needs the curator role.');
  return ctx.caller.name;
}

async function write(ctx: Context, operation: string, data: SeedFile['data'], area: string): Promise<void> {
  const report = await seedParsed(ctx.db, [{ file: 'input', data }], {
    ...defaultSeedOptions(ctx.config.rootDir),
    audit: { actor: ctx.caller.name, operation, detail: 'full' },
  });
  if (report.problems.length > 0) {
    const problems = report.problems.map((p) => ({ path: `input${p.pointer.replace(new RegExp(`^/${area}/0`), '')}`, message: p.message }));
    throw gqlError(ErrorCode.BAD_USER_INPUT, problems.map((p) => `${p.path}: ${p.message}`).join('; '), { problems });
  }
}

const sources = (list: { documentId: string; quote?: string | null; translation?: string | null }[]) =>
  list.map((s) => defined({ document: s.documentId, quote: s.quote, translation: s.translation }));

const defined = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;

/** Resolvers of schema/curation.graphql. */
export const curationResolvers: Resolvers = {
  Mutation: {
    upsertEntity: async (_p, { input }, ctx) => {
      requireCurator(ctx);
      // Fields EntityInput cannot express (date, properties, url, textFile ...) are kept from the
      // stored entity, so an edit of the name does not silently drop them.
      const [row] = await ctx.db.read('entity/by-ids', { ids: [input.id] });
      const kept = row && row.entity.kind === input.kind ? entityInputFromProps(row.entity) : {};
      const given = defined({ id: input.id, name: input.name, aliases: input.aliases ?? [], description: input.description, sources: sources(input.sources) });
      const { kind: _k, ...item } = { ...kept, ...given } as Record<string, unknown>;
      const isDocument = input.kind === 'DOCUMENT';
      if (isDocument) for (const key of ['date', 'properties']) delete item[key];
      else for (const key of ['url', 'publishedOn', 'publisher', 'language', 'textFile']) delete item[key];
      await write(ctx, 'upsertEntity', isDocument ? { documents: [item as any] } : { entities: [{ ...item, kind: input.kind } as any] }, isDocument ? 'documents' : 'entities');
      ctx.loaders.entity.clear(input.id);
      return (await ctx.loaders.entity.load(input.id))!;
    },
    upsertRelationship: async (_p, { input }, ctx) => {
      requireCurator(ctx);
      const item = defined({
        from: input.from,
        type: input.type,
        to: input.to,
        validFrom: input.validFrom,
        validTo: input.validTo,
        properties: input.properties as Record<string, unknown> | undefined,
        sources: sources(input.sources),
      });
      await write(ctx, 'upsertRelationship', { relationships: [item as any] }, 'relationships');
      const [row] = await ctx.db.read('relationship/by-keys', { keys: [{ from: input.from, type: input.type, to: input.to }] });
      if (!row) throw gqlError(ErrorCode.INTERNAL_SERVER_ERROR, `relationship ${relationshipId(input.from, input.type, input.to)} was not stored`);
      return relationshipFromProps(row.rel);
    },
    upsertClaim: async (_p, { input }, ctx) => {
      requireCurator(ctx);
      const data: SeedFile['data'] = {
        claims: [
          defined({
            id: input.id,
            text: input.text,
            claimant: input.claimantId,
            subjects: input.subjectIds,
            proposition: input.propositionId,
            polarity: input.polarity,
            madeOn: input.madeOn,
            sources: sources(input.sources),
            kind: input.kind ?? 'ASSERTION',
            basedOn: input.basedOnIds ?? undefined,
            basedOnDocuments: input.basedOnDocumentIds ?? undefined,
            qualifies: input.qualifiesIds ?? undefined,
          }) as any,
        ],
      };
      if (input.propositionText) data.propositions = [{ id: input.propositionId, text: input.propositionText }];
      await write(ctx, 'upsertClaim', data, 'claims');
      const [row] = await ctx.db.read('claim/by-ids', { ids: [input.id] });
      return claimFromProps(row!.claim);
    },
    deleteEntity: async (_p, { id }, ctx) => {
      const actor = requireCurator(ctx);
      return ctx.db.writeTransaction(async (run) => {
        const [row] = await run('entity/delete', { id });
        if (!row) return false;
        const removed = [
          { area: 'entities', id, before: row.entity, after: null },
          ...(row.relationships as Record<string, unknown>[]).map((r) => ({ area: 'relationships', id: r.id as string, before: r, after: null })),
          ...(row.claims as Record<string, unknown>[]).map((c) => ({ area: 'claims', id: c.id as string, before: c, after: null })),
        ];
        const touched = new Set([id, ...(row.relationships as { from: string; to: string }[]).flatMap((r) => [r.from, r.to]), ...removed.filter((c) => c.area === 'claims').map((c) => c.id)]);
        // The lines of evidence of the propositions the removed claims were on change with them.
        await scoreEvidence(run, [], [...new Set((row.claims as { propositionId: string }[]).map((c) => c.propositionId))]);
        await run('audit/record', { id: randomUUID(), actor, operation: 'deleteEntity', entityIds: [...touched].sort(), changesJson: JSON.stringify(removed) });
        return true;
      });
    },
  },
};
