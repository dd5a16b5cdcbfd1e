package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// FullTextIndex is the name of the full-text index over official names,
// aliases and pinyin, meeting and division names and directive texts, for
// db.index.fulltext.queryNodes.
const FullTextIndex = "text_search"

// SearchIndex is the name of the full-text index Search finds Chinese text
// through: the searchText of officials, divisions, meetings and directives,
// which holds the forms search.Score compares (see search.go).
const SearchIndex = "search_text"

// schema creates the constraints and indexes. Every statement is idempotent,
// so that each process opening the store can run them all.
var schema = []string{
	"CREATE CONSTRAINT official_id IF NOT EXISTS FOR (n:Official) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT position_id IF NOT EXISTS FOR (n:Position) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (n:Meeting) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT division_id IF NOT EXISTS FOR (n:Division) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT directive_id IF NOT EXISTS FOR (n:Directive) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT report_id IF NOT EXISTS FOR (n:Report) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT identity_decision_id IF NOT EXISTS FOR (n:IdentityDecision) REQUIRE n.id IS UNIQUE",
	// Processes that open a store at once each MERGE its markers.
	"CREATE CONSTRAINT store_mark_id IF NOT EXISTS FOR (n:StoreMark) REQUIRE n.id IS UNIQUE",

	"CREATE FULLTEXT INDEX " + FullTextIndex + " IF NOT EXISTS " +
		"FOR (n:Official|Meeting|Directive|Division) ON EACH [n.name, n.aliases, n.pinyin, n.text] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",

	// Search (see search.go): the forms search.Score compares, through a
	// full-text index for Chinese queries of two characters or more and
	// TEXT indexes for CONTAINS otherwise; pinyin through RANGE indexes
	// for equality and prefixes and TEXT indexes for syllable boundaries.
	"CREATE FULLTEXT INDEX " + SearchIndex + " IF NOT EXISTS " +
		"FOR (n:Official|Division|Meeting|Directive) ON EACH [n.searchText] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
	"CREATE TEXT INDEX official_search_text IF NOT EXISTS FOR (n:Official) ON (n.searchText)",
	"CREATE TEXT INDEX division_search_text IF NOT EXISTS FOR (n:Division) ON (n.searchText)",
	"CREATE TEXT INDEX meeting_search_text IF NOT EXISTS FOR (n:Meeting) ON (n.searchText)",
	"CREATE TEXT INDEX directive_search_text IF NOT EXISTS FOR (n:Directive) ON (n.searchText)",
	"CREATE INDEX official_pinyin IF NOT EXISTS FOR (n:Official) ON (n.pinyinJoined)",
	"CREATE INDEX official_initials IF NOT EXISTS FOR (n:Official) ON (n.initials)",
	"CREATE TEXT INDEX official_pinyin_suffixes IF NOT EXISTS FOR (n:Official) ON (n.pinyinSuffixes)",
	"CREATE INDEX division_pinyin IF NOT EXISTS FOR (n:Division) ON (n.pinyinJoined)",
	"CREATE INDEX division_initials IF NOT EXISTS FOR (n:Division) ON (n.initials)",
	"CREATE TEXT INDEX division_pinyin_suffixes IF NOT EXISTS FOR (n:Division) ON (n.pinyinSuffixes)",

	// Ordering.
	"CREATE INDEX official_sort IF NOT EXISTS FOR (n:Official) ON (n.sortOrd)",
	"CREATE INDEX meeting_sort IF NOT EXISTS FOR (n:Meeting) ON (n.sortOrd)",
	"CREATE INDEX division_sort IF NOT EXISTS FOR (n:Division) ON (n.sortOrd)",
	"CREATE INDEX directive_sort IF NOT EXISTS FOR (n:Directive) ON (n.sortOrd)",
	"CREATE INDEX report_sort IF NOT EXISTS FOR (n:Report) ON (n.sortOrd)",

	// Filtering.
	"CREATE INDEX meeting_date IF NOT EXISTS FOR (n:Meeting) ON (n.date)",
	"CREATE INDEX meeting_division IF NOT EXISTS FOR (n:Meeting) ON (n.divisionId)",
	"CREATE INDEX meeting_division_date IF NOT EXISTS FOR (n:Meeting) ON (n.divisionId, n.date)",
	"CREATE INDEX meeting_kind IF NOT EXISTS FOR (n:Meeting) ON (n.kind)",
	"CREATE INDEX division_parent IF NOT EXISTS FOR (n:Division) ON (n.parentId)",
	"CREATE INDEX division_level IF NOT EXISTS FOR (n:Division) ON (n.level)",
	"CREATE INDEX position_division IF NOT EXISTS FOR (n:Position) ON (n.divisionId)",
	"CREATE INDEX position_title IF NOT EXISTS FOR (n:Position) ON (n.title)",
	"CREATE INDEX directive_meeting IF NOT EXISTS FOR (n:Directive) ON (n.meetingId)",
	"CREATE INDEX directive_issuer IF NOT EXISTS FOR (n:Directive) ON (n.issuerId)",

	// Deleting a report finds its fact relationships through these.
	"CREATE INDEX participated_report IF NOT EXISTS FOR ()-[e:PARTICIPATED]-() ON (e.report)",
	"CREATE INDEX held_report IF NOT EXISTS FOR ()-[e:HELD]-() ON (e.report)",
	"CREATE INDEX at_report IF NOT EXISTS FOR ()-[e:AT]-() ON (e.report)",
}

