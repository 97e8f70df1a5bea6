// @ts-check
/*
 * Talking to the server: the view as /api/graph answers it, and the GraphQL documents the side
 * panel and the search send to /graphql.
 */
import { queryOf } from './address.js';

/**
 * @typedef {import('../../graph').GraphView} GraphView
 * @typedef {import('../../params').ViewParams} ViewParams
 * @typedef {Error & { status?: number, parameter?: string }} ViewFailure
 */

/**
 * What the view's GraphQL documents return (the documents are validated against the schema by
 * test/unit/view-documents.test.ts; these shapes follow their selections).
 * @typedef {{ id: string, name: string, url: string | null }} DocumentRef
 * @typedef {{ quote: string | null, document: DocumentRef }} Source
 * @typedef {{ id: string, text: string, status: string, kind: string, support: number, opposition: number,
 *   polarity: string, madeOn: string | null, claimant: { id: string, name: string }, sources: Source[] }} Claim
 * @typedef {{ polarity: string, reliability: string, claims: { id: string, text: string, claimant: { name: string } }[],
 *   sharedBasis: { id: string, text?: string, name?: string }[] }} Line
 * @typedef {{ asOf: string | null, status: string, support: number, opposition: number, lines: Line[],
 *   excluded: { claim: { id: string, text: string }, reason: string }[] }} ClaimStanding
 * @typedef {Claim & { contradictedBy: Claim[], basedOn: Claim[], basedOnDocuments: DocumentRef[],
 *   qualifiedBy: Claim[], qualifies: Claim[], correctedBy: Claim[], supersededBy: Claim | null, supersededOn: string | null,
 *   standing: ClaimStanding | null }} ClaimDetail
 * @typedef {{ id: string, name: string, kind: string, description: string | null, date: string | null, sources: Source[] }} Entity
 * @typedef {{ node: { id: string, name: string }, validFrom: string | null, validTo: string | null, sources: Source[] }} Relationship
 * @typedef {{ matched: string, entity: { id: string, name: string, kind: string } }} Hit
 * @typedef {{
 *   claim: { claim: ClaimDetail | null },
 *   entity: { entity: Entity | null },
 *   relationship: { entity: { name: string, relationships: { edges: { node: Relationship }[] } } | null },
 *   search: { search: Hit[] },
 * }} Results
 */

// The GraphQL documents the view sends. test/unit/view-documents.test.ts runs the lines between
// the two markers and validates each document against the server's schema: keep them self-contained.
// documents:start
const SOURCES = 'sources { quote document { id name url } }';
const CLAIM_FIELDS = `id text status kind support opposition polarity madeOn claimant { id name } ${SOURCES}`;
/** @type {{ [K in keyof Results]: string }} */
const DOCUMENTS = {
  claim: `query EmbedClaim($id: ID!, $asOf: Date) { claim(id: $id) { ${CLAIM_FIELDS}
    contradictedBy { ${CLAIM_FIELDS} } basedOn { ${CLAIM_FIELDS} } basedOnDocuments { id name url } qualifiedBy { ${CLAIM_FIELDS} } qualifies { ${CLAIM_FIELDS} }
    correctedBy { ${CLAIM_FIELDS} } supersededBy { ${CLAIM_FIELDS} } supersededOn
    standing(asOf: $asOf) { asOf status support opposition
      lines { polarity reliability claims { id text claimant { name } } sharedBasis { id ... on Claim { text } ... on Document { name } } }
      excluded { claim { id text } reason } } } }`,
  entity: `query EmbedEntity($id: ID!) { entity(id: $id) { id name kind description date ${SOURCES} } }`,
  relationship: `query EmbedRelationship($from: ID!, $type: String!) {
    entity(id: $from) { name relationships(types: [$type], direction: OUT, first: 100) {
      edges { node { node { id name } validFrom validTo ${SOURCES} } } } } }`,
  search: 'query EmbedSearch($text: String!) { search(text: $text, first: 8) { matched entity { id name kind } } }',
};
// documents:end

/**
 * Runs one of DOCUMENTS; the first GraphQL error is thrown.
 * @template {keyof Results} K
 * @param {K} name
 * @param {Record<string, unknown>} variables
 * @returns {Promise<Results[K]>}
 */
export async function graphql(name, variables) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: DOCUMENTS[name], variables }),
  });
  const out = await res.json();
  if (out.errors && out.errors.length) throw new Error(out.errors[0].message);
  return out.data;
}

/** @param {ViewParams} v @returns {Promise<GraphView>} */
export async function fetchView(v) {
  const res = await fetch('/api/graph?' + queryOf(v), { headers: { accept: 'application/json' } });
  const out = await res.json();
  if (!res.ok) throw Object.assign(new Error(out.error.message), { status: res.status, parameter: out.error.parameter });
  return out;
}
