package main

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"officialgraph/internal/ingest"
)

// The targets the service is measured against.
const (
	peerRatioGoal  = 2.0 // service over Neo4j vs @neo4j/graphql throughput at concurrency 16
	floorP99Goal   = 1.5 // service over Neo4j p99 vs the Cypher floor's
	ingestGoal     = 0.5 // service ingest vs the UNWIND floor
	memstoreP99Max = 2.0 // ms, every shape, at 100,000 reports
)

// find returns the cell of a shape, system and concurrency, if measured.
func find(cells []Cell, shape, system string, conc int) (Cell, bool) {
	for _, c := range cells {
		if c.Shape == shape && c.System == system && c.Concurrency == conc && c.NA == "" && c.Requests > 0 {
			return c, true
		}
	}
	return Cell{}, false
}

func shapesOf(cells []Cell) []string {
	var out []string
	for _, c := range cells {
		if !slices.Contains(out, c.Shape) {
			out = append(out, c.Shape)
		}
	}
	return out
}

// targetShapes returns the shapes of cells that the targets are measured
// on: all but the baselines.
func targetShapes(cells []Cell) []string {
	return slices.DeleteFunc(shapesOf(cells), isBaseline)
}

// roundTripRatio returns, as " (the round trip: R×)", the ratio of the
// round-trip shape's metric for system a to system b's at concurrency c,
// which shows how much of a shape's ratio every request carries; "" when
// either was not measured.
func roundTripRatio(cells []Cell, a, b string, c int, metric func(Cell) float64) string {
	x, okA := find(cells, roundTrip, a, c)
	y, okB := find(cells, roundTrip, b, c)
	if !okA || !okB || metric(y) == 0 {
		return ""
	}
	return fmt.Sprintf(" (the round trip: %.2f×)", metric(x)/metric(y))
}

// rps and p99 are the metrics roundTripRatio compares.
func rps(c Cell) float64 { return c.RPS }
func p99(c Cell) float64 { return c.P99ms }

func met(b bool) *bool { return &b }

