/**
 * What every export format is written from: entities and claims (nodes), relationships and
 * claim edges (edges), each with what the formats show of it. Built from stored properties by the
 * read models of src/store/rows.ts, so an export says what the API says.
 */
import type { SourceRef } from '../domain/elements';
import type { Props } from '../db/records';
import { sourcesFromProps } from '../db/records';
import { claimFromProps, entityFromProps, relationshipFromProps } from '../store/rows';
import { relationshipId } from '../domain/ids';
import type { ClaimEdgeType } from '../domain/relationships';

/** A node: an entity (documents included) or a claim (kind CLAIM), as subgraph names them. */
export interface ExportNode {
  id: string;
  /** EntityKind, or CLAIM. */
  kind: string;
  /** The entity's name or the claim's text (subgraph's label). */
  label: string;
  description: string | null;
  /** The entity's date (a document's publication, a decision's), or the day a claim was made. */
  date: string | null;
  url: string | null;
  /** A claim's standing (UNCONTESTED, DISPUTED, ...); null for entities. */
  status: string | null;
  /** Hops from the view's centre; null in a whole-graph export. */
  distance: number | null;
  sources: SourceRef[];
  /** The stored properties (JSON-LD reads the typed ones: a decision's amount, a claim's author). */
  props: Props;
}

/** An edge: a relationship between entities, or a claim edge (MADE, ABOUT, CONTRADICTS, BASED_ON, QUALIFIES). */
export interface ExportEdge {
  /** from:TYPE:to, as subgraph's edge ids. */
  id: string;
  source: string;
  target: string;
  type: string;
  validFrom: string | null;
  validTo: string | null;
  /** A relationship's citations; claim edges have none of their own (the claim has them). */
  sources: SourceRef[];
  /** A relationship's stored properties; {} for claim edges. */
  props: Props;
}

/** Nodes first, then edges, each as often as a format needs to read them (GraphML and CSV read both once). */
export interface ExportGraph {
  nodes(): AsyncIterable<ExportNode>;
  edges(): AsyncIterable<ExportEdge>;
}

/** An entity's stored properties as a node. */
export function entityNode(p: Props, distance: number | null = null): ExportNode {
  const e = entityFromProps(p);
  return { id: e.id, kind: e.kind, label: e.name, description: e.description, date: e.date, url: e.url, status: null, distance, sources: e.sources, props: p };
}

/** A claim's stored properties as a node. */
export function claimNode(p: Props, distance: number | null = null): ExportNode {
  const c = claimFromProps(p);
  return { id: c.id, kind: 'CLAIM', label: c.text, description: null, date: c.madeOn, url: null, status: c.status, distance, sources: c.sources, props: p };
}

/** A stored relationship (with type, fromId, toId) as an edge. */
export function relationshipEdge(p: Props): ExportEdge {
  const r = relationshipFromProps(p);
  return { id: relationshipId(r.fromId, r.type, r.toId), source: r.fromId, target: r.toId, type: r.type, validFrom: r.validFrom, validTo: r.validTo, sources: sourcesFromProps(p), props: p };
}

/** A claim edge (no validity, no sources of its own). */
export function claimEdge(source: string, type: ClaimEdgeType, target: string): ExportEdge {
  return { id: relationshipId(source, type, target), source, target, type, validFrom: null, validTo: null, sources: [], props: {} };
}

/**
 * The edges a claim carries by itself, as subgraph draws them: claimant -MADE-> claim,
 * claim -ABOUT-> subject, claim -BASED_ON-> claim, claim -QUALIFIES-> claim. `has` says whether
 * the other end is in the export (a view leaves out edges to what it does not show).
 */
export function ownClaimEdges(p: Props, has: (id: string) => boolean = () => true): ExportEdge[] {
  const c = claimFromProps(p);
  return [
    ...(has(c.claimantId) ? [claimEdge(c.claimantId, 'MADE', c.id)] : []),
    ...c.subjectIds.filter(has).map((s) => claimEdge(c.id, 'ABOUT', s)),
    ...c.basedOnIds.filter(has).map((b) => claimEdge(c.id, 'BASED_ON', b)),
    ...c.qualifiesIds.filter(has).map((q) => claimEdge(c.id, 'QUALIFIES', q)),
  ];
}
