package neo4jstore_test

import (
	"context"
	"errors"
	"net"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/internal/kg"
	"officialgraph/internal/neo4jstore"
	"officialgraph/internal/neo4jtest"
)

// rawDB is a driver of the test's own on the test database, to look at the
// graph below what the store's methods show.
type rawDB struct {
	t      *testing.T
	driver neo4j.DriverWithContext
	db     string
}

func openRaw(t *testing.T) rawDB {
	t.Helper()
	d, err := neo4j.NewDriverWithContext(neo4jtest.URI(t), neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close(context.Background()) })
	db := os.Getenv("NEO4J_DATABASE")
	if db == "" {
		db = neo4jstore.DefaultDatabase
	}
	return rawDB{t, d, db}
}

// count runs a query returning one integer.
func (r rawDB) count(query string) int64 {
	r.t.Helper()
	res, err := neo4j.ExecuteQuery(r.t.Context(), r.driver, query, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(r.db))
	if err != nil {
		r.t.Fatalf("%s: %v", query, err)
	}
	n, _ := res.Records[0].Values[0].(int64)
	return n
}

// sampleReport builds a small report after the seed corpus: a meeting in
// Loudi presided by one official, attended by another whose name is given
// as name.
func sampleReport(url, sha, name string) *kg.ReportFacts {
	rid := kg.ReportID(url, sha)
	province := kg.Division{ID: kg.DivisionID("430000", "", "湖南省"), Name: "湖南省", Level: kg.LevelProvince, Code: "430000"}
	city := kg.Division{ID: kg.DivisionID("431300", province.ID, "娄底市"), Name: "娄底市", Level: kg.LevelCity, Code: "431300", ParentID: province.ID}
	county := kg.Division{ID: kg.DivisionID("", city.ID, "双峰县"), Name: "双峰县", Level: kg.LevelCounty, ParentID: city.ID}
	date := kg.Date{Year: 2020, Month: 2, Day: 26}
	liu := kg.Official{ID: kg.OfficialID(city.ID, "刘非"), Name: "刘非", Aliases: []string{"劉非"}, Pinyin: "liu fei"}
	other := kg.Official{ID: kg.OfficialID(city.ID, name), Name: name, Pinyin: "x"}
	pos := kg.Position{ID: kg.PositionID("市委书记", "娄底市委", city.ID), Title: "市委书记", Organization: "娄底市委", DivisionID: city.ID}
	mtg := kg.Meeting{ID: kg.MeetingID(city.ID, date, "部署会议"), Name: "部署会议", Date: date, Kind: "部署会议", DivisionID: city.ID}
	ev := func(off int) kg.Evidence { return kg.Evidence{ReportID: rid, Sentence: "会议强调。", Offset: off} }
	return &kg.ReportFacts{
		Report: kg.Report{
			ID: rid, Title: "标题", URL: url, PublishedAt: date,
			Journalists: []string{"刘婷"}, SHA256: sha, Synthetic: true,
		},
		Officials: []kg.Official{liu, other},
		Divisions: []kg.Division{province, city, county},
		Positions: []kg.Position{pos},
		Meetings:  []kg.Meeting{mtg},
		Tenures:   []kg.Tenure{{OfficialID: liu.ID, PositionID: pos.ID, Seen: date, Evidence: ev(0)}},
		Participations: []kg.Participation{
			{OfficialID: liu.ID, MeetingID: mtg.ID, Roles: []kg.Role{kg.RoleSpoke}, Titles: []string{"市委书记"}, Alias: "劉非", Order: 0, Evidence: ev(0)},
			{OfficialID: other.ID, MeetingID: mtg.ID, Roles: []kg.Role{kg.RoleAttended}, Alias: name, Order: 1, Evidence: ev(10)},
		},
		DivisionParticipations: []kg.DivisionParticipation{
			{DivisionID: county.ID, MeetingID: mtg.ID, Role: kg.RoleReported, Evidence: ev(20)},
		},
		Directives: []kg.Directive{
			{ID: kg.DirectiveID(mtg.ID, liu.ID, 1, "强化物资保障"), MeetingID: mtg.ID, IssuerID: liu.ID, Ordinal: 1,
				Text: "强化物资保障", Evidence: []kg.Evidence{ev(30)}},
			{ID: kg.DirectiveID(mtg.ID, kg.IssuerMeeting, 1, "压实防控责任"), MeetingID: mtg.ID, IssuerID: kg.IssuerMeeting, Ordinal: 1,
				Text: "压实防控责任", Evidence: []kg.Evidence{ev(40)}},
		},
	}
}