// targets measures the run against the targets.
func targets(res *Results) []Target {
	var out []Target
	concs := res.Config.Concurrency
	ref := 16
	if !slices.Contains(concs, ref) {
		ref = slices.Max(concs)
	}

	// Throughput against @neo4j/graphql.
	t := Target{Name: "throughput vs @neo4j/graphql", Goal: fmt.Sprintf("service/neo4j ≥ %.0f× @neo4j/graphql requests/s at concurrency 16, every shape", peerRatioGoal)}
	var parts, misses, na []string
	ok := true
	measured := 0
	for _, sh := range targetShapes(res.Queries) {
		a, okA := find(res.Queries, sh, sysServiceNeo4j, ref)
		b, okB := find(res.Queries, sh, sysPeer, ref)
		if !okA || !okB {
			na = append(na, sh)
			continue
		}
		r := a.RPS / b.RPS
		measured++
		parts = append(parts, fmt.Sprintf("%s %.2f×", sh, r))
		if r < peerRatioGoal {
			ok = false
			misses = append(misses, fmt.Sprintf("%s at %.2f× (%.0f%% short)%s", sh, r, 100*(1-r/peerRatioGoal),
				roundTripRatio(res.Queries, sysServiceNeo4j, sysPeer, ref, rps)))
		}
	}
	t.Measured = strings.Join(parts, ", ")
	if ref != 16 {
		t.Measured += fmt.Sprintf(" (at concurrency %d: 16 was not run)", ref)
	}
	if len(na) > 0 {
		t.Measured += "; n/a: " + strings.Join(na, ", ")
	}
	if measured > 0 {
		t.Met = met(ok && len(na) == 0)
		t.Miss = strings.Join(misses, "; ")
		if len(na) > 0 {
			t.Miss = strings.TrimPrefix(t.Miss+"; not measured for "+strings.Join(na, ", "), "; ")
		}
	}
	out = append(out, t)

	// p99 against the Cypher floor.
	t = Target{Name: "p99 vs hand-written Cypher", Goal: fmt.Sprintf("service/neo4j p99 ≤ %.1f× the Cypher floor's p99, every shape and concurrency", floorP99Goal)}
	parts, misses, na = nil, nil, nil
	ok, measured = true, 0
	for _, sh := range targetShapes(res.Queries) {
		var rs []string
		for _, c := range concs {
			a, okA := find(res.Queries, sh, sysServiceNeo4j, c)
			b, okB := find(res.Queries, sh, sysFloor, c)
			if !okA || !okB || b.P99ms == 0 {
				continue
			}
			r := a.P99ms / b.P99ms
			measured++
			rs = append(rs, fmt.Sprintf("%.2f×@%d", r, c))
			if r > floorP99Goal {
				ok = false
				misses = append(misses, fmt.Sprintf("%s@%d %.2f×%s", sh, c, r,
					roundTripRatio(res.Queries, sysServiceNeo4j, sysFloor, c, p99)))
			}
		}
		if len(rs) == 0 {
			na = append(na, sh)
			continue
		}
		parts = append(parts, sh+" "+strings.Join(rs, " "))
	}
	t.Measured = strings.Join(parts, "; ")
	if len(na) > 0 {
		t.Measured += "; n/a: " + strings.Join(na, ", ")
	}
	if measured > 0 {
		t.Met = met(ok && len(na) == 0)
		if len(misses) > 0 {
			t.Miss = "over 1.5×: " + strings.Join(misses, ", ")
		}
		if len(na) > 0 {
			t.Miss = strings.TrimPrefix(t.Miss+"; not measured for "+strings.Join(na, ", "), "; ")
		}
	}
	out = append(out, t)

	// Ingest against the UNWIND floor.
	t = Target{Name: "ingest vs UNWIND floor", Goal: fmt.Sprintf("ingest into Neo4j through the service ≥ %.0f%% of the floor's reports/s", 100*ingestGoal)}
	svc, fl := lastRow(res.Ingest, sysServiceNeo4j), lastRow(res.Ingest, "floor")
	if svc != nil && fl != nil && fl.ReportsPerSec > 0 {
		r := svc.ReportsPerSec / fl.ReportsPerSec
		w := svc.WritePerSec / fl.ReportsPerSec
		t.Measured = fmt.Sprintf("at %d reports: %.1f%% end to end (%.2f vs %.1f reports/s; extraction included), %.1f%% counting the store's writes alone",
			svc.Reports, 100*r, svc.ReportsPerSec, fl.ReportsPerSec, 100*w)
		t.Met = met(r >= ingestGoal)
		if r < ingestGoal {
			t.Miss = fmt.Sprintf("%.1f%% of the floor, %.1f points short of %.0f%%", 100*r, 100*(ingestGoal-r), 100*ingestGoal)
		}
	}
	out = append(out, t)

	// The in-memory store's latency.
	t = Target{Name: "memstore p99", Goal: fmt.Sprintf("service/memstore p99 < %.0f ms, every shape, at 100,000 reports", memstoreP99Max)}
	parts, misses, na = nil, nil, nil
	ok, measured = true, 0
	// Above the machine's cores, requests queue for them: by Little's law
	// the mean latency of a closed loop is its concurrency over its
	// throughput, which bounds what any p99 there can be.
	queued := map[int][2]float64{} // concurrency: least and most mean latency, ms
	for _, sh := range targetShapes(res.Queries) {
		var rs []string
		for _, c := range concs {
			a, okA := find(res.Queries, sh, sysServiceMem, c)
			if !okA {
				continue
			}
			measured++
			rs = append(rs, fmt.Sprintf("%.2f@%d", a.P99ms, c))
			if a.P99ms >= memstoreP99Max {
				ok = false
				misses = append(misses, fmt.Sprintf("%s@%d %.2f ms", sh, c, a.P99ms))
			}
			if c > res.Machine.Cores && a.RPS > 0 {
				mean := float64(c) / a.RPS * 1000
				q, seen := queued[c]
				if !seen {
					q = [2]float64{mean, mean}
				}
				queued[c] = [2]float64{min(q[0], mean), max(q[1], mean)}
			}
		}
		if len(rs) == 0 {
			na = append(na, sh)
			continue
		}
		parts = append(parts, sh+" "+strings.Join(rs, " "))
	}
	t.Measured = fmt.Sprintf("ms at %d reports: ", res.Config.Size) + strings.Join(parts, "; ")
	if len(na) > 0 {
		t.Measured += "; n/a: " + strings.Join(na, ", ")
	}
	if measured > 0 {
		t.Met = met(ok && len(na) == 0)
		var m []string
		if len(misses) > 0 {
			m = append(m, "2 ms or more: "+strings.Join(misses, ", "))
		}
		if len(na) > 0 {
			m = append(m, "not measured for "+strings.Join(na, ", "))
		}
		if res.Config.Size < 100_000 {
			m = append(m, fmt.Sprintf("measured at %d reports, not at 100,000", res.Config.Size))
		}
		for _, c := range slices.Sorted(maps.Keys(queued)) {
			if q := queued[c]; q[0] >= memstoreP99Max {
				m = append(m, fmt.Sprintf("at concurrency %d on %d cores the mean latency alone (concurrency ÷ throughput) is %.1f–%.1f ms", c, res.Machine.Cores, q[0], q[1]))
			}
		}
		t.Miss = strings.Join(m, "; ")
	}
	out = append(out, t)
	return out
}

