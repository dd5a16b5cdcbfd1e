package neo4jstore

// Each meeting keeps what Stats counts of it, so that Stats reads a few
// properties of each meeting it selects instead of walking each one's
// participants, reporting divisions and directives:
//
//	statsOfficials  the IDs of its officials, one for each TOOK_PART
//	statsRoles      the roles of those officials, each (official, meeting)
//	                pair's roles merged as kg.MostSpecific merges them
//	statsReporters  the IDs of the divisions that reported at it, once each
//	statsIssuers    the issuer of each of its directives (an official's ID
//	                or "meeting"), one for each directive
//
// A write counts them again for each meeting of the report it writes or
// deletes, from the meeting's relationships, after it has changed them; a
// meeting is an entity of the report and locked while it is written, and
// only the writes of its reports change what the tally counts, so the
// count is the meeting's as the transaction leaves it. Counting afresh
// rather than adding what changed keeps one rule for writes, replacements,
// deletes and identity decisions (which re-write reports), at the cost of
// a walk of the meeting's PARTICIPATED, 15 on average at 10,000 reports.

// tallyMeeting is the Cypher that sets the stats properties of the meeting
// m of each row from its relationships and its directives.
const tallyMeeting = `
  CALL (m) {
    OPTIONAL MATCH (p)-[e:PARTICIPATED]->(m)
    WITH p, collect(e.roles) AS rss, collect(e.role) AS kinds
    WITH p, size(rss) > 0 AS official, 'reported' IN kinds AS reported,
         reduce(a = [], r IN reduce(b = [], rs IN rss | b + rs) | CASE WHEN r IN a THEN a ELSE a + r END) AS roles
    RETURN collect(CASE WHEN official THEN p.id END) AS officials,
           reduce(a = [], rs IN collect(CASE WHEN any(r IN roles WHERE r <> 'attended')
                                             THEN [r IN roles WHERE r <> 'attended'] ELSE roles END) | a + rs) AS roles,
           collect(CASE WHEN reported THEN p.id END) AS reporters
  }
  SET m.statsOfficials = officials, m.statsRoles = roles, m.statsReporters = reporters,
      m.statsIssuers = COLLECT { MATCH (issued:Directive {meetingId: m.id}) RETURN issued.issuerId }`

// A store written before the meetings kept their tallies gets them the
// first time it is opened, in transactions of 1,000 meetings, so that one
// cut short can run again; the marker says that it ran, or that the store
// was empty when first opened.
const (
	tallyMark  = "meeting-stats"
	tallyQuery = `
MATCH (m:Meeting)
CALL (m) {` + tallyMeeting + `
} IN TRANSACTIONS OF 1000 ROWS`
)