// strings runs a query returning strings, or nothing.
func (r rawDB) strings(query string) []string {
	r.t.Helper()
	res, err := neo4j.ExecuteQuery(r.t.Context(), r.driver, query, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(r.db))
	if err != nil {
		r.t.Fatalf("%s: %v", query, err)
	}
	var out []string
	for _, rec := range res.Records {
		out = append(out, rec.Values[0].(string))
	}
	return out
}

// schemaNames lists the constraints and indexes of the test database with
// their definitions.
func (r rawDB) schemaNames() []string {
	r.t.Helper()
	return r.strings("SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state " +
		"RETURN name + ' ' + type + ' ' + reduce(s = '', x IN coalesce(labelsOrTypes, []) + coalesce(properties, []) | s + x + ' ') + state AS d ORDER BY d")
}

func TestOpenTwiceKeepsSchema(t *testing.T) {
	neo4jtest.Open(t) // takes the lock and empties the database
	raw := openRaw(t)
	// Start from no schema at all, so that Open is seen creating it.
	for _, q := range []string{
		"SHOW CONSTRAINTS YIELD name RETURN 'DROP CONSTRAINT `' + name + '`' AS stmt",
		"SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN 'DROP INDEX `' + name + '`' AS stmt",
	} {
		for _, stmt := range raw.strings(q) {
			raw.strings(stmt)
		}
	}
	ctx := t.Context()
	var first []string
	for i := range 2 {
		s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: neo4jtest.URI(t), Database: raw.db})
		if err != nil {
			t.Fatalf("Open #%d: %v", i+1, err)
		}
		if err := s.Ping(ctx); err != nil {
			t.Fatalf("Ping after Open #%d: %v", i+1, err)
		}
		s.Close(ctx)
		names := raw.schemaNames()
		if i == 0 {
			first = names
			continue
		}
		if !slices.Equal(names, first) {
			t.Errorf("schema after the second Open:\n%q\nafter the first:\n%q", names, first)
		}
	}
	for _, want := range []string{"official_id", "report_id", neo4jstore.FullTextIndex, "meeting_date", "participated_report"} {
		if !slices.ContainsFunc(first, func(d string) bool { return strings.HasPrefix(d, want+" ") && strings.HasSuffix(d, "ONLINE") }) {
			t.Errorf("no online index %s in %q", want, first)
		}
	}
}

func TestValuesAreParameters(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	hostile := "王'\"`}) // DETACH DELETE n; MATCH (n) DETACH DELETE n //"
	f := sampleReport("https://example.org/a", "aa", hostile)
	if _, err := s.WriteReport(ctx, f); err != nil {
		t.Fatalf("WriteReport: %v", err)
	}
	o, err := s.Official(ctx, f.Officials[1].ID)
	if err != nil {
		t.Fatalf("Official: %v", err)
	}
	if o.Name != hostile {
		t.Errorf("name stored as %q, want %q", o.Name, hostile)
	}
	conn, err := s.Officials(ctx, kg.OfficialFilter{Name: "`})"}, kg.Page{})
	if err != nil {
		t.Fatalf("Officials: %v", err)
	}
	if len(conn.Items) != 1 || conn.Items[0].ID != o.ID {
		t.Errorf("Officials(name contains \"`})\") = %+v, want only %s", conn.Items, o.ID)
	}
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Officials != 2 || c.Meetings != 1 {
		t.Errorf("Counts = %+v, want 2 officials and 1 meeting", c)
	}
}

