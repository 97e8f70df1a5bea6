// seed/create-entities — bulk mode's write of entities of one kind that the comparison found
// absent (nobody else writes meanwhile): created without looking for them, so no MERGE and no
// old label to remove. __LABEL__ is the kind's label, composed by src/seed/parts.ts (labelPart).
// The same properties as seed/upsert-entities.
// $rows: list of {id, props} — props holds every stored property, dates as strings
UNWIND $rows AS row
CREATE (e:Entity:__LABEL__)
SET e = row.props
SET e.date = date(row.props.date), e.publishedOn = date(row.props.publishedOn),
    e.decidedOn = date(row.props.decidedOn), e.retrievedOn = date(row.props.retrievedOn),
    e.eurRateOn = date(row.props.eurRateOn)
RETURN count(e) AS written
