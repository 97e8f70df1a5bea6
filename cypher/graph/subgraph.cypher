// graph/subgraph — the neighbourhood of one entity as nodes and edges for graph views.
// Entities are found breadth-first (ANY SHORTEST gives each its distance) up to $depth hops;
// the UNION branches exist because a quantifier bound cannot be a parameter, and only the
// branch whose depth matches runs. Nodes are ordered centre first, then by distance, kind, id;
// $limit cuts entities first, then claims (by id); truncated says whether anything was cut.
// $center: entity id
// $depth: integer 0..4
// $limit: integer 1..2000
// $includeClaims: boolean — add claims about or made by the entities in view
// $asOf: 'YYYY-MM-DD' or null — only relationships valid on that date (an effect of a decision
//        only while the decision is in force: see relationship/of-entities)
// $kinds: list of EntityKind, or null — keep only entities of these kinds (the centre always)
// Relationship edges carry validFrom/validTo (YYYY-MM-DD or null), and an effect of a decision the
// decision's spans in force (inForceFrom/inForceTo), for a view's time slider.
MATCH (c:Entity {id: $center})
CALL (c) {
  WITH c WHERE $depth = 0
  RETURN c AS n, 0 AS d
  UNION
  WITH c WHERE $depth = 1
  MATCH p = ANY SHORTEST (c) (()-[r]-(:Entity) WHERE {{valid-on-as-of}}){0,1} (n:Entity)
  RETURN n, length(p) AS d
  UNION
  WITH c WHERE $depth = 2
  MATCH p = ANY SHORTEST (c) (()-[r]-(:Entity) WHERE {{valid-on-as-of}}){0,2} (n:Entity)
  RETURN n, length(p) AS d
  UNION
  WITH c WHERE $depth = 3
  MATCH p = ANY SHORTEST (c) (()-[r]-(:Entity) WHERE {{valid-on-as-of}}){0,3} (n:Entity)
  RETURN n, length(p) AS d
  UNION
  WITH c WHERE $depth = 4
  MATCH p = ANY SHORTEST (c) (()-[r]-(:Entity) WHERE {{valid-on-as-of}}){0,4} (n:Entity)
  RETURN n, length(p) AS d
}
WITH c, n, min(d) AS d
WHERE n = c OR $kinds IS NULL OR n.kind IN $kinds
WITH n, d ORDER BY d, n.kind, n.id
WITH collect({n: n, d: d}) AS found
WITH found[0..$limit] AS kept, size(found) > $limit AS cut
WITH kept, cut, [k IN kept | k.n] AS ns, [k IN kept | k.n.id] AS ids
CALL (ns, ids) {
  UNWIND ns AS a
  MATCH (a)-[r]->(b:Entity)
  WHERE b.id IN ids
    AND {{valid-on-as-of}}
  WITH r, a, b ORDER BY a.id, type(r), b.id
  RETURN collect({id: a.id + ':' + type(r) + ':' + b.id, source: a.id, target: b.id, type: type(r), validFrom: toString(r.validFrom), validTo: toString(r.validTo),
                  inForceFrom: CASE WHEN r.isEffect THEN a.inForceFrom END, inForceTo: CASE WHEN r.isEffect THEN a.inForceTo END}) AS edges
}
CALL (ns) {
  UNWIND CASE WHEN $includeClaims THEN ns ELSE [] END AS a
  CALL (a) {
    MATCH (cl:Claim)-[:ABOUT]->(a) RETURN cl
    UNION
    MATCH (a)-[:MADE]->(cl:Claim) RETURN cl
  }
  // As known on asOf: a claim made after it is not yet there (an undated one always is).
  WITH DISTINCT cl WHERE $asOf IS NULL OR cl.madeOn IS NULL OR cl.madeOn <= date($asOf)
  WITH cl ORDER BY cl.id
  RETURN collect(cl {.id, .text, .claimantId, .subjectIds, .propositionId, .polarity, .status, .kind, .basedOnIds, .qualifiesIds}) AS claims
}
WITH kept, ids, edges, claims[0..($limit - size(kept))] AS shown, cut OR size(claims) > $limit - size(kept) AS truncated
RETURN
  [k IN kept | {id: k.n.id, label: k.n.name, kind: k.n.kind, distance: k.d}]
  + [cl IN shown | {id: cl.id, label: cl.text, kind: 'CLAIM', propositionId: cl.propositionId, proposition: cl.propositionId, polarity: cl.polarity, claimantId: cl.claimantId,
       claimKind: coalesce(cl.kind, 'ASSERTION'),
       status: coalesce(cl.status, 'UNCONTESTED'),
       distance: 1 + reduce(m = 99, x IN [k IN kept WHERE k.n.id = cl.claimantId OR k.n.id IN cl.subjectIds | k.d] | CASE WHEN x < m THEN x ELSE m END)}] AS nodes,
  edges
  + [cl IN shown WHERE cl.claimantId IN ids | {id: cl.claimantId + ':MADE:' + cl.id, source: cl.claimantId, target: cl.id, type: 'MADE'}]
  + reduce(acc = [], cl IN shown | acc + [s IN cl.subjectIds WHERE s IN ids | {id: cl.id + ':ABOUT:' + s, source: cl.id, target: s, type: 'ABOUT'}])
  + reduce(acc = [], a IN [x IN shown WHERE x.polarity = 'AFFIRMS' AND coalesce(x.kind, '') <> 'QUESTION'] | acc + [b IN shown WHERE b.polarity = 'DENIES' AND coalesce(b.kind, '') <> 'QUESTION' AND b.propositionId = a.propositionId | {id: a.id + ':CONTRADICTS:' + b.id, source: a.id, target: b.id, type: 'CONTRADICTS'}])
  + reduce(acc = [], a IN shown | acc + [b IN shown WHERE b.id IN coalesce(a.basedOnIds, []) | {id: a.id + ':BASED_ON:' + b.id, source: a.id, target: b.id, type: 'BASED_ON'}])
  + reduce(acc = [], a IN shown | acc + [b IN shown WHERE b.id IN coalesce(a.qualifiesIds, []) | {id: a.id + ':QUALIFIES:' + b.id, source: a.id, target: b.id, type: 'QUALIFIES'}]) AS edges,
  truncated