// TestRewriteKeepsRawCounts checks at the level of the graph itself, below
// what kg.Counts reports, that writing a report again creates nothing.
func TestRewriteKeepsRawCounts(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	f := sampleReport("https://example.org/a", "aa", "姚兵")
	if r, err := s.WriteReport(ctx, f); err != nil || r != kg.WriteCreated {
		t.Fatalf("first WriteReport = %q, %v; want created", r, err)
	}
	raw := openRaw(t)
	const nodes, rels = "MATCH (n) RETURN count(n)", "MATCH ()-[e]->() RETURN count(e)"
	n1, r1 := raw.count(nodes), raw.count(rels)
	c1, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r, err := s.WriteReport(ctx, f); err != nil || r != kg.WriteUnchanged {
		t.Fatalf("second WriteReport = %q, %v; want unchanged", r, err)
	}
	if n2, r2 := raw.count(nodes), raw.count(rels); n2 != n1 || r2 != r1 {
		t.Errorf("after writing again: %d nodes, %d relationships; want %d, %d", n2, r2, n1, r1)
	}
	if c2, err := s.Counts(ctx); err != nil || c2 != c1 {
		t.Errorf("Counts after writing again = %+v, %v; want %+v", c2, err, c1)
	}

	// Replacing the report with the same facts under another checksum
	// leaves the same graph too.
	g := sampleReport("https://example.org/a", "bb", "姚兵")
	if r, err := s.WriteReport(ctx, g); err != nil || r != kg.WriteReplaced {
		t.Fatalf("WriteReport with a new checksum = %q, %v; want replaced", r, err)
	}
	if n3, r3 := raw.count(nodes), raw.count(rels); n3 != n1 || r3 != r1 {
		t.Errorf("after replacing: %d nodes, %d relationships; want %d, %d", n3, r3, n1, r1)
	}

	if err := s.DeleteReport(ctx, f.Report.ID); err != nil {
		t.Fatalf("DeleteReport: %v", err)
	}
	if n, r := raw.count(nodes), raw.count(rels); n != 0 || r != 0 {
		t.Errorf("after deleting the only report: %d nodes, %d relationships; want none", n, r)
	}
	if err := s.DeleteReport(ctx, f.Report.ID); !errors.Is(err, kg.ErrNotFound) {
		t.Errorf("deleting it again: %v, want ErrNotFound", err)
	}
}

