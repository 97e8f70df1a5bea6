// entity/decision-stats — decisions grouped, with counts and amounts in euros, most sumEur first,
// then most count, then key. The condition (WHERE) and each decision's groups (GROUP, a list of
// {key, label}) are compiled by src/store/filters.ts; a decision with no group falls in NONE, one in
// several groups (two measures) counts once in each. Amounts without a euro figure are counted,
// not summed; a group with none has null sums rather than 0.
// $f: map of the filter's values (p0, p1, ...) and asOf ('YYYY-MM-DD', the date of STATUS)
MATCH (e:Entity {kind: 'DECISION'})
WHERE __WHERE__
WITH e, __GROUP__ AS groups
UNWIND CASE WHEN size(groups) = 0 THEN [{key: 'NONE', label: 'NONE'}] ELSE groups END AS g
WITH DISTINCT g.key AS key, g.label AS label, e
WITH key, label, count(e) AS count, count(e.amountEur) AS amounts, sum(e.amountEur) AS total,
     min(e.amountEur) AS minEur, max(e.amountEur) AS maxEur, avg(e.amountEur) AS avgEur
RETURN key, label, count, CASE WHEN amounts = 0 THEN null ELSE total END AS sumEur, minEur, maxEur, avgEur
ORDER BY sumEur IS NULL, sumEur DESC, count DESC, key
