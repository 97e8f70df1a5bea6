/**
 * Every Cypher statement the server runs, by name: `cypher/<name>.cypher`. Start-up fails when
 * one has no file, and a test fails when a file is not listed here.
 */
export const STATEMENTS = [
  'admin/counts',
  'admin/graph-digest',
  'admin/wipe',
  'audit/list',
  'audit/record',
  'claim/about-entities',
  'claim/by-ids',
  'claim/by-propositions',
  'claim/contradictions',
  'claim/list',
  'claim/made-by-entities',
  'claim/propositions-by-ids',
  'entity/by-ids',
  'entity/complaints-per-country',
  'entity/counts',
  'entity/delete',
  'entity/decisions',
  'entity/list',
  'entity/references',
  'graph/path',
  'graph/search',
  'graph/subgraph',
  'relationship/by-keys',
  'relationship/of-entities',
  'schema/await-indexes',
  'schema/claim-claimant-index',
  'schema/claim-id-unique',
  'schema/claim-proposition-index',
  'schema/entity-fulltext',
  'schema/entity-id-unique',
  'schema/entity-kind-index',
  'schema/proposition-id-unique',
  'seed/ids-in-use',
  'seed/lock',
  'seed/upsert-claims',
  'seed/upsert-entities',
  'seed/upsert-propositions',
  'seed/upsert-relationships',
  'system/ping',
] as const;

/** The name of a Cypher statement. */
export type StatementName = (typeof STATEMENTS)[number];
