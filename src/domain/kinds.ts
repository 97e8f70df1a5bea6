/**
 * THE list of entity kinds. Everything else that names kinds derives from it: the Neo4j label
 * (`label`), the GraphQL object type (`typeName`, the codegen mappers in codegen.ts), the view's
 * legend (`colour`, `shape`, passed to the browser as page data). The places that cannot import
 * TypeScript (the SDL's EntityKind enum and object types, seed/schema.json's kind enum, the label
 * list of cypher/seed/upsert-entities.cypher) are held to this list by test/unit/domain.test.ts.
 */

/** What the project knows of one entity kind. */
export interface EntityKindInfo {
  /** The kind as stored and as the API spells it: POLITICAL_PARTY. */
  readonly kind: string;
  /** Neo4j label and GraphQL object type name: PoliticalParty. */
  readonly typeName: string;
  /** The view's colour for it (CSS hex). */
  readonly colour: string;
  /** The view's node shape (a Cytoscape shape name). */
  readonly shape: 'ellipse' | 'round-rectangle' | 'round-hexagon';
}

/** Every entity kind, in the order the legend shows them. */
export const ENTITY_KIND_LIST: readonly EntityKindInfo[] = [
  { kind: 'COMPANY', typeName: 'Company', colour: '#2563eb', shape: 'ellipse' },
  { kind: 'PRODUCT', typeName: 'Product', colour: '#60a5fa', shape: 'ellipse' },
  { kind: 'REGULATOR', typeName: 'Regulator', colour: '#7c3aed', shape: 'ellipse' },
  { kind: 'POLICE', typeName: 'Police', colour: '#1e3a8a', shape: 'ellipse' },
  { kind: 'GOVERNMENT', typeName: 'Government', colour: '#0f766e', shape: 'ellipse' },
  { kind: 'LEGISLATURE', typeName: 'Legislature', colour: '#2dd4bf', shape: 'ellipse' },
  { kind: 'COURT', typeName: 'Court', colour: '#854d0e', shape: 'ellipse' },
  { kind: 'POLITICAL_PARTY', typeName: 'PoliticalParty', colour: '#db2777', shape: 'ellipse' },
  { kind: 'NGO', typeName: 'Ngo', colour: '#f97316', shape: 'ellipse' },
  { kind: 'MEDIA', typeName: 'Media', colour: '#facc15', shape: 'ellipse' },
  { kind: 'PERSON', typeName: 'Person', colour: '#06b6d4', shape: 'ellipse' },
  { kind: 'COUNTRY', typeName: 'Country', colour: '#84cc16', shape: 'ellipse' },
  { kind: 'LAW', typeName: 'Law', colour: '#475569', shape: 'round-rectangle' },
  { kind: 'POLICY', typeName: 'Policy', colour: '#a855f7', shape: 'round-rectangle' },
  { kind: 'PRACTICE', typeName: 'Practice', colour: '#e11d48', shape: 'round-rectangle' },
  { kind: 'COMPLAINT', typeName: 'Complaint', colour: '#fb923c', shape: 'round-hexagon' },
  { kind: 'DECISION', typeName: 'Decision', colour: '#b45309', shape: 'round-hexagon' },
  { kind: 'EVENT', typeName: 'Event', colour: '#94a3b8', shape: 'round-rectangle' },
  { kind: 'DOCUMENT', typeName: 'Document', colour: '#cbd5e1', shape: 'round-rectangle' },
];

/** Every entity kind name. */
export const ENTITY_KINDS: readonly string[] = ENTITY_KIND_LIST.map((k) => k.kind);

const BY_KIND = new Map(ENTITY_KIND_LIST.map((k) => [k.kind, k]));

/** The Neo4j label of an entity kind (its GraphQL type name): POLITICAL_PARTY is PoliticalParty. */
export function labelOfKind(kind: string): string {
  const info = BY_KIND.get(kind);
  // The seeder validates kinds before it maps them: an unknown one here is a bug, not bad input.
  if (!info) throw new Error(`unknown entity kind "${kind}"`);
  return info.typeName;
}

/** The GraphQL object type of an entity kind (the same name as its label). */
export const typeNameOfKind = labelOfKind;

/** Every kind's Neo4j label, for statements that must clear the old one when a kind changes. */
export const ENTITY_LABELS: readonly string[] = ENTITY_KIND_LIST.map((k) => k.typeName);
