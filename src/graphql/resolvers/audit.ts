/** The audit log: every write through the API or the seed command, newest first. */
import type { Resolvers } from '../generated';
import { connection, pageArgs } from '../paging';
import { requireCurator } from './curation';

/** Resolvers of schema/audit.graphql. */
export const auditResolvers: Resolvers = {
  Query: {
    auditLog: async (_p, args, ctx) => {
      // It holds server paths, the seeding OS user, token names and the data of deleted elements.
      requireCurator(ctx);
      const page = pageArgs(args.first, args.after, ctx.config.limits.maxPageSize);
      const [row] = await ctx.db.read('audit/list', { entityId: args.entityId ?? null, ...page });
      const rows = (row!.page as Record<string, unknown>[]).map((a) => {
        const parsed = JSON.parse(a.changesJson as string) as unknown;
        // API writes store the list of changes; bulk seeds store a summary object instead.
        const changes = Array.isArray(parsed) ? parsed : [];
        return {
          id: a.id as string,
          at: a.at as string,
          actor: a.actor as string,
          operation: a.operation as string,
          entityIds: (a.entityIds as string[]) ?? [],
          changes,
          summary: Array.isArray(parsed) ? null : parsed,
        };
      });
      return connection({ total: row!.total as number, rows }, page);
    },
  },
};
