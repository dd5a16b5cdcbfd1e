package main

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestParseStatCPU(t *testing.T) {
	for _, c := range []struct {
		name, stat string
		want       time.Duration
		wantErr    bool
	}{
		{
			name: "plain",
			stat: "29376 (cat) R 29373 29373 17945 0 -1 4194304 124 0 0 0 250 31 0 0 20 0 1 0 7856231 3133440 388",
			want: 2810 * time.Millisecond,
		},
		{
			// A command's name may hold spaces and parentheses.
			name: "name with spaces and parentheses",
			stat: "7 (a (b) c) S 1 1 1 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 1 1 1",
			want: 100 * time.Millisecond,
		},
		{name: "no name", stat: "7 S 1 1 1", wantErr: true},
		{name: "too few fields", stat: "7 (x) S 1 1 1 0 -1 0 0 0 0 0", wantErr: true},
		{name: "not a number", stat: "7 (x) S 1 1 1 0 -1 0 0 0 0 0 x 3 0 0", wantErr: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := parseStatCPU(c.stat)
			if (err != nil) != c.wantErr {
				t.Fatalf("parseStatCPU(%q) error = %v, want error: %v", c.stat, err, c.wantErr)
			}
			if got != c.want {
				t.Errorf("parseStatCPU(%q) = %s, want %s", c.stat, got, c.want)
			}
		})
	}
}

// TestProcessCPUCountsWork burns CPU in this process and checks that the
// client's share grows by about as much.
func TestProcessCPUCountsWork(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc on this system: the results leave CPU out")
	}
	before := cpuSample()
	if _, ok := before[roleClient]; !ok {
		t.Fatalf("cpuSample() = %v, want the client's CPU", before)
	}
	start := time.Now()
	var x uint64
	for time.Since(start) < 300*time.Millisecond {
		for i := range 100000 {
			x += uint64(i) * x
		}
	}
	used := addCPU(nil, before, cpuSample())[roleClient]
	if used < 150*time.Millisecond {
		t.Errorf("300 ms of busy work counted %s of CPU, want at least 150 ms (x=%d)", used, x)
	}
}

func TestAddCPU(t *testing.T) {
	sum := addCPU(nil,
		map[string]time.Duration{roleNeo4j: time.Second, sysServiceNeo4j: 2 * time.Second},
		map[string]time.Duration{roleNeo4j: 3 * time.Second, sysServiceNeo4j: 2 * time.Second, rolePeer: time.Second})
	sum = addCPU(sum,
		map[string]time.Duration{roleNeo4j: 10 * time.Second},
		map[string]time.Duration{roleNeo4j: 11 * time.Second})
	// The peer was not read before the turn, so its turn is not counted.
	want := map[string]time.Duration{roleNeo4j: 3 * time.Second, sysServiceNeo4j: 0}
	if len(sum) != len(want) {
		t.Fatalf("addCPU = %v, want %v", sum, want)
	}
	for role, w := range want {
		if sum[role] != w {
			t.Errorf("addCPU[%s] = %s, want %s", role, sum[role], w)
		}
	}
}

func TestCPUTable(t *testing.T) {
	res := &Results{
		Config: RunConfig{Concurrency: []int{1, 16, 64}, Systems: []string{sysServiceNeo4j, sysFloor}},
		Queries: []Cell{
			{Shape: "official", System: sysServiceNeo4j, Concurrency: 16, Requests: 10, RPS: 100,
				CPUPerRequestUs: map[string]float64{roleNeo4j: 800, sysServiceNeo4j: 450, roleClient: 200}},
			{Shape: "official", System: sysFloor, Concurrency: 16, Requests: 10, RPS: 100,
				CPUPerRequestUs: map[string]float64{roleNeo4j: 790, roleClient: 400}},
			{Shape: "search", System: sysServiceMem, Concurrency: 16, Requests: 10, RPS: 100,
				CPUPerRequestUs: map[string]float64{roleNeo4j: 2, legacyServiceRole: 150, roleClient: 80}},
			{Shape: "official", System: sysFloor, Concurrency: 64, Requests: 10, RPS: 100,
				CPUPerRequestUs: map[string]float64{roleNeo4j: 1}},
		},
	}
	md := markdown(res)
	for _, want := range []string{
		"## CPU per request",
		"at concurrency 16",
		"| official | service/neo4j | 800 | 450 | – | – | 200 | 1450 |",
		"| official | cypher | 790 | – | – | – | 400 | 1190 |",
		// An older results file counts both services as one.
		"| search | service/memstore | 2 | – | 150 | – | 80 | 232 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the results do not contain %q", want)
		}
	}
	if strings.Contains(md, "| 1 | – |") {
		t.Error("the results show a cell at concurrency 64")
	}
}

// busyFor is a CPU sampler of a process that uses a whole window's worth
// of CPU in each of its first windows windows (two samples each), then
// nothing, and of a client that is always busy.
func busyFor(windows int) func() map[string]time.Duration {
	calls := 0
	return func() map[string]time.Duration {
		calls++
		done := min(calls/2, windows)
		return map[string]time.Duration{
			roleNeo4j:  time.Duration(done) * settleWindow,
			roleClient: time.Duration(calls) * settleWindow,
		}
	}
}

func TestSettle(t *testing.T) {
	for _, c := range []struct {
		name        string
		busyWindows int
		limit       time.Duration
		want        int // windows watched
		wantAtLeast bool
		wantQuiet   bool
	}{
		// The client's own work never holds a turn back.
		{name: "quiet", busyWindows: 0, limit: time.Hour, want: 1, wantQuiet: true},
		{name: "busy a while", busyWindows: 3, limit: time.Hour, want: 4, wantQuiet: true},
		// However busy, a turn waits no longer than the limit.
		{name: "busy throughout", busyWindows: 1 << 30, limit: time.Second, want: int(time.Second / settleWindow), wantAtLeast: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			got, quiet := settleOn(busyFor(c.busyWindows), c.limit)
			if quiet != c.wantQuiet {
				t.Errorf("settleOn says quiet %v, want %v", quiet, c.wantQuiet)
			}
			if c.wantAtLeast {
				// Sleeps may overrun on a loaded machine, so the limit
				// may be reached in fewer windows, never before it.
				if took := time.Since(start); took < c.limit || got > c.want {
					t.Errorf("settleOn watched %d windows over %s, want at most %d and at least %s", got, took, c.want, c.limit)
				}
				return
			}
			if got != c.want {
				t.Errorf("settleOn watched %d windows, want %d", got, c.want)
			}
		})
	}
}
