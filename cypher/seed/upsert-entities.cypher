// seed/upsert-entities — creates or replaces entities (documents included) by id. The kind
// label (Company, Document, ...) follows the kind; properties not given are removed.
// $rows: list of {id, label, props} — props holds every stored property, dates as strings
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
SET e = row.props
SET e.date = date(row.props.date), e.publishedOn = date(row.props.publishedOn)
REMOVE e:Company:Product:Regulator:Police:Government:Legislature:Court:PoliticalParty:Ngo:Media:Person:Country:Law:Policy:Complaint:Decision:Event:Document
SET e:$(row.label)
RETURN count(e) AS written
