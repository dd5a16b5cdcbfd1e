//go:build !unix

package graph_test

import "time"

// processCPU is not measured here: the benchmarks leave the metric out.
func processCPU() (time.Duration, bool) { return 0, false }
