/**
 * JSON-LD in the schema.org vocabulary, for fact-checking tools and linked-data readers.
 * Entities are schema.org types (Organization, GovernmentOrganization, Person, Country,
 * CreativeWork for documents, Legislation, ...), claims are schema.org `Claim`s (author,
 * datePublished, about, appearance: the documents and verbatim quotes). What schema.org has no
 * term for (a claim's standing and evidence counts, relationship types and their validity as
 * the project records them) is in this server's extension vocabulary, prefix `frr:` =
 * `<PUBLIC_URL>/ns#`, described in docs/data-out.md.
 *
 * Every @id is a URL of this server: /entities/<id>, /claims/<id>, /relationships/<from:TYPE:to>.
 * A document is closed: whatever it refers to is a node in it (in full, or as a stub with its type
 * and name when it lies outside the export), so a reader never meets a dangling reference.
 */
import { decisionInputFromProps } from '../db/records';
import { claimFromProps, entityFromProps } from '../store/rows';
import type { SourceRef } from '../domain/elements';
import { isClaimEdgeType } from '../domain/relationships';
import { isEntityKind, schemaTypeOfKind, typeNameOfKind } from '../domain/kinds';
import type { ExportEdge, ExportGraph, ExportNode } from './model';

/** A JSON-LD node object. */
export type LdNode = Record<string, unknown>;

/** The @context of every document this server writes: schema.org as the vocabulary, frr: for the rest. */
function jsonLdContext(publicUrl: string): Record<string, unknown> {
  return {
    '@version': 1.1,
    '@vocab': 'https://schema.org/',
    frr: `${publicUrl}/ns#`,
    // Free-form properties as curated: kept as JSON, not turned into triples.
    'frr:properties': { '@type': '@json' },
  };
}

/** The stable URLs of the graph's elements, and what a document refers to. */
export class LdRefs {
  /** Entity and claim ids referred to, by IRI. */
  readonly referenced = new Map<string, { area: 'entity' | 'claim'; id: string }>();

  constructor(readonly publicUrl: string) {}

  entityIri(id: string): string {
    return `${this.publicUrl}/entities/${encodeURIComponent(id)}`;
  }

  claimIri(id: string): string {
    return `${this.publicUrl}/claims/${encodeURIComponent(id)}`;
  }

  relationshipIri(id: string): string {
    return `${this.publicUrl}/relationships/${encodeURIComponent(id)}`;
  }

  /** A reference to an entity (documents included), recorded so the document can close over it. */
  entity(id: string): LdNode {
    const iri = this.entityIri(id);
    this.referenced.set(iri, { area: 'entity', id });
    return { '@id': iri };
  }

  /** A reference to a claim, recorded likewise. */
  claim(id: string): LdNode {
    const iri = this.claimIri(id);
    this.referenced.set(iri, { area: 'claim', id });
    return { '@id': iri };
  }

  /** Citations: a Quotation that is part of its document, or the document itself when no quote is given. */
  quotes(sources: readonly SourceRef[]): LdNode[] {
    return sources.map((s) =>
      s.quote
        ? { '@type': 'Quotation', text: s.quote, isPartOf: this.entity(s.documentId), ...(s.translation ? { 'frr:translation': s.translation } : {}) }
        : this.entity(s.documentId),
    );
  }
}

