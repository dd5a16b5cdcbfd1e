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
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the results do not contain %q", want)
		}
	}
	if strings.Contains(md, "| 1 | – |") {
		t.Error("the results show a cell at concurrency 64")
	}
}

// busyFor is a CPU sampler of a process that uses a whole core until
// quietAfter, then nothing, and of a client that is always busy.
func busyFor(quietAfter time.Time) func() map[string]time.Duration {
	start := time.Now()
	return func() map[string]time.Duration {
		now := time.Now()
		busy := now.Sub(start)
		if now.After(quietAfter) {
			busy = quietAfter.Sub(start)
		}
		return map[string]time.Duration{roleNeo4j: busy, roleClient: now.Sub(start)}
	}
}

func TestSettle(t *testing.T) {
	for _, c := range []struct {
		name            string
		busy, max       time.Duration
		atLeast, atMost time.Duration
	}{
		// The client's own work never holds a turn back.
		{name: "quiet", busy: 0, max: 5 * time.Second, atLeast: settleWindow, atMost: 3 * settleWindow},
		{name: "busy a while", busy: 700 * time.Millisecond, max: 5 * time.Second, atLeast: 700 * time.Millisecond, atMost: 700*time.Millisecond + 3*settleWindow},
		{name: "busy throughout", busy: time.Hour, max: time.Second, atLeast: time.Second, atMost: time.Second + 2*settleWindow},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := settleOn(busyFor(time.Now().Add(c.busy)), c.max)
			if got < c.atLeast || got > c.atMost {
				t.Errorf("settleOn waited %s, want %s to %s", got, c.atLeast, c.atMost)
			}
		})
	}
}
