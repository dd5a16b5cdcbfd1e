package main

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/bench/boltcap"
	"officialgraph/bench/floor"
	"officialgraph/internal/kg"
)

// scanOperators are the plan operators that read every node, or every node
// of a label: a hot query should find its start through an index instead.
var scanOperators = []string{"AllNodesScan", "NodeByLabelScan"}

// planTarget is a system whose queries are captured for profiling.
type planTarget struct {
	sys   system
	proxy *boltcap.Proxy // nil for the floor, whose Cypher is known
}

// capturePlans profiles, for each shape, the queries each system sends to
// answer its first arguments. The service's and the peer's queries are
// captured by a Bolt proxy they reach Neo4j through; the floor's are its
// own. Each query is then run again with PROFILE on a direct connection.
func capturePlans(ctx context.Context, driver neo4j.DriverWithContext, database string, targets []planTarget, shs []*shape, p pools) []Plan {
	var out []Plan
	for _, sh := range shs {
		a := p[sh.name][0]
		for _, t := range targets {
			plan := Plan{Shape: sh.name, System: t.sys.name()}
			var queries []boltcap.Query
			if t.proxy == nil {
				queries = []boltcap.Query{{Cypher: sh.cypher, Params: sh.cypherParams(a)}}
			} else {
				// A first request lets one-time queries (version checks,
				// schema checks) happen before recording.
				if _, err := t.sys.do(ctx, sh, a, false); err != nil {
					plan.NA = trim(err.Error(), 200)
					out = append(out, plan)
					continue
				}
				t.proxy.Record()
				_, err := t.sys.do(ctx, sh, a, false)
				queries = t.proxy.Stop()
				if err != nil {
					plan.NA = trim(err.Error(), 200)
					out = append(out, plan)
					continue
				}
			}
			for _, q := range queries {
				if housekeeping(q.Cypher) {
					continue
				}
				pq := profile(ctx, driver, database, q)
				plan.Queries = append(plan.Queries, pq)
				plan.DbHits += pq.DbHits
				plan.Scans = append(plan.Scans, pq.Scans...)
			}
			if len(plan.Queries) == 0 && plan.NA == "" {
				plan.NA = "no query captured"
			}
			out = append(out, plan)
		}
	}
	return out
}

// housekeeping reports whether a query is not part of answering a shape:
// a driver's or library's own checks.
func housekeeping(cypher string) bool {
	c := strings.ToUpper(strings.TrimSpace(cypher))
	for _, p := range []string{"CALL DBMS.COMPONENTS", "SHOW ", "RETURN 1", "CALL DB.AWAITINDEXES"} {
		if strings.HasPrefix(c, p) {
			return true
		}
	}
	return false
}

var cypherOptions = regexp.MustCompile(`(?is)^\s*CYPHER\b[^\n]*\n`)

// runner runs a query and returns its summary.
type runner func(cypher string, params map[string]any) (neo4j.ResultSummary, error)

// reader runs read queries on their own.
func reader(ctx context.Context, driver neo4j.DriverWithContext, database string) runner {
	return func(cypher string, params map[string]any) (neo4j.ResultSummary, error) {
		res, err := neo4j.ExecuteQuery(ctx, driver, cypher, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting())
		if err != nil {
			return nil, err
		}
		return res.Summary, nil
	}
}

// profile runs a captured query again with PROFILE and sums its plan up.
func profile(ctx context.Context, driver neo4j.DriverWithContext, database string, q boltcap.Query) PlanQuery {
	return profileWith(reader(ctx, driver, database), q)
}

func profileWith(run runner, q boltcap.Query) PlanQuery {
	pq := PlanQuery{Cypher: trim(q.Cypher, 400)}
	cypher := q.Cypher
	// Query options (CYPHER 5, CYPHER runtime=…) come before PROFILE.
	if loc := cypherOptions.FindStringIndex(cypher); loc != nil {
		cypher = cypher[:loc[1]] + "PROFILE " + cypher[loc[1]:]
	} else {
		cypher = "PROFILE " + cypher
	}
	sum, err := run(cypher, q.Params)
	if err != nil {
		pq.Error = trim(err.Error(), 300)
		return pq
	}
	plan := sum.Profile()
	if plan == nil {
		pq.Error = "no profile returned"
		return pq
	}
	pq.Rows = plan.Records()
	walk(plan, func(p neo4j.ProfiledPlan) {
		pq.DbHits += p.DbHits()
		op := strings.SplitN(p.Operator(), "@", 2)[0]
		for _, s := range scanOperators {
			if op == s {
				detail, _ := p.Arguments()["Details"].(string)
				pq.Scans = append(pq.Scans, fmt.Sprintf("%s %s (%d rows)", op, detail, p.Records()))
			}
		}
	})
	sort.Strings(pq.Scans)
	return pq
}