/** Properties whose value is absent are left out. */
function given(o: LdNode): LdNode {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

/** The schema.org type of the kind (src/domain/kinds.ts) and, beside it, the frr: class (its type name). */
function types(kind: string): string[] {
  return [schemaTypeOfKind(kind), `frr:${isEntityKind(kind) ? typeNameOfKind(kind) : kind}`];
}

/** An entity as a schema.org node, with its citations and, for a decision, its amount and dates. */
function entityLd(node: ExportNode, refs: LdRefs): LdNode {
  const e = entityFromProps(node.props);
  const decision = decisionInputFromProps(node.props);
  const isDocument = e.kind === 'DOCUMENT';
  return given({
    '@id': refs.entityIri(e.id),
    '@type': types(e.kind),
    identifier: e.id,
    name: e.name,
    alternateName: e.aliases,
    description: e.description,
    url: e.url,
    inLanguage: e.language,
    publisher: e.publisherId ? refs.entity(e.publisherId) : null,
    // The one date each kind has: an event's start, a document's publication, else the project's date field.
    startDate: e.kind === 'EVENT' ? e.date : null,
    datePublished: isDocument || decision ? e.publishedOn : null,
    dateCreated: decision?.decidedOn ?? null,
    'frr:date': e.kind !== 'EVENT' && !isDocument ? e.date : null,
    'frr:primarySource': isDocument ? e.primary : null,
    'frr:reference': decision?.reference ?? null,
    'frr:amount': decision?.amount != null ? { '@type': 'MonetaryAmount', value: decision.amount, currency: decision.currency ?? undefined } : null,
    'frr:amountEur': decision ? ((node.props.amountEur as number | undefined) ?? null) : null,
    'frr:measures': decision?.measures,
    'frr:articlesBreached': decision?.articlesBreached,
    'frr:properties': e.properties,
    citation: refs.quotes(e.sources),
    // Former ids (merges): their URLs redirect here. Not references to close over: no node has them.
    sameAs: ((node.props.formerIds as string[] | undefined) ?? []).map((id) => refs.entityIri(id)),
  });
}

/** A claim as a schema.org Claim, with the project's standing and evidence counts in frr:. */
function claimLd(node: ExportNode, refs: LdRefs): LdNode {
  const c = claimFromProps(node.props);
  return given({
    '@id': refs.claimIri(c.id),
    '@type': 'Claim',
    identifier: c.id,
    text: c.text,
    author: refs.entity(c.claimantId),
    datePublished: c.madeOn,
    about: c.subjectIds.map((s) => refs.entity(s)),
    appearance: refs.quotes(c.sources),
    isBasedOn: [...c.basedOnIds.map((b) => refs.claim(b)), ...c.basedOnDocumentIds.map((d) => refs.entity(d))],
    'frr:qualifies': c.qualifiesIds.map((q) => refs.claim(q)),
    'frr:proposition': c.propositionId,
    'frr:polarity': c.polarity,
    'frr:claimKind': c.kind,
    'frr:status': c.status,
    'frr:support': c.support,
    'frr:opposition': c.opposition,
  });
}

/** A relationship between entities, as a node of its own: type, ends, validity, citations. */
function relationshipLd(edge: ExportEdge, refs: LdRefs): LdNode {
  return given({
    '@id': refs.relationshipIri(edge.id),
    '@type': 'frr:Relationship',
    'frr:relationshipType': edge.type,
    'frr:from': refs.entity(edge.source),
    'frr:to': refs.entity(edge.target),
    validFrom: edge.validFrom,
    validThrough: edge.validTo,
    'frr:properties': typeof edge.props.propertiesJson === 'string' ? JSON.parse(edge.props.propertiesJson) : null,
    citation: refs.quotes(edge.sources),
  });
}


/** The node of an export node. */
function nodeLd(node: ExportNode, refs: LdRefs): LdNode {
  return node.kind === 'CLAIM' ? claimLd(node, refs) : entityLd(node, refs);
}

/**
 * Looks up what a document refers to but does not hold: stubs (type and name, or a claim's text)
 * for the ids it can find; ids it cannot find (deleted meanwhile) are left out and get a bare
 * `Thing` node.
 */
export type StubReader = (entityIds: string[], claimIds: string[]) => Promise<LdNode[]>;

/** The stub of an entity outside the export: its @id, types and name. */
export function entityStub(node: ExportNode, refs: LdRefs): LdNode {
  return { '@id': refs.entityIri(node.id), '@type': types(node.kind), name: node.label };
}

/** The stub of a claim outside the export: its @id, type and text. */
export function claimStub(node: ExportNode, refs: LdRefs): LdNode {
  return { '@id': refs.claimIri(node.id), '@type': 'Claim', text: node.label };
}

/**
 * A JSON-LD document of an export graph, written a node at a time: {"@context", "@graph": [...]}
 * with every entity and claim, every relationship, then a stub for each reference outside it.
 */
export async function* jsonLd(graph: ExportGraph, publicUrl: string, stubs: StubReader): AsyncGenerator<string> {
  const refs = new LdRefs(publicUrl);
  const defined = new Set<string>();
  let first = true;
  const item = (n: LdNode) => {
    defined.add(n['@id'] as string);
    const text = `${first ? '' : ',\n'}${JSON.stringify(n)}`;
    first = false;
    return text;
  };
  yield `{"@context":${JSON.stringify(jsonLdContext(publicUrl))},\n"@graph":[\n`;
  for await (const node of graph.nodes()) yield item(nodeLd(node, refs));
  // A claim's edges are properties of its node (author, about, isBasedOn, frr:qualifies), not nodes.
  for await (const edge of graph.edges()) if (!isClaimEdgeType(edge.type)) yield item(relationshipLd(edge, refs));
  const missing = [...refs.referenced].filter(([iri]) => !defined.has(iri)).map(([, r]) => r);
  if (missing.length > 0) {
    const found = await stubs(
      missing.filter((m) => m.area === 'entity').map((m) => m.id),
      missing.filter((m) => m.area === 'claim').map((m) => m.id),
    );
    for (const n of found) yield item(n);
    for (const m of missing) {
      const iri = m.area === 'entity' ? refs.entityIri(m.id) : refs.claimIri(m.id);
      if (!defined.has(iri)) yield item({ '@id': iri, '@type': 'Thing' });
    }
  }
  yield '\n]}\n';
}