// TestSharedSupport writes two reports that share entities and deletes one.
func TestSharedSupport(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := context.Background()
	a := sampleReport("https://example.org/a", "aa", "姚兵")
	b := sampleReport("https://example.org/b", "bb", "石艳萍")
	b.Officials[0].Aliases = []string{"劉菲"}
	b.Participations[0].Roles = []kg.Role{kg.RolePresided}
	b.Participations[0].Titles = []string{"市人大常委会主任", "市委书记"}
	for _, f := range []*kg.ReportFacts{a, b} {
		if _, err := s.WriteReport(ctx, f); err != nil {
			t.Fatalf("WriteReport: %v", err)
		}
	}
	liu := a.Officials[0].ID
	o, err := s.Official(ctx, liu)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"劉菲", "劉非"}; !slices.Equal(o.Aliases, want) {
		t.Errorf("aliases = %q, want %q", o.Aliases, want)
	}
	ps, err := s.MeetingParticipants(ctx, a.Meetings[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 3 || ps[0].Official.ID != liu {
		t.Fatalf("participants = %+v, want 3 led by %s", ps, liu)
	}
	if want := []kg.Role{kg.RolePresided, kg.RoleSpoke}; !slices.Equal(ps[0].Roles, want) {
		t.Errorf("merged roles = %q, want %q", ps[0].Roles, want)
	}
	wantTitles := []string{"市委书记", "市人大常委会主任"}
	if a.Report.ID > b.Report.ID {
		wantTitles = []string{"市人大常委会主任", "市委书记"}
	}
	if !slices.Equal(ps[0].Titles, wantTitles) {
		t.Errorf("merged titles = %q, want %q", ps[0].Titles, wantTitles)
	}
	if len(ps[0].Evidence) != 2 || ps[0].Evidence[0].ReportID > ps[0].Evidence[1].ReportID {
		t.Errorf("evidence = %+v, want one per report in report order", ps[0].Evidence)
	}
	co, err := s.CoAttendees(ctx, liu, kg.CoAttendeeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(co) != 2 || co[0].Shared != 1 {
		t.Errorf("co-attendees = %+v, want two with one shared meeting", co)
	}

	if err := s.DeleteReport(ctx, b.Report.ID); err != nil {
		t.Fatal(err)
	}
	if o, _ := s.Official(ctx, liu); !slices.Equal(o.Aliases, []string{"劉非"}) {
		t.Errorf("aliases after deleting b = %q, want only a's", o.Aliases)
	}
	if _, err := s.Official(ctx, b.Officials[1].ID); !errors.Is(err, kg.ErrNotFound) {
		t.Errorf("b's own official after deleting b: %v, want ErrNotFound", err)
	}
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := kg.Counts{Reports: 1, Officials: 2, Positions: 1, Meetings: 1, Divisions: 3, Directives: 2,
		Participations: 2, Tenures: 1, DivisionParticipations: 1}
	if c != want {
		t.Errorf("Counts after deleting b = %+v, want %+v", c, want)
	}
}

// closedPort returns a local port nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestUnavailable(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start := time.Now()
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: "bolt://" + closedPort(t), ConnectTimeout: time.Second})
	if err != nil {
		t.Fatalf("Open with the server down: %v; want a store that reports it", err)
	}
	defer s.Close(ctx)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Open took %v with the server down", d)
	}
	calls := map[string]func() error{
		"Ping":   func() error { return s.Ping(ctx) },
		"Counts": func() error { _, err := s.Counts(ctx); return err },
		"Official": func() error {
			_, err := s.Official(ctx, kg.OfficialID("x", "y"))
			return err
		},
		"WriteReport": func() error {
			_, err := s.WriteReport(ctx, sampleReport("https://example.org/a", "aa", "姚兵"))
			return err
		},
		"Officials": func() error { _, err := s.Officials(ctx, kg.OfficialFilter{}, kg.Page{}); return err },
	}
	for name, call := range calls {
		start := time.Now()
		if err := call(); !errors.Is(err, kg.ErrUnavailable) {
			t.Errorf("%s: %v, want ErrUnavailable", name, err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s took %v with the server down", name, d)
		}
	}
	if s.QueryCount() != 0 {
		t.Errorf("QueryCount = %d with the server down, want 0", s.QueryCount())
	}
}

func TestOpenRejectsBadConfig(t *testing.T) {
	ctx := context.Background()
	for _, uri := range []string{"", "ftp://localhost:7687"} {
		if s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri}); err == nil {
			s.Close(ctx)
			t.Errorf("Open(%q) succeeded", uri)
		}
	}
}

// forwarder relays TCP connections from a local port to the test server,
// standing in for a server that goes away and comes back, or that stalls:
// stops answering without closing its connections.
type forwarder struct {
	l     net.Listener
	conns chan net.Conn

	mu      sync.Mutex
	flowing chan struct{} // closed while bytes flow
	stalled bool          // flowing is open
}

func forward(t *testing.T, addr, target string) *forwarder {
	t.Helper()
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listening on %s: %v", addr, err)
	}
	f := &forwarder{l: l, conns: make(chan net.Conn, 64), flowing: make(chan struct{})}
	close(f.flowing)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			f.conns <- c
			f.conns <- s
			go f.pipe(s, c)
			go f.pipe(c, s)
		}
	}()
	return f
}

// pipe copies from src to dst, holding each read back while the forwarder
// is stalled, and closes dst when src ends.
func (f *forwarder) pipe(dst, src net.Conn) {
	defer dst.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			f.mu.Lock()
			flowing := f.flowing
			f.mu.Unlock()
			<-flowing
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// stall holds every byte back until stop.
func (f *forwarder) stall() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.stalled {
		f.flowing, f.stalled = make(chan struct{}), true
	}
}

