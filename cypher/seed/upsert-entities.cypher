// seed/upsert-entities — creates or replaces entities (documents included) of one kind by id.
// __LABEL__ is the kind's label (Company, Document, ...), composed by src/seed/parts.ts
// (labelPart) from the closed list of kinds: the seeder sends one kind per statement. The old
// kind label goes (a kind may change); properties not given are removed.
// Dates are stored as dates; the in-force spans of a decision (inForceFrom/inForceTo) stay
// strings, compared with $asOf as text by the statements that read effects.
// An entity's formerIds (written by merges, not by entity rows) are kept.
// $rows: list of {id, props} — props holds every stored property, dates as strings
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
WITH e, row, e.formerIds AS formerIds
SET e = row.props
SET e.formerIds = formerIds, e.date = date(row.props.date), e.publishedOn = date(row.props.publishedOn),
    e.decidedOn = date(row.props.decidedOn), e.retrievedOn = date(row.props.retrievedOn),
    e.eurRateOn = date(row.props.eurRateOn)
REMOVE e:Company:Product:Regulator:Police:Government:Legislature:Court:PoliticalParty:Ngo:Media:Person:Country:Law:Policy:Practice:Complaint:Decision:Event:Document
SET e:__LABEL__
RETURN count(e) AS written
