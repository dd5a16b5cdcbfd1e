// Package neo4jstore implements kg.Store and kg.Explorer on Neo4j 5 (5.23
// or later, for scoped CALL subqueries) with the official Go driver.
//
// # Graph model
//
// Nodes, each with a unique id:
//
//	(:Official  {id, name, aliases, pinyin, garbled, sortKey, sortOrd,
//	             searchName, searchText, pinyinJoined, initials, pinyinSuffixes})
//	(:Position  {id, title, organization, divisionId})
//	(:Meeting   {id, name, date, datePrecision, kind, divisionId, sortKey, sortOrd, searchText,
//	             statsOfficials, statsRoles, statsReporters, statsIssuers})
//	(:Division  {id, name, level, code, parentId, sortKey, sortOrd,
//	             searchText, pinyinJoined, initials, pinyinSuffixes})
//	            plus one level label: :Province, :City or :County
//	(:Directive {id, text, ordinal, meetingId, issuerId, sortKey, sortOrd, searchText})
//	(:Report    {id, title, url, publishedAt, journalists, sha256, synthetic,
//	             sortKey, sortOrd, officialIds, divisionIds, positionIds,
//	             meetingIds, directiveIds})
//	(:StoreMark {id})  what the store has been given once, such as the
//	                   counts of MET or the meetings' tallies (see schema.go)
//
// Every node but a Report or a StoreMark also has claimedBy, the ID of the report whose
// claims it shows (see below).
//
// Relationships. Fact relationships are one per supporting report and carry
// that report's ID in a report property, so deleting a report deletes
// exactly its own edges:
//
//	(Official)-[:HELD {report, seen, sentence, offset}]->(Position)
//	(Official)-[:PARTICIPATED {report, roles, titles, alias, order, sentence, offset}]->(Meeting)
//	(Division)-[:PARTICIPATED {report, role, sentence, offset}]->(Meeting)
//	(Directive)-[:AT {report, sentence, offset}]->(Meeting)
//	(Report)-[:REPORTS]->(Meeting)
//	(Report)-[:CLAIMS {claims}]->(Official|Position|Meeting|Division|Directive)
//
// Structural relationships follow from the entities themselves and live as
// long as their nodes:
//
//	(Position)-[:OF]->(Division)
//	(Meeting)-[:HELD_IN]->(Division)
//	(Official)-[:ISSUED]->(Directive)   none for a meeting's own directives (issuerId "meeting")
//	(Division)-[:PART_OF]->(Division)
//
// One derived relationship stands for a fact whatever the number of its
// reports, so that path searches see each (official, meeting) pair once:
//
//	(Official)-[:TOOK_PART]->(Meeting)  while any PARTICIPATED joins the pair
//
// Another counts, for each pair of officials, the meetings both took part
// in, and names the least of them by ID, so that an official's
// co-attendees are counted, and the least chain of one or two meetings
// between two officials is found, without visiting every participant of
// every meeting of theirs:
//
//	(Official)-[:MET {shared, leastMeeting}]->(Official)
//	    one per pair, from the official of lesser ID to the other, while
//	    TOOK_PART joins both to shared meetings, one or more
//
// The writes keep it (see writeReportQuery and deleteReportQuery): a write
// counts the pairs that the officials it adds to a meeting make with the
// meeting's other officials, and a delete those that the officials it
// removes unmake. A meeting is an entity of the report written or deleted,
// locked while it is, so its officials do not change under a write. A
// write also locks the officials the meeting had before it, not all of
// them the report's, before it reads their pairs, so that two writes
// cannot both find a pair missing and both create it; a count changes by
// SET c.shared = c.shared + n, which Cypher runs under the relationship's
// lock, so that concurrent writes of other meetings add up. A write lowers
// leastMeeting where its meeting is less; a delete that removes a pair's
// least shared meeting reads the pair's meetings for the least again, with
// the official it removes locked, as every write to that pair locks it.
//
// Each meeting also keeps a tally of what Stats counts of it (the stats
// properties; see tally.go), which the writes set again for each meeting
// of the report they write or delete.
//
// The search properties (searchText and the pinyin ones) hold the forms
// search.Score compares, computed when a report is written; Search finds
// candidates through them (see search.go).
//
// Every entity node has one CLAIMS relationship from each report that
// supports it, and every Report node lists the entities it mentions by
// kind, so that deleting a report finds its nodes through the id
// constraints instead of scanning.
//
// Reports may disagree about an entity's properties (a meeting's kind, say).
// Each CLAIMS relationship holds what its report says of the entity's
// claimed properties (an official's also the report's aliases of it and
// their search forms, in aliases and aliasSearch), and the node shows the
// claims of the least report ID, which it keeps in claimedBy, as the
// in-memory store does: what a read shows does not depend on the order of
// writes, and deleting a report restores what the others say. An
// official's aliases are all the forms its reports' claims give but its
// name. Labels and structural relationships follow the shown properties.
// A write therefore costs what the report holds, whatever the number of
// reports about its entities (see claims.go).
//
// Databases written before claims were relationships kept them as lists on
// the entity nodes (sources, claim_<property>, aliasForms, aliasSearch);
// the queries of this version neither read nor update those, so such a
// database must be emptied and its reports ingested again.
//
// Reads merge the per-report relationships of a fact by the rules of
// kg.Store; each read is one query, and QueryCount counts them. The batch
// reads of kg.Explorer are one query whatever the number of IDs, and the
// single reads are batch reads of one ID, so that both merge alike. Search
// (with each hit's entity), Holders and Stats are one query each; a search
// that finds directives reads their evidence in a second. Connection is
// one query when the officials are at most two meetings apart, and
// otherwise a breadth-first search of one query per step (see Connection).
// Reads run as auto-commit queries rather than in managed transactions,
// which cost a round trip more (see read).
//
// # Writes
//
// A batch of reports (WriteReports; WriteReport is a batch of one) is
// written in one managed write transaction: one query takes the lock of
// every report node of the batch and reads their checksums, then each
// report is written by one query with UNWIND over parameter lists; new
// reports that come in a row share one query, which runs the same Cypher
// for each in turn. Replacing a report runs the delete query before its
// write, in the same transaction. Entity nodes
// are locked in one global order before they change, so that concurrent
// writes of reports sharing entities queue instead of deadlocking. The
// write and delete queries keep their first plan (CYPHER replan=skip):
// planning them takes longer than running them, and while a graph grows
// Neo4j would otherwise plan them again every few seconds.
//
// # Ordering
//
// Lists are ordered by sortOrd, the lowercase hex of the UTF-8 bytes of the
// kg sort key, then by id. Neo4j compares strings by UTF-16 code units and Go
// by bytes; the two disagree on characters beyond the Basic Multilingual
// Plane (rare name characters) against U+E000 to U+FFFF, while hex strings
// order the same in both, so both stores page identically.
//
// # Availability
//
// Open succeeds without a reachable database: calls then fail fast with
// errors wrapping kg.ErrUnavailable, and the first call after the database
// comes back sets up the schema and proceeds.
package neo4jstore