// stop closes the listener and every relayed connection. It may be called
// once.
func (f *forwarder) stop() {
	f.l.Close()
	for done := false; !done; {
		select {
		case c := <-f.conns:
			c.Close()
		default:
			done = true
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.stalled {
		close(f.flowing) // the held pipes then find their connections closed
		f.stalled = false
	}
}

// TestRecovers opens the store while the server is away, then brings the
// server back: the store sets the schema up and serves, without reopening.
// Then the server goes away again and comes back once more.
func TestRecovers(t *testing.T) {
	neo4jtest.Open(t) // takes the lock and empties the database
	u, err := url.Parse(neo4jtest.URI(t))
	if err != nil {
		t.Fatal(err)
	}
	addr := closedPort(t)
	ctx := t.Context()
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{
		URI:                     "bolt://" + addr,
		ConnectTimeout:          time.Second,
		RetryInterval:           100 * time.Millisecond,
		MaxTransactionRetryTime: time.Second,
	})
	if err != nil {
		t.Fatalf("Open with the server away: %v", err)
	}
	defer s.Close(ctx)
	if err := s.Ping(ctx); !errors.Is(err, kg.ErrUnavailable) {
		t.Fatalf("Ping with the server away: %v, want ErrUnavailable", err)
	}

	f := forward(t, addr, u.Host)
	time.Sleep(200 * time.Millisecond) // past RetryInterval
	if err := s.Ping(ctx); err != nil {
		t.Fatalf("Ping once the server is back: %v", err)
	}
	if _, err := s.WriteReport(ctx, sampleReport("https://example.org/a", "aa", "姚兵")); err != nil {
		t.Fatalf("WriteReport once the server is back: %v", err)
	}

	f.stop()
	callCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := s.Counts(callCtx); !errors.Is(err, kg.ErrUnavailable) {
		t.Errorf("Counts with the server gone again: %v, want ErrUnavailable", err)
	}
	start := time.Now()
	if _, err := s.Counts(callCtx); !errors.Is(err, kg.ErrUnavailable) {
		t.Errorf("Counts with the server gone again: %v, want ErrUnavailable", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("a call with the server known to be gone took %v, want it to fail fast", d)
	}

	forward(t, addr, u.Host).stop() // the port must be free again
	f = forward(t, addr, u.Host)
	defer f.stop()
	time.Sleep(200 * time.Millisecond)
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatalf("Counts once the server is back again: %v", err)
	}
	if c.Reports != 1 {
		t.Errorf("Counts once the server is back again = %+v, want the one report", c)
	}
}

// TestWriteReportsNamesTheReportTheServerFails checks that when the server
// fails the query that writes several new reports, the batch is written
// again a query for each report, so that the error names the report at
// fault, and that nothing of the batch is stored.
func TestWriteReportsNamesTheReportTheServerFails(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := t.Context()
	fs := []*kg.ReportFacts{
		sampleReport("https://example.org/x", "xx", "姚兵"),
		sampleReport("https://example.org/y", "yy", "石艳萍"),
		sampleReport("https://example.org/z", "zz", "王芳"),
	}
	bad := fs[1].Report.ID
	restore := neo4jstore.FailWriteOf(bad)
	before := s.QueryCount()
	_, err := s.WriteReports(ctx, fs)
	queries := s.QueryCount() - before
	restore()
	var re *kg.ReportError
	if !errors.As(err, &re) || re.ID != bad {
		t.Fatalf("WriteReports error %v names report %v, want a *kg.ReportError naming %s", err, re, bad)
	}
	// The lock and the shared write, then the lock, the first report's
	// write and the failing one's.
	if queries != 5 {
		t.Errorf("WriteReports took %d queries, want 5", queries)
	}
	for _, f := range fs {
		if _, err := s.Report(ctx, f.Report.ID); !errors.Is(err, kg.ErrNotFound) {
			t.Errorf("Report(%s) after the failed batch: error %v, want ErrNotFound", f.Report.ID, err)
		}
	}
	got, err := s.WriteReports(ctx, fs)
	if err != nil {
		t.Fatalf("WriteReports once the server takes every report: %v", err)
	}
	if want := []kg.WriteResult{kg.WriteCreated, kg.WriteCreated, kg.WriteCreated}; !slices.Equal(got, want) {
		t.Errorf("WriteReports once the server takes every report = %v, want %v", got, want)
	}
}

// TestQueryCount checks how many round trips each call costs: one per read
// whatever the size of the answer, so callers can prove they do no N+1.
func TestQueryCount(t *testing.T) {
	s := neo4jtest.Open(t)
	ctx := t.Context()
	a := sampleReport("https://example.org/a", "aa", "姚兵")
	b := sampleReport("https://example.org/b", "bb", "石艳萍")
	cost := func(what string, want int64, call func() error) {
		t.Helper()
		before := s.QueryCount()
		if err := call(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if got := s.QueryCount() - before; got != want {
			t.Errorf("%s took %d queries, want %d", what, got, want)
		}
	}
	write := func(f *kg.ReportFacts) func() error {
		return func() error { _, err := s.WriteReport(ctx, f); return err }
	}
	cost("WriteReport(new)", 2, write(a))
	cost("WriteReport(another)", 2, write(b))
	cost("WriteReport(unchanged)", 1, write(a))
	a2 := sampleReport("https://example.org/a", "a2", "姚兵")
	cost("WriteReport(replaced)", 3, write(a2))
	writeAll := func(fs ...*kg.ReportFacts) func() error {
		return func() error { _, err := s.WriteReports(ctx, fs); return err }
	}
	// New reports in a row share a query; the others are written one by
	// one, each after the new ones before it.
	c := sampleReport("https://example.org/c", "cc", "王芳")
	d := sampleReport("https://example.org/d", "dd", "李强")
	cost("WriteReports(two new)", 2, writeAll(c, d))
	e := sampleReport("https://example.org/e", "ee", "张伟")
	f := sampleReport("https://example.org/f", "ff", "刘洋")
	g := sampleReport("https://example.org/g", "gg", "陈静")
	cost("WriteReports(new, unchanged, two new)", 3, writeAll(e, a2, f, g))
	h := sampleReport("https://example.org/h", "hh", "杨帆")
	h2 := sampleReport("https://example.org/h", "h2", "杨帆")
	cost("WriteReports(new, the same replaced)", 4, writeAll(h, h2))

	liu, mtg := a.Officials[0].ID, a.Meetings[0].ID
	for what, call := range map[string]func() error{
		"Official":  func() error { _, err := s.Official(ctx, liu); return err },
		"Directive": func() error { _, err := s.Directive(ctx, a.Directives[0].ID); return err },
		"Officials": func() error { _, err := s.Officials(ctx, kg.OfficialFilter{Role: kg.RoleSpoke}, kg.Page{}); return err },
		"Meetings": func() error {
			_, err := s.Meetings(ctx, kg.MeetingFilter{AttendeeID: liu}, kg.Page{Last: 1})
			return err
		},
		"Directives": func() error {
			_, err := s.Directives(ctx, kg.DirectiveFilter{DivisionID: a.Meetings[0].DivisionID}, kg.Page{})
			return err
		},
		"OfficialMeetings":    func() error { _, err := s.OfficialMeetings(ctx, liu, kg.MeetingFilter{}, kg.Page{}); return err },
		"MeetingParticipants": func() error { _, err := s.MeetingParticipants(ctx, mtg, ""); return err },
		"MeetingDivisions":    func() error { _, err := s.MeetingDivisions(ctx, mtg, ""); return err },
		"MeetingReports":      func() error { _, err := s.MeetingReports(ctx, mtg); return err },
		"OfficialPositions":   func() error { _, err := s.OfficialPositions(ctx, liu); return err },
		"CoAttendees":         func() error { _, err := s.CoAttendees(ctx, liu, kg.CoAttendeeFilter{}); return err },
		"Counts":              func() error { _, err := s.Counts(ctx); return err },
	} {
		cost(what, 1, call)
	}
	cost("DeleteReport", 1, func() error { return s.DeleteReport(ctx, b.Report.ID) })
}
