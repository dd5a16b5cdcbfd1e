// Hand-written Cypher shared by the benchmark's two users of it: the
// @cypher fields of the @neo4j/graphql peer (typedefs.graphql) and the
// plain-driver floor (bench/floor). Each statement starts with a line
// "// name: NAME"; parameters are named as the GraphQL arguments.

// name: connection
// The shortest chain official–meeting–official… between two officials,
// through at most $maxHops meetings. TOOK_PART joins an official to a
// meeting once, however many reports tell of it.
MATCH (a:Official {id: $from}), (b:Official {id: $to})
OPTIONAL MATCH p = shortestPath((a)-[:TOOK_PART*..12]-(b))
WITH CASE WHEN p IS NOT NULL AND length(p) <= 2 * $maxHops THEN p END AS p
RETURN CASE WHEN p IS NULL THEN {hops: 0, officials: [], meetings: []}
       ELSE {hops: length(p) / 2,
             officials: [n IN nodes(p) WHERE n:Official | n {.id, .name}],
             meetings: [n IN nodes(p) WHERE n:Meeting | n {.id, .name, .date}]} END AS c

// name: search
// Officials whose name, aliases or pinyin match $query in the full-text
// index, best first.
CALL db.index.fulltext.queryNodes('text_search', $query) YIELD node, score
WHERE node:Official
WITH node, score
ORDER BY score DESC, node.sortOrd ASC, node.id ASC
LIMIT $first
RETURN node {.id, .name, .pinyin, score: score} AS c

// name: stats
// The dashboard aggregates over the meetings held in $division or a
// division within it, dated in [$from, $to] (a bound covers the dates it is
// a prefix of).
MATCH (d:Division {id: $division})
CALL (d) {
  MATCH (x:Division)-[:PART_OF*0..2]->(d)
  MATCH (m:Meeting)-[:HELD_IN]->(x)
  WHERE m.date <> '' AND NOT m.date STARTS WITH '--'
    AND (m.date >= $from OR m.date STARTS WITH $from)
    AND (m.date <= $to OR m.date STARTS WITH $to)
  RETURN collect(DISTINCT m) AS ms
}
CALL (ms) {
  UNWIND ms AS m
  WITH substring(m.date, 0, 7) AS month, count(*) AS n
  WHERE size(month) = 7
  ORDER BY month
  RETURN collect({month: month, count: n}) AS perMonth
}
CALL (ms) {
  UNWIND ms AS m
  MATCH (o:Official)-[e:PARTICIPATED]->(m)
  WITH o, m, reduce(acc = [], r IN collect(e.roles) | acc + r) AS roles
  WITH o, m, CASE WHEN any(r IN roles WHERE r <> 'attended')
                  THEN [r IN roles WHERE r <> 'attended'] ELSE ['attended'] END AS roles
  UNWIND roles AS role
  WITH DISTINCT o, m, role
  WITH role, count(*) AS n
  RETURN collect({role: role, count: n}) AS perRole
}
CALL (ms) {
  UNWIND ms AS m
  MATCH (o:Official)-[:TOOK_PART]->(m)
  WITH o, count(m) AS n
  ORDER BY n DESC, o.sortOrd ASC, o.id ASC
  LIMIT $top
  RETURN collect({official: o {.id, .name}, count: n}) AS officials
}
CALL (ms) {
  UNWIND ms AS m
  MATCH (x:Directive {meetingId: m.id})
  WITH x.issuerId AS issuer, count(DISTINCT x) AS n
  ORDER BY n DESC, issuer ASC
  LIMIT $top
  RETURN collect({issuerId: issuer, count: n}) AS issuers
}
CALL (ms) {
  UNWIND ms AS m
  MATCH (v:Division)-[:PARTICIPATED {role: 'reported'}]->(m)
  WITH v, count(DISTINCT m) AS n
  ORDER BY n DESC, v.sortOrd ASC, v.id ASC
  LIMIT $top
  RETURN collect({division: v {.id, .name}, count: n}) AS divisions
}
RETURN {meetings: size(ms), meetingsPerMonth: perMonth, participationsPerRole: perRole,
        mostActiveOfficials: officials, directivesPerIssuer: issuers,
        divisionsReportingMost: divisions} AS c
