// Package gcpace sets how often the Go collector runs in a process whose
// data lives in a database: the service over Neo4j, and an ingest into it.
//
// Such a process keeps little on its heap between requests (the driver's
// connections, the cache of parsed queries: about 5 MiB), and each request
// allocates some 150 KB (gqlgen's field contexts, the driver's records).
// With the runtime's default (GOGC=100) the heap may only double before a
// collection, so a search served 1,500 times a second was collected 45
// times a second; at RemoteStorePercent, 10 times. A collection's work
// follows what is live, not what it frees, so fewer of them cost less per
// request, for some 15 MiB more heap. The in-memory store's process is
// not paced this way: its heap is the data (1.9 GiB at 100,000 reports),
// and the percent would multiply that.
package gcpace

import (
	"runtime/debug"
	"strings"
)

// RemoteStorePercent is the collector's percent (GOGC) for a process whose
// data lives in a database. At 100,000 reports, with the service's
// process over Neo4j taking turns against one at the default on the same
// server (16 requests at once, four to eight turns each), it cut the
// process's CPU per request by 10–22% on every shape measured (search 634
// to 532 µs, meetings-by-month 464 to 369, co-attendees 452 to 369,
// connection 408 to 365, official 1,304 to 1,012) and held a heap goal of
// about 26 MiB instead of 10. An ingest of 1,500 generated reports into an
// empty Neo4j, five times at each setting by turns, took 28.6 s (median)
// against 29.4, and less time in four turns of five.
const RemoteStorePercent = 400

// ForRemoteStore sets the collector's percent to RemoteStorePercent,
// unless the environment (read with getenv) sets GOGC, whose value the
// runtime has already applied and which then stands. It reports whether it
// set the percent, and returns the function that restores the percent in
// force before.
func ForRemoteStore(getenv func(string) string) (restore func(), set bool) {
	if strings.TrimSpace(getenv("GOGC")) != "" {
		return func() {}, false
	}
	prev := debug.SetGCPercent(RemoteStorePercent)
	return func() { debug.SetGCPercent(prev) }, true
}

// Percent returns the collector's percent in force (GOGC; -1 for off).
// The runtime has no getter, so Percent sets a value and puts the old one
// back: it must not run while something else sets the percent.
func Percent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}