// ingestShape names the write plans.
const ingestShape = "ingest (one report)"

// profileWrites profiles how the service and the floor write one more
// report, and times the service's writes. The service's queries are
// captured while its store writes a report through the proxy, and the
// report is deleted again; the floor's are its batch of that one report.
// Each system's queries for the first report are replayed with PROFILE in a
// transaction that is rolled back. Then, for every report, the service's
// queries are replayed once more and committed, to tell the time the
// queries take from the time the commit takes.
func profileWrites(ctx context.Context, driver neo4j.DriverWithContext, database string, proxy *boltcap.Proxy, st kg.Store, facts []*kg.ReportFacts) []Plan {
	svc := Plan{Shape: ingestShape, System: sysServiceNeo4j}
	var writes, queries, commits []float64
	var lastCaptured []boltcap.Query
	for i, f := range facts {
		proxy.Record()
		start := time.Now()
		_, err := st.WriteReport(ctx, f)
		took := time.Since(start)
		captured := proxy.Stop()
		lastCaptured = captured
		if err == nil {
			err = st.DeleteReport(ctx, f.Report.ID)
		}
		if err != nil {
			svc.NA = trim(err.Error(), 200)
			break
		}
		if i == 0 {
			replay(ctx, driver, database, &svc, captured)
		}
		q, c, err := commitReplay(ctx, driver, database, captured)
		if err == nil {
			err = st.DeleteReport(ctx, f.Report.ID)
		}
		if err != nil {
			svc.NA = "timing the commit: " + trim(err.Error(), 200)
			break
		}
		writes, queries, commits = append(writes, ms(took)), append(queries, ms(q)), append(commits, ms(c))
	}
	if len(writes) > 0 {
		svc.Timing = &WriteTiming{Reports: len(writes), WriteMs: median(writes), QueriesMs: median(queries), CommitMs: median(commits)}
		svc.Timing.PlanMs, svc.Timing.QueryChars = planTime(ctx, driver, database, lastCaptured)
	}
	fl := Plan{Shape: ingestShape, System: "floor"}
	var stmts []boltcap.Query
	for _, s := range floor.Statements(facts[0]) {
		stmts = append(stmts, boltcap.Query{Cypher: s.Cypher, Params: s.Params})
	}
	replay(ctx, driver, database, &fl, stmts)
	return []Plan{svc, fl}
}

// commitReplay runs queries in one write transaction and commits it,
// returning the time the queries took and the time the commit took.
func commitReplay(ctx context.Context, driver neo4j.DriverWithContext, database string, queries []boltcap.Query) (time.Duration, time.Duration, error) {
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(context.WithoutCancel(ctx))
	tx, err := session.BeginTransaction(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Close(context.WithoutCancel(ctx))
	start := time.Now()
	for _, q := range queries {
		res, err := tx.Run(ctx, q.Cypher, q.Params)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return 0, 0, err
		}
	}
	ran := time.Since(start)
	start = time.Now()
	if err := tx.Commit(ctx); err != nil {
		return 0, 0, err
	}
	return ran, time.Since(start), nil
}

// planTime clears the query caches and times planning the queries
// (EXPLAIN), returning the milliseconds and the length of the queries.
func planTime(ctx context.Context, driver neo4j.DriverWithContext, database string, queries []boltcap.Query) (float64, int) {
	run := reader(ctx, driver, database)
	if _, err := run("CALL db.clearQueryCaches()", nil); err != nil {
		return 0, 0
	}
	var took time.Duration
	chars := 0
	for _, q := range queries {
		start := time.Now()
		if _, err := run("EXPLAIN "+q.Cypher, q.Params); err != nil {
			return 0, 0
		}
		took += time.Since(start)
		chars += len([]rune(q.Cypher))
	}
	return ms(took), chars
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// replay profiles queries in one write transaction, rolled back at the end.
func replay(ctx context.Context, driver neo4j.DriverWithContext, database string, plan *Plan, queries []boltcap.Query) {
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(context.WithoutCancel(ctx))
	tx, err := session.BeginTransaction(ctx)
	if err != nil {
		plan.NA = trim(err.Error(), 200)
		return
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	run := func(cypher string, params map[string]any) (neo4j.ResultSummary, error) {
		res, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	}
	for _, q := range queries {
		if housekeeping(q.Cypher) {
			continue
		}
		pq := profileWith(run, q)
		plan.Queries = append(plan.Queries, pq)
		plan.DbHits += pq.DbHits
		plan.Scans = append(plan.Scans, pq.Scans...)
		if pq.Error != "" {
			return // the transaction is broken
		}
	}
}

func walk(p neo4j.ProfiledPlan, f func(neo4j.ProfiledPlan)) {
	f(p)
	for _, c := range p.Children() {
		walk(c, f)
	}
}
