package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The CPU each process of a run spends, cell by cell. On 2 cores the
// systems' processes and the benchmark's client share the machine, so a
// system's throughput says little about which of its parts costs it: the
// CPU time each process spent during a system's turns, divided by the
// requests answered in them, does. It counts whatever a process did in
// that time, background work included; an idle process adds next to
// nothing.

// Roles of the processes whose CPU is counted. Each service's process is
// counted under its system's name (sysServiceNeo4j, sysServiceMem), so
// that one service's work during another system's turns shows.
const (
	roleNeo4j  = "neo4j"  // the database's JVM, when this run started it
	rolePeer   = "peer"   // @neo4j/graphql's Node server
	roleClient = "client" // this process: the load and the floor's driver
)

// cpuRoles is the order the results list the roles in.
var cpuRoles = []string{roleNeo4j, sysServiceNeo4j, sysServiceMem, rolePeer, roleClient}

// userHZ is the unit of the CPU times in /proc/PID/stat: fixed at 100 on
// every Linux the benchmark runs on (it is part of the kernel's ABI, not
// the kernel's tick rate).
const userHZ = 100

// watched holds the processes whose CPU is counted, by role.
var watched = struct {
	sync.Mutex
	pids map[string][]int
}{pids: map[string][]int{roleClient: {os.Getpid()}}}

// watch counts pid's CPU under role from the next cell on.
func watch(role string, pid int) {
	watched.Lock()
	defer watched.Unlock()
	watched.pids[role] = append(watched.pids[role], pid)
}

// cpuSample reads the CPU time each watched role has used so far. A
// process that cannot be read (it exited, or there is no /proc) counts
// nothing, and the role is left out when none of its processes could be
// read.
func cpuSample() map[string]time.Duration {
	watched.Lock()
	defer watched.Unlock()
	out := map[string]time.Duration{}
	for role, pids := range watched.pids {
		for _, pid := range pids {
			if t, err := processCPU(pid); err == nil {
				out[role] += t
			}
		}
	}
	return out
}

// processCPU returns the user and system CPU time of a process and all its
// threads, from /proc/PID/stat.
func processCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	return parseStatCPU(string(b))
}

// parseStatCPU reads utime and stime, the 14th and 15th fields of a
// /proc/PID/stat line. The second field, the command's name in
// parentheses, may itself hold spaces and parentheses, so the fields are
// counted from the last ')'.
func parseStatCPU(stat string) (time.Duration, error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, fmt.Errorf("/proc stat line without a command name: %q", stat)
	}
	f := strings.Fields(stat[i+1:])
	// f[0] is the 3rd field (state); utime and stime are the 14th and 15th.
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc stat line with %d fields after the name, want at least 13", len(f))
	}
	var ticks int64
	for _, s := range f[11:13] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc stat line: CPU time %q: %w", s, err)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / userHZ, nil
}

// addCPU adds the CPU used between two samples to sum.
func addCPU(sum map[string]time.Duration, before, after map[string]time.Duration) map[string]time.Duration {
	if sum == nil {
		sum = map[string]time.Duration{}
	}
	for role, t := range after {
		if b, ok := before[role]; ok && t >= b {
			sum[role] += t - b
		}
	}
	return sum
}

// settle waits, for at most limit, until no watched process but this one is
// busy: until the others have used under a tenth of a core in the last
// settleWindow. It reports whether they were quiet before the limit.
//
// A process can go on working after its turn: the in-memory store's
// process at 100,000 reports goes on marking a 2 GiB heap for seconds
// after its requests stop, and before turns settled, the results showed
// it using 5.7 ms of CPU per request of the floor's that followed.
// Starting each turn on a quiet machine keeps one system's leftovers out
// of the next one's numbers.
func settle(limit time.Duration) bool {
	_, quiet := settleOn(cpuSample, limit)
	return quiet
}

// settleOn is settle reading the processes' CPU with sample; it returns
// how many windows it watched and whether the last was quiet.
func settleOn(sample func() map[string]time.Duration, limit time.Duration) (int, bool) {
	start := time.Now()
	windows := 0
	for time.Since(start) < limit {
		before := sample()
		time.Sleep(settleWindow)
		windows++
		var busy time.Duration
		for role, t := range addCPU(nil, before, sample()) {
			if role != roleClient {
				busy += t
			}
		}
		if busy < settleWindow/10 {
			return windows, true
		}
	}
	return windows, false
}

const (
	// settleWindow is how long settle watches the processes at a time.
	settleWindow = 200 * time.Millisecond
	// settleLimit is how long a turn waits for the machine to be quiet:
	// longer than the in-memory store's process takes to mark its heap
	// of 100,000 reports (4–7 s on 2 cores), which a limit of a turn's
	// length (1.5 s) left running into the next system's turn.
	settleLimit = 10 * time.Second
)
