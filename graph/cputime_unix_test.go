//go:build unix

package graph_test

import (
	"syscall"
	"time"
)

// processCPU returns the user and system CPU time this process has used.
// Over Neo4j a request's latency is mostly the database's; the process's
// CPU per request is what the service itself costs (GraphQL, the driver,
// the collector), which decides its throughput on a machine it shares.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
