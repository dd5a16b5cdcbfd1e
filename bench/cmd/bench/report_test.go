package main

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	for _, c := range []struct {
		p    float64
		want time.Duration
	}{{0.5, 50 * time.Millisecond}, {0.99, 99 * time.Millisecond}, {1, 100 * time.Millisecond}, {0, time.Millisecond}} {
		if got := percentile(d, c.p); got != c.want {
			t.Errorf("percentile(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	if got := percentile(d[:1], 0.99); got != time.Millisecond {
		t.Errorf("percentile of one = %v", got)
	}
}

func TestTargets(t *testing.T) {
	res := &Results{
		Config:  RunConfig{Size: 1000, Concurrency: []int{1, 16}, Systems: []string{sysServiceNeo4j, sysServiceMem, sysFloor, sysPeer}},
		Machine: Machine{Cores: 2},
		Queries: []Cell{
			{Shape: "a", System: sysServiceNeo4j, Concurrency: 16, Requests: 10, RPS: 300, P99ms: 10},
			{Shape: "a", System: sysPeer, Concurrency: 16, Requests: 10, RPS: 100, P99ms: 30},
			{Shape: "a", System: sysFloor, Concurrency: 16, Requests: 10, RPS: 900, P99ms: 5},
			{Shape: "a", System: sysServiceMem, Concurrency: 16, Requests: 10, RPS: 900, P99ms: 1},
			{Shape: "c", System: sysServiceMem, Concurrency: 16, Requests: 10, RPS: 4000, P99ms: 9},
			{Shape: "b", System: sysServiceNeo4j, Concurrency: 16, NA: "no Explorer"},
			{Shape: "b", System: sysPeer, Concurrency: 16, Requests: 10, RPS: 100, P99ms: 30},
		},
		Ingest: []IngestRow{
			{System: "floor", Reports: 1000, ReportsPerSec: 20},
			{System: sysServiceNeo4j, Reports: 1000, ReportsPerSec: 5, WritePerSec: 6},
		},
	}
	ts := targets(res)
	byName := map[string]Target{}
	for _, tg := range ts {
		byName[tg.Name] = tg
	}
	peer := byName["throughput vs @neo4j/graphql"]
	if peer.Met == nil || *peer.Met || !strings.Contains(peer.Measured, "a 3.00×") || !strings.Contains(peer.Miss, "not measured for c, b") {
		t.Errorf("peer target %+v", peer)
	}
	floor := byName["p99 vs hand-written Cypher"]
	if floor.Met == nil || *floor.Met || !strings.Contains(floor.Miss, "a@16 2.00×") {
		t.Errorf("floor target %+v", floor)
	}
	ingest := byName["ingest vs UNWIND floor"]
	if ingest.Met == nil || *ingest.Met || !strings.Contains(ingest.Measured, "25.0% end to end") {
		t.Errorf("ingest target %+v", ingest)
	}
	mem := byName["memstore p99"]
	// 16 in flight at 4000/s and at 900/s: 4.0 and 17.8 ms on average.
	if mem.Met == nil || *mem.Met || !strings.Contains(mem.Miss, "not at 100,000") ||
		!strings.Contains(mem.Miss, "at concurrency 16 on 2 cores the mean latency alone (concurrency ÷ throughput) is 4.0–17.8 ms") {
		t.Errorf("memstore target %+v", mem)
	}

	res.Targets = ts
	md := markdown(res)
	for _, want := range []string{"## Targets", "**missed**", "| service/neo4j | – | 300/s, 0.0 / 10.0 |", "n/a"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

// TestTargetsLeaveOutTheRoundTrip checks that the baseline shape counts
// toward no target, and that a shape's miss says what the round trip alone
// measured beside it.
func TestTargetsLeaveOutTheRoundTrip(t *testing.T) {
	cells := []Cell{
		{Shape: "a", System: sysServiceNeo4j, Concurrency: 16, Requests: 10, RPS: 150, P99ms: 8},
		{Shape: "a", System: sysPeer, Concurrency: 16, Requests: 10, RPS: 100, P99ms: 30},
		{Shape: "a", System: sysFloor, Concurrency: 16, Requests: 10, RPS: 300, P99ms: 4},
		{Shape: "a", System: sysServiceMem, Concurrency: 16, Requests: 10, RPS: 900, P99ms: 1},
		// The round trip would miss every target, were it one.
		{Shape: roundTrip, System: sysServiceNeo4j, Concurrency: 16, Requests: 10, RPS: 180, P99ms: 9},
		{Shape: roundTrip, System: sysPeer, Concurrency: 16, Requests: 10, RPS: 100, P99ms: 20},
		{Shape: roundTrip, System: sysFloor, Concurrency: 16, Requests: 10, RPS: 400, P99ms: 3},
		{Shape: roundTrip, System: sysServiceMem, Concurrency: 16, Requests: 10, RPS: 900, P99ms: 5},
	}
	res := &Results{
		Config: RunConfig{Size: 100_000, Concurrency: []int{16}, Systems: []string{sysServiceNeo4j, sysServiceMem, sysFloor, sysPeer}},
		// As many cores as requests in flight: the memstore target has no
		// queueing to report, so its miss is the round trip's or nothing.
		Machine: Machine{Cores: 16},
		Queries: cells,
	}
	byName := map[string]Target{}
	for _, tg := range targets(res) {
		byName[tg.Name] = tg
	}
	for _, c := range []struct {
		target           string
		measured, miss   string
		notInMeasurement string
	}{
		{"throughput vs @neo4j/graphql", "a 1.50×", "a at 1.50× (25% short) (the round trip: 1.80×)", roundTrip},
		{"p99 vs hand-written Cypher", "a 2.00×@16", "over 1.5×: a@16 2.00× (the round trip: 3.00×)", roundTrip},
		{"memstore p99", "a 1.00@16", "", roundTrip},
	} {
		tg := byName[c.target]
		if !strings.Contains(tg.Measured, c.measured) || strings.Contains(tg.Measured, c.notInMeasurement) {
			t.Errorf("%s measured %q, want it to hold %q and not %q", c.target, tg.Measured, c.measured, c.notInMeasurement)
		}
		if tg.Miss != c.miss {
			t.Errorf("%s miss = %q, want %q", c.target, tg.Miss, c.miss)
		}
	}
	if m := byName["memstore p99"].Met; m == nil || !*m {
		t.Errorf("memstore target met = %v, want met: only the round trip is over 2 ms", m != nil && *m)
	}
	md := markdown(&Results{Config: res.Config, Machine: res.Machine, Queries: cells, Targets: targets(res)})
	if !strings.Contains(md, "### "+roundTrip+" — an official's name by ID") {
		t.Errorf("markdown lacks the round trip's table:\n%s", md)
	}
}

func TestGoRuntimeEnv(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{nil, ""},
		{map[string]string{"GOGC": "200"}, "GOGC=200"},
		{map[string]string{"GODEBUG": "gctrace=1", "GOMEMLIMIT": "8GiB", "HOME": "/root"}, "GOMEMLIMIT=8GiB GODEBUG=gctrace=1"},
	} {
		if got := goRuntimeEnv(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("goRuntimeEnv(%v) = %q, want %q", c.env, got, c.want)
		}
	}
	res := &Results{Machine: Machine{Cores: 2, GoRuntime: "GOGC=200"}}
	if md := markdown(res); !strings.Contains(md, "| Go runtime settings | GOGC=200 |") {
		t.Errorf("the results do not show the Go runtime settings:\n%s", md)
	}
	res.Machine.GoRuntime = ""
	if md := markdown(res); strings.Contains(md, "Go runtime settings") {
		t.Errorf("the results show Go runtime settings where none were set:\n%s", md)
	}
	res.Machine.ServiceGoRuntime = "GOGC=off GOMEMLIMIT=1GiB"
	if md := markdown(res); !strings.Contains(md, "| Go runtime settings of the services' processes alone | GOGC=off GOMEMLIMIT=1GiB |") {
		t.Errorf("the results do not show the services' Go runtime settings:\n%s", md)
	}
}

func TestServiceGCPercentRow(t *testing.T) {
	res := &Results{Machine: Machine{Cores: 2}}
	if md := markdown(res); strings.Contains(md, "collectors") {
		t.Errorf("the results show the services' collectors where none was recorded:\n%s", md)
	}
	res.Machine.recordGC(sysServiceMem, -1)
	res.Machine.recordGC(sysServiceNeo4j, 400)
	want := "| services' collectors | service/neo4j GOGC=400; service/memstore GOGC=off |"
	if md := markdown(res); !strings.Contains(md, want) {
		t.Errorf("the results do not show the services' collectors as %q:\n%s", want, md)
	}
}

func TestParseGoRuntime(t *testing.T) {
	for _, c := range []struct {
		in      string
		want    []string
		wantErr string
	}{
		{in: "", want: nil},
		{in: "GOGC=off  GOMEMLIMIT=1GiB", want: []string{"GOGC=off", "GOMEMLIMIT=1GiB"}},
		{in: "GODEBUG=gctrace=1", want: []string{"GODEBUG=gctrace=1"}},
		{in: "HOME=/tmp", wantErr: `"HOME=/tmp" is not KEY=VALUE with KEY one of GOGC, GOMEMLIMIT, GOMAXPROCS, GODEBUG`},
		{in: "GOGC", wantErr: `"GOGC" is not KEY=VALUE`},
		{in: "GOGC=", wantErr: `"GOGC=" is not KEY=VALUE`},
	} {
		got, err := parseGoRuntime(c.in)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("parseGoRuntime(%q): error %v, want one with %q", c.in, err, c.wantErr)
			}
			continue
		}
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("parseGoRuntime(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func TestServiceCommandEnv(t *testing.T) {
	t.Setenv("GOGC", "100")
	cmd := serviceCommand(t.Context(), "bench", []string{"GOGC=off", "GOMEMLIMIT=1GiB"})
	if n := len(cmd.Env); n < 2 || !slices.Equal(cmd.Env[n-2:], []string{"GOGC=off", "GOMEMLIMIT=1GiB"}) {
		t.Errorf("the child's environment ends %q, want the settings last, over the inherited GOGC=100", cmd.Env)
	}
	if !slices.Contains(cmd.Args, "-"+serveFlag) {
		t.Errorf("the child's arguments %q lack -%s", cmd.Args, serveFlag)
	}
	if cmd := serviceCommand(t.Context(), "bench", nil); cmd.Env != nil {
		t.Errorf("without settings the child's environment is %q, want the inherited one (nil)", cmd.Env)
	}
}