func lastRow(rows []IngestRow, system string) *IngestRow {
	var out *IngestRow
	for i := range rows {
		if rows[i].System == system {
			out = &rows[i]
		}
	}
	return out
}

// markdown renders the results as tables.
func markdown(res *Results) string {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	m := res.Machine
	p("# Benchmark results\n\n")
	p("Written by `go run ./bench/cmd/bench` (`make bench`); the same run's numbers are in `latest.json`. ")
	p("All systems were measured in one run, alternating round by round, on one machine shared with other work: ")
	p("treat the ratios as the result and the absolute numbers as this machine's.\n\n")
	p("| | |\n|---|---|\n")
	p("| date | %s |\n", res.Date.Format("2006-01-02 15:04 UTC"))
	p("| machine | %d cores (%s), %.1f GiB, %s |\n", m.Cores, m.CPU, m.MemoryGiB, m.OS)
	p("| load average (1/5/15 min) | before %s; at the query benchmark %s; after %s |\n", loads(m.LoadBefore), loads(m.LoadDuring), loads(m.LoadAfter))
	p("| software | %s; Neo4j %s; Node %s; %s |\n", m.GoVersion, m.Neo4jVersion, orDash(m.NodeVersion), orDash(m.PeerVersion))
	if m.GoRuntime != "" {
		p("| Go runtime settings | %s |\n", m.GoRuntime)
	}
	if m.ServiceGoRuntime != "" {
		p("| Go runtime settings of the services' processes alone | %s |\n", m.ServiceGoRuntime)
	}
	if len(m.ServiceGCPercent) > 0 {
		p("| services' collectors | %s |\n", gcPercents(m.ServiceGCPercent))
	}
	p("| Neo4j | %s |\n", res.Config.Neo4j)
	c := res.Config
	warm := ""
	if c.Warmup > 0 {
		warm = fmt.Sprintf("; Neo4j warmed by %d reports of another seed through both writers, then emptied", c.Warmup)
	}
	if c.QueryWarmup != "" {
		warm += fmt.Sprintf("; every system ran every shape for %s in all before the first cell was timed", c.QueryWarmup)
	}
	p("| run | %d reports (seed %d); %s per cell in %d round(s); concurrency %s; floor batches of %d rows%s%s; took %s |\n",
		c.Size, c.Seed, c.Duration, c.Rounds, ints(c.Concurrency), c.BatchRows, warm, map[bool]string{true: "; quick", false: ""}[c.Quick], res.Elapsed)
	k := res.Corpus.Counts
	p("| corpus | %d generated reports, %.1f MB (%d traditional, %d retelling a meeting), %d cities, %d invented people; stored: %d officials, %d meetings, %d divisions, %d positions, %d directives, %d participations; %d reports refused |\n\n",
		res.Corpus.Reports, float64(res.Corpus.Bytes)/1e6, res.Corpus.Traditional, res.Corpus.Retold, res.Corpus.Cities, res.Corpus.People,
		k.Officials, k.Meetings, k.Divisions, k.Positions, k.Directives, k.Participations, res.Corpus.Failed)

	p("## Targets\n\n| target | goal | measured | met | by how much |\n|---|---|---|---|---|\n")
	for _, t := range res.Targets {
		verdict := "n/a"
		if t.Met != nil {
			verdict = map[bool]string{true: "**met**", false: "**missed**"}[*t.Met]
		}
		p("| %s | %s | %s | %s | %s |\n", t.Name, t.Goal, orDash(t.Measured), verdict, orDash(t.Miss))
	}

	p("\n## Ingest\n\n")
	p("Reports streamed from the generator; only ingest is timed. `service/*` runs the real pipeline (extractor, facts, one `WriteReports` transaction per batch of up to %d reports); ", ingest.DefaultBatch)
	p("`floor` writes the same facts, extracted beforehand, with one parameterised `UNWIND` per kind of row, %d rows per transaction. ", c.BatchRows)
	p("The pipeline reads and extracts a batch ahead of the writes, so extracting and writing overlap: each column is the time spent in it. ")
	if c.IngestTurns {
		p("The floor and `service/neo4j` wrote into two Neo4j servers started alike, taking turns of %d reports, so that the machine's speed, which drifts over a run, was the same for both; each timed only its own turns.\n\n", pipelineChunk)
	} else {
		p("The floor wrote first, and the database was emptied before `service/neo4j` wrote into it.\n\n")
	}
	p("| system | reports | seconds | reports/s | MB/s | extracting (s) | writing (s) | reports/s writing alone | one write p50 / p99 / max (ms) | refused |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range res.Ingest {
		p("| %s | %d | %.1f | %.2f | %.3f | %.1f | %.1f | %.2f | %.1f / %.0f / %.0f | %d |\n", r.System, r.Reports, r.Seconds, r.ReportsPerSec, r.MBPerSec,
			r.ExtractSeconds, r.WriteSeconds, r.WritePerSec, r.WriteP50ms, r.WriteP99ms, r.WriteMaxMs, r.Failed)
	}
	p("\nA write is one batch transaction: up to %d reports for the services, %d rows for the floor.\n", ingest.DefaultBatch, c.BatchRows)
	if mem := res.Memory; mem != nil {
		note := ""
		if mem.Extrapolated {
			note = fmt.Sprintf(" (extrapolated linearly from %d reports)", mem.Reports)
		}
		p("\nIn-memory store: %.1f MiB of live heap after GC for %d reports, %.0f MiB per 100,000 reports%s.\n", mem.HeapMiB, mem.Reports, mem.Per100kMiB, note)
	}

	p("\n## Queries\n\n")
	p("Each cell: requests/s, then p50 / p99 latency in ms, over the whole cell. `service/*` is this service's HTTP server on loopback (GraphQL POST), in a process of its own; ")
	p("`cypher` is hand-written Cypher through the Go driver (the floor); `neo4j-graphql` is @neo4j/graphql behind a minimal Node server over the same Neo4j and data.\n")
	for _, sh := range shapesOf(res.Queries) {
		what := ""
		for _, s := range shapes {
			if s.name == sh {
				what = s.what
			}
		}
		p("\n### %s — %s\n\n", sh, what)
		p("| system |")
		for _, c := range c.Concurrency {
			p(" c=%d |", c)
		}
		p("\n|---|")
		for range c.Concurrency {
			p("---:|")
		}
		p("\n")
		for _, sys := range res.Config.Systems {
			p("| %s |", sys)
			for _, cc := range c.Concurrency {
				cell := Cell{}
				for _, x := range res.Queries {
					if x.Shape == sh && x.System == sys && x.Concurrency == cc {
						cell = x
					}
				}
				switch {
				case cell.NA != "":
					p(" n/a |")
				case cell.Requests == 0:
					p(" – |")
				default:
					errs := ""
					if cell.Errors > 0 {
						errs = fmt.Sprintf(" (%d errors)", cell.Errors)
					}
					p(" %.0f/s, %.1f / %.1f%s |", cell.RPS, cell.P50ms, cell.P99ms, errs)
				}
			}
			p("\n")
		}
		var ratios []string
		for _, cc := range c.Concurrency {
			var rs []string
			if a, ok := find(res.Queries, sh, sysServiceNeo4j, cc); ok {
				if b, ok := find(res.Queries, sh, sysPeer, cc); ok {
					rs = append(rs, fmt.Sprintf("%.2f× the peer's throughput", a.RPS/b.RPS))
				}
				if b, ok := find(res.Queries, sh, sysFloor, cc); ok && b.P99ms > 0 {
					rs = append(rs, fmt.Sprintf("p99 %.2f× the floor's", a.P99ms/b.P99ms))
				}
			}
			if len(rs) > 0 {
				ratios = append(ratios, fmt.Sprintf("c=%d: %s", cc, strings.Join(rs, ", ")))
			}
		}
		if len(ratios) > 0 {
			p("\nservice/neo4j: %s.\n", strings.Join(ratios, "; "))
		}
		for _, x := range res.Queries {
			if x.Shape == sh && x.NA != "" && x.Concurrency == c.Concurrency[0] {
				p("\nn/a for %s: %s\n", x.System, x.NA)
			}
		}
		for _, a := range res.Answers {
			if a.Shape == sh && len(a.Digests) > 0 {
				var ds []string
				for _, sys := range res.Config.Systems {
					if d, ok := a.Digests[sys]; ok {
						ds = append(ds, fmt.Sprintf("%s: %s", sys, d))
					}
				}
				p("\nAnswers for `%s` — %s.\n", a.Params, strings.Join(ds, "; "))
			}
		}
	}

	if cc, rows := cpuRows(res); len(rows) > 0 {
		p("\n## CPU per request\n\n")
		p("CPU time each process spent during a system's turns at concurrency %d, divided by the requests it answered in them, in µs: ", cc)
		p("`neo4j` is the database's JVM, `service/*` each service's process, `peer` @neo4j/graphql's Node server, `client` the benchmark's own process (the load, and the floor's driver). ")
		p("It includes whatever else a process did meanwhile, such as a collection of its heap; each turn starts once the processes other than the client are quiet. \"–\" where a process's CPU could not be read.\n\n")
		p("| shape | system |")
		for _, r := range cpuRoles {
			p(" %s |", r)
		}
		p(" all |\n|---|---|")
		for range cpuRoles {
			p("---:|")
		}
		p("---:|\n")
		for _, row := range rows {
			p("| %s | %s |", row.Shape, row.System)
			var all float64
			for _, r := range cpuRoles {
				v, ok := row.CPUPerRequestUs[r]
				if !ok && r == row.System {
					// Results written before each service was counted
					// apart hold both under one name.
					v, ok = row.CPUPerRequestUs[legacyServiceRole]
				}
				if !ok {
					p(" – |")
					continue
				}
				all += v
				p(" %.0f |", v)
			}
			p(" %.0f |\n", all)
		}
	}

	if len(res.Plans) > 0 {
		p("\n## Plans\n\n")
		p("Each system's queries for one request of each shape (first arguments), captured on the wire and run again with `PROFILE`. ")
		p("A scan is an `AllNodesScan` or `NodeByLabelScan` operator: a hot query should start from an index.\n\n")
		p("| shape | system | queries | db hits | scans |\n|---|---|---:|---:|---|\n")
		for _, pl := range res.Plans {
			if pl.NA != "" {
				p("| %s | %s | – | – | n/a: %s |\n", pl.Shape, pl.System, mdEscape(pl.NA))
				continue
			}
			scans := "none"
			if len(pl.Scans) > 0 {
				scans = mdEscape(strings.Join(pl.Scans, "; "))
			}
			var errs []string
			for _, q := range pl.Queries {
				if q.Error != "" {
					errs = append(errs, q.Error)
				}
			}
			if len(errs) > 0 {
				scans += " (profile failed: " + mdEscape(strings.Join(errs, "; ")) + ")"
			}
			p("| %s | %s | %d | %d | %s |\n", pl.Shape, pl.System, len(pl.Queries), pl.DbHits, scans)
		}
		for _, pl := range res.Plans {
			if t := pl.Timing; t != nil {
				p("\nWriting one more report through %s (median of %d reports): %.0f ms for `WriteReport`; its queries replayed in a transaction took %.0f ms and committing it %.0f ms. "+
					"Planning its queries (%d characters of Cypher), with the query caches cleared, takes %.0f ms.\n",
					pl.System, t.Reports, t.WriteMs, t.QueriesMs, t.CommitMs, t.QueryChars, t.PlanMs)
			}
		}
	}

	if len(res.Notes) > 0 {
		p("\n## Notes\n\n")
		for _, n := range res.Notes {
			p("- %s\n", n)
		}
	}
	return b.String()
}

