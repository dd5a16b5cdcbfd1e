//go:build !linux

package memstore_test

import "time"

// threadCPU is not measured here: benchmarks report wall times only.
func threadCPU() time.Duration { return 0 }