// The writes keep a MET relationship between each pair of officials who
// took part in a meeting together, from the one of lesser ID to the other
// (see writeReportQuery). A store written before they did has none, MET
// without leastMeeting, or MET in either direction, and gets them from its
// meetings the first time it is opened: sharedMeetingsQuery sets each
// pair's count and least meeting from scratch, turning a pair the other
// way round, in transactions of 1,000 officials, so that one cut short can
// run again. The marker node says that it ran, or that the store was empty
// when first opened; the markers of the earlier kinds of MET go once it
// has.
const (
	sharedMeetingsMark  = "met-from-lesser-id"
	sharedMeetingsQuery = `
MATCH (a:Official)
CALL (a) {
  MATCH (a)-[:TOOK_PART]->(m)<-[:TOOK_PART]-(b)
  WHERE a.id < b.id
  WITH a, b, count(m) AS n, min(m.id) AS least
  CALL (a, b) {
    MATCH (b)-[old:MET]->(a)
    DELETE old
  }
  MERGE (a)-[c:MET]->(b)
  SET c.shared = n, c.leastMeeting = least
} IN TRANSACTIONS OF 1000 ROWS`
)

// sharedMeetingsRetired are the marks of the earlier kinds of MET.
var sharedMeetingsRetired = []string{"shared-meetings", "shared-and-least-meetings"}

// schemaNames returns the names of the schema's constraints and indexes; a
// uniqueness constraint's index has the constraint's name.
func schemaNames() []any {
	var names []any
	for _, stmt := range schema {
		f := strings.Fields(stmt)
		for i, w := range f {
			if (w == "CONSTRAINT" || w == "INDEX") && i+1 < len(f) {
				names = append(names, f[i+1])
				break
			}
		}
	}
	return names
}

// createSchema runs the schema statements, then waits for the indexes to
// come online so that the first queries do not fall back to scans, and
// gives a store written by an earlier version what the writes of this one
// keep (see backfills). When every index is already online and the store
// has every mark, it only checks those, in two queries, which is what most
// opens find.
func (s *Store) createSchema(ctx context.Context) error {
	names := schemaNames()
	s.queries.Add(1)
	res, err := neo4j.ExecuteQuery(ctx, s.driver,
		"SHOW INDEXES YIELD name, state WHERE name IN $names AND state = 'ONLINE' RETURN count(*) AS n",
		map[string]any{"names": names}, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return err
	}
	if n, _ := res.Records[0].Get("n"); n != int64(len(names)) {
		for _, stmt := range schema {
			if err := s.schemaQuery(ctx, stmt, nil); err != nil && !alreadyExists(err) {
				return err
			}
		}
		actx, cancel := context.WithTimeout(ctx, s.cfg.SchemaTimeout)
		defer cancel()
		secs := int64(s.cfg.SchemaTimeout.Seconds())
		if err := s.schemaQuery(actx, "CALL db.awaitIndexes($timeout)", map[string]any{"timeout": max(secs, 1)}); err != nil {
			return err
		}
	}
	return s.runBackfills(ctx)
}

// backfill is what a store written by an earlier version is given the
// first time this one opens it: a query that runs in transactions of its
// own, the ID of the StoreMark that says it has run, and the marks of
// earlier backfills that it replaces, which go once it has run.
type backfill struct {
	what, query, mark string
	retired           []string
}

// backfills run in this order, each until its mark is set.
var backfills = []backfill{
	{"counting shared meetings", sharedMeetingsQuery, sharedMeetingsMark, sharedMeetingsRetired},
	{"tallying meetings", tallyQuery, tallyMark, nil},
}

const (
	unmarkedQuery = "RETURN [id IN $ids WHERE NOT EXISTS { (:StoreMark {id: id}) }] AS unmarked"
	markQuery     = `
MERGE (:StoreMark {id: $mark})
WITH *
OPTIONAL MATCH (old:StoreMark) WHERE old.id IN $retired
DELETE old`
)

// runBackfills runs each backfill whose mark the store lacks; it reads the
// marks in one query, which is all that most opens run.
func (s *Store) runBackfills(ctx context.Context) error {
	ids := make([]any, len(backfills))
	for i, b := range backfills {
		ids[i] = b.mark
	}
	s.queries.Add(1)
	res, err := neo4j.ExecuteQuery(ctx, s.driver, unmarkedQuery, map[string]any{"ids": ids}, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return err
	}
	v, _ := res.Records[0].Get("unmarked")
	unmarked, ok := v.([]any)
	if !ok {
		return fmt.Errorf("reading the store's marks: got %T, want a list", v)
	}
	for _, b := range backfills {
		if slices.Contains(unmarked, any(b.mark)) {
			if err := s.runBackfill(ctx, b); err != nil {
				return err
			}
		}
	}
	return nil
}

// runBackfill runs b's query, then sets its mark.
func (s *Store) runBackfill(ctx context.Context, b backfill) error {
	// CALL IN TRANSACTIONS runs only in a transaction of its own.
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.cfg.Database})
	defer sess.Close(context.WithoutCancel(ctx))
	s.queries.Add(1)
	r, err := sess.Run(ctx, b.query, nil)
	if err == nil {
		_, err = r.Consume(ctx)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", b.what, err)
	}
	return s.schemaQuery(ctx, markQuery, map[string]any{"mark": b.mark, "retired": strList(b.retired)})
}

func (s *Store) schemaQuery(ctx context.Context, stmt string, params map[string]any) error {
	s.queries.Add(1)
	_, err := neo4j.ExecuteQuery(ctx, s.driver, stmt, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.cfg.Database),
		neo4j.ExecuteQueryWithWritersRouting())
	return err
}

// alreadyExists reports whether err is the server refusing to create a
// schema rule that another process created at the same moment; IF NOT
// EXISTS does not cover that race.
func alreadyExists(err error) bool {
	var dbErr *neo4j.Neo4jError
	return errors.As(err, &dbErr) && strings.HasPrefix(dbErr.Code, "Neo.ClientError.Schema.") &&
		strings.Contains(dbErr.Code, "AlreadyExists")
}
