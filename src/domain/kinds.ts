/**
 * THE list of entity kinds. Everything else that names kinds derives from it: the Neo4j label
 * (`label`), the GraphQL object type (`typeName`, the codegen mappers in codegen.ts), the view's
 * legend (`colour`, `shape`, passed to the browser as page data), the JSON-LD `@type`
 * (`schemaType`). `EntityKind` is the union of the kinds: a renamed kind fails to compile wherever
 * TypeScript names it (the relationship table, the rules of src/domain). The places that cannot import
 * TypeScript (the SDL's EntityKind enum and object types, seed/schema.json's kind enum, the label
 * list of cypher/seed/upsert-entities.cypher) are held to this list by test/unit/domain.test.ts.
 */

/** What the project knows of one entity kind. */
export interface EntityKindInfo<K extends string = string> {
  /** The kind as stored and as the API spells it: POLITICAL_PARTY. */
  readonly kind: K;
  /** Neo4j label and GraphQL object type name: PoliticalParty. */
  readonly typeName: string;
  /** The view's colour for it (CSS hex). */
  readonly colour: string;
  /** The view's node shape (a Cytoscape shape name). */
  readonly shape: 'ellipse' | 'round-rectangle' | 'round-hexagon';
  /** Its schema.org type in the JSON-LD exports (the frr: class, `typeName`, is written beside it). */
  readonly schemaType: string;
}

/** Every entity kind, in the order the legend shows them. */
export const ENTITY_KIND_LIST = [
  { kind: 'COMPANY', typeName: 'Company', colour: '#2563eb', shape: 'ellipse', schemaType: 'Organization' },
  { kind: 'PRODUCT', typeName: 'Product', colour: '#60a5fa', shape: 'ellipse', schemaType: 'Product' },
  { kind: 'REGULATOR', typeName: 'Regulator', colour: '#7c3aed', shape: 'ellipse', schemaType: 'GovernmentOrganization' },
  { kind: 'POLICE', typeName: 'Police', colour: '#1e3a8a', shape: 'ellipse', schemaType: 'GovernmentOrganization' },
  { kind: 'GOVERNMENT', typeName: 'Government', colour: '#0f766e', shape: 'ellipse', schemaType: 'GovernmentOrganization' },
  { kind: 'LEGISLATURE', typeName: 'Legislature', colour: '#2dd4bf', shape: 'ellipse', schemaType: 'GovernmentOrganization' },
  { kind: 'COURT', typeName: 'Court', colour: '#854d0e', shape: 'ellipse', schemaType: 'GovernmentOrganization' },
  { kind: 'POLITICAL_PARTY', typeName: 'PoliticalParty', colour: '#db2777', shape: 'ellipse', schemaType: 'Organization' },
  { kind: 'NGO', typeName: 'Ngo', colour: '#f97316', shape: 'ellipse', schemaType: 'NGO' },
  { kind: 'MEDIA', typeName: 'Media', colour: '#facc15', shape: 'ellipse', schemaType: 'NewsMediaOrganization' },
  { kind: 'PERSON', typeName: 'Person', colour: '#06b6d4', shape: 'ellipse', schemaType: 'Person' },
  { kind: 'COUNTRY', typeName: 'Country', colour: '#84cc16', shape: 'ellipse', schemaType: 'Country' },
  { kind: 'LAW', typeName: 'Law', colour: '#475569', shape: 'round-rectangle', schemaType: 'Legislation' },
  { kind: 'POLICY', typeName: 'Policy', colour: '#a855f7', shape: 'round-rectangle', schemaType: 'CreativeWork' },
  { kind: 'PRACTICE', typeName: 'Practice', colour: '#e11d48', shape: 'round-rectangle', schemaType: 'Thing' },
  { kind: 'COMPLAINT', typeName: 'Complaint', colour: '#fb923c', shape: 'round-hexagon', schemaType: 'CreativeWork' },
  { kind: 'DECISION', typeName: 'Decision', colour: '#b45309', shape: 'round-hexagon', schemaType: 'CreativeWork' },
  { kind: 'EVENT', typeName: 'Event', colour: '#94a3b8', shape: 'round-rectangle', schemaType: 'Event' },
  { kind: 'DOCUMENT', typeName: 'Document', colour: '#cbd5e1', shape: 'round-rectangle', schemaType: 'CreativeWork' },
] as const satisfies readonly EntityKindInfo[];

/** An entity kind: one of the list's, checked by the compiler. */
export type EntityKind = (typeof ENTITY_KIND_LIST)[number]['kind'];

/** Every entity kind name. */
export const ENTITY_KINDS: readonly EntityKind[] = ENTITY_KIND_LIST.map((k) => k.kind);

const BY_KIND = new Map<string, EntityKindInfo<EntityKind>>(ENTITY_KIND_LIST.map((k) => [k.kind, k]));

/** Whether a string (input, stored data) is an entity kind. */
export function isEntityKind(kind: string): kind is EntityKind {
  return BY_KIND.has(kind);
}

/** The schema.org type of an entity kind (`Thing` for one it does not know). */
export function schemaTypeOfKind(kind: string): string {
  return BY_KIND.get(kind)?.schemaType ?? 'Thing';
}

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
