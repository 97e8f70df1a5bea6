/**
 * Curation mutations. Each write goes through the seeder (same schema, same reference and quote
 * rules, one transaction), so the API cannot store what a seed file could not; the seeder records
 * the audit entry (who, when, before and after) in that same transaction.
 */
import type { Resolvers } from '../generated';
import type { Context } from '../context';
import { AppError, ErrorCode } from '../../errors';
import type { GraphQLResolveInfo } from 'graphql';
import { Area, defaultSeedOptions, recordAudit, seedParsed } from '../../seed/seeder';
import { deleteEntity } from '../../seed/delete';
import type { SeedFile } from '../../seed/validate';
import { compact } from '../../db/records';
import { curatedEntity } from '../../store/entities';
import { relationshipByKey } from '../../store/relationships';
import { claimsByIds } from '../../store/claims';
import { areaOfSection } from '../../seed/areas';
import { relationshipId } from '../../domain/ids';
import { mergeInTransaction } from '../../seed/merge';

/** Mutations (and the audit log) need a curator: no token is UNAUTHENTICATED, a reader's token FORBIDDEN. */
export function requireCurator(ctx: Context): string {
  if (ctx.caller.role === 'anonymous') throw new AppError(ErrorCode.UNAUTHENTICATED, 'A bearer token of role curator is required.');
  if (ctx.caller.role !== 'curator') throw new AppError(ErrorCode.FORBIDDEN, 'This needs the curator role.');
  return ctx.caller.name;
}

/**
 * Writes one element through the seeder and records what became of it (created, updated,
 * unchanged) under the mutation's response key, for `extensions.outcomes` (see WriteOutcome).
 * With `ifVersion`, refuses with CONFLICT unless the element is stored at that version.
 */
async function write(ctx: Context, info: GraphQLResolveInfo, data: SeedFile['data'], section: string, id: string, ifVersion?: string | null): Promise<void> {
  // The area behind the input's seed-file array (documents are the entities area's).
  const counted = areaOfSection(section)!.name as Area;
  const report = await seedParsed(ctx.db, [{ file: 'input', data }], {
    ...defaultSeedOptions(ctx.config.rootDir),
    audit: { actor: ctx.caller.name, operation: info.fieldName, detail: 'full' },
    ifVersions: ifVersion === null || ifVersion === undefined ? [] : [{ area: counted, id, version: ifVersion }],
  });
  if (report.problems.length > 0) {
    const problems = report.problems.map((p) => ({ path: `input${p.pointer.replace(new RegExp(`^/${section}/0`), '')}`, message: p.message }));
    throw new AppError(ErrorCode.BAD_USER_INPUT, problems.map((p) => `${p.path}: ${p.message}`).join('; '), { problems });
  }
  if (report.conflict) throw new AppError(ErrorCode.CONFLICT, `ifVersion: ${report.conflict}; nothing was written`, { argument: 'ifVersion' });
  const c = report.counts[counted];
  ctx.outcomes[info.path.key as string] = c.created > 0 ? 'CREATED' : c.updated > 0 ? 'UPDATED' : 'UNCHANGED';
}

const sources = (list: { documentId: string; quote?: string | null; translation?: string | null }[]) =>
  list.map((s) => compact({ document: s.documentId, quote: s.quote, translation: s.translation }));

/** Resolvers of schema/curation.graphql. */
export const curationResolvers: Resolvers = {
  Mutation: {
    upsertEntity: async (_p, { input, ifVersion }, ctx, info) => {
      requireCurator(ctx);
      // Fields EntityInput cannot express (date, properties, url, textFile ...) are kept from the
      // stored entity, so an edit of the name does not silently drop them.
      const stored = await curatedEntity(ctx.db, input.id);
      const kept = stored && stored.kind === input.kind ? stored : {};
      const given = compact({
        id: input.id,
        name: input.name,
        aliases: input.aliases ?? [],
        identifiers: input.identifiers?.map((i) => compact({ scheme: i.scheme, value: i.value, url: i.url, sources: sources(i.sources) })),
        labels: input.labels?.map((l) => ({ language: l.language, name: l.name, sources: sources(l.sources) })),
        description: input.description,
        sources: sources(input.sources),
        date: input.date,
        url: input.url,
        primary: input.primary,
        publishedOn: input.publishedOn,
        publisher: input.publisherId,
        language: input.language,
        reliability: input.reliability,
        reliabilityNote: input.reliabilityNote,
      });
      const { kind: _k, ...item } = { ...kept, ...given } as Record<string, unknown>;
      const isDocument = input.kind === 'DOCUMENT';
      if (isDocument) for (const key of ['date', 'properties']) delete item[key];
      else for (const key of ['url', 'publishedOn', 'publisher', 'language', 'textFile', 'textSection', 'alsoHeldIn', 'primary', 'reliability', 'reliabilityNote', 'retrievedOn']) delete item[key];
      await write(ctx, info, isDocument ? { documents: [item as any] } : { entities: [{ ...item, kind: input.kind } as any] }, isDocument ? 'documents' : 'entities', input.id, ifVersion);
      ctx.loaders.entity.clear(input.id);
      return (await ctx.loaders.entity.load(input.id))!;
    },
    upsertRelationship: async (_p, { input, ifVersion }, ctx, info) => {
      requireCurator(ctx);
      const item = compact({
        from: input.from,
        type: input.type,
        to: input.to,
        validFrom: input.validFrom,
        validTo: input.validTo,
        properties: input.properties as Record<string, unknown> | undefined,
        sources: sources(input.sources),
      });
      await write(ctx, info, { relationships: [item as any] }, 'relationships', relationshipId(input.from, input.type, input.to), ifVersion);
      const stored = await relationshipByKey(ctx.db, { from: input.from, type: input.type, to: input.to });
      if (!stored) throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, `relationship ${relationshipId(input.from, input.type, input.to)} was not stored`);
      return stored;
    },
    upsertClaim: async (_p, { input, ifVersion }, ctx, info) => {
      requireCurator(ctx);
      const data: SeedFile['data'] = {
        claims: [
          compact({
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
            coClaimants: input.coClaimantIds ?? undefined,
            corrects: input.correctsIds ?? undefined,
            supersedes: input.supersedesIds ?? undefined,
          }) as any,
        ],
      };
      if (input.propositionText) data.propositions = [{ id: input.propositionId, text: input.propositionText }];
      await write(ctx, info, data, 'claims', input.id, ifVersion);
      const [stored] = await claimsByIds(ctx.db, [input.id]);
      return stored!;
    },
    deleteEntity: async (_p, { id }, ctx) => {
      const actor = requireCurator(ctx);
      return deleteEntity(ctx.db, id, actor);
    },
    mergeEntities: async (_p, { from, into, reason }, ctx) => {
      const actor = requireCurator(ctx);
      const outcome = await ctx.db.writeTransaction(async (run) => {
        const done = await mergeInTransaction(run, { from, into, reason });
        if (done.refused) return done;
        await recordAudit(run, { actor, operation: 'mergeEntities', entityIds: done.entityIds, changes: done.changes, standingChanges: done.standingChanges });
        return done;
      });
      if (outcome.refused) {
        const message = outcome.code === ErrorCode.BAD_USER_INPUT ? `${outcome.argument}: ${outcome.message}` : outcome.message;
        throw new AppError(outcome.code, message, { argument: outcome.argument, ...outcome.details });
      }
      // Everything this request read of the two may have moved.
      ctx.loaders.entity.clearAll();
      return (await ctx.loaders.entity.load(into))!;
    },
  },
};