// legacyServiceRole is the name both services' processes were counted
// under before each was counted apart.
const legacyServiceRole = "service"

// cpuRows returns the cells whose CPU per request the results show: those
// at concurrency 16, or at the highest concurrency below it that was run.
func cpuRows(res *Results) (int, []Cell) {
	cc := 0
	for _, c := range res.Config.Concurrency {
		if c <= 16 {
			cc = max(cc, c)
		}
	}
	var rows []Cell
	for _, x := range res.Queries {
		if x.Concurrency == cc && len(x.CPUPerRequestUs) > 0 {
			rows = append(rows, x)
		}
	}
	return cc, rows
}

func loads(l [3]float64) string { return fmt.Sprintf("%.2f / %.2f / %.2f", l[0], l[1], l[2]) }

func ints(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// gcPercents describes the collector's percent of each service's process,
// in the order of allSystems.
func gcPercents(by map[string]int) string {
	var parts []string
	for _, sys := range allSystems {
		p, ok := by[sys]
		if !ok {
			continue
		}
		parts = append(parts, sys+" "+gogc(p))
	}
	return strings.Join(parts, "; ")
}

// gogc writes a collector's percent as the GOGC setting that gives it.
func gogc(percent int) string {
	if percent < 0 {
		return "GOGC=off"
	}
	return "GOGC=" + strconv.Itoa(percent)
}
