// Command gen writes invented meeting reports for benchmarks, as the
// corpus holds them: NAME.txt with NAME.meta.json beside it.
//
// Usage:
//
//	go run ./bench/cmd/gen -n 1000 -seed 1 -out DIR
//
// Reports are written one at a time, so any number fits in memory. Every
// report's metadata says "synthetic": true.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"officialgraph/bench/gen"
)

func main() {
	n := flag.Int("n", 100, "number of reports")
	seed := flag.Uint64("seed", 1, "seed; the same seed gives the same reports")
	cities := flag.Int("cities", 100, "number of invented cities")
	out := flag.String("out", "", "`DIR` to write the reports to (created if missing)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -out DIR is required")
		os.Exit(2)
	}
	if err := run(*out, gen.Config{Seed: *seed, Reports: *n, Cities: *cities}); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(dir string, cfg gen.Config) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	start := time.Now()
	g := gen.New(cfg)
	var bytes int64
	for {
		r, ok := g.Next()
		if !ok {
			break
		}
		base := filepath.Join(dir, r.Name)
		if err := os.WriteFile(base+".txt", r.Text, 0o644); err != nil {
			return err
		}
		if err := os.WriteFile(base+".meta.json", r.Meta.JSON(), 0o644); err != nil {
			return err
		}
		bytes += int64(len(r.Text))
	}
	fmt.Fprintf(os.Stderr, "gen: %d reports, %.1f MB of text, in %s\n", cfg.Reports, float64(bytes)/1e6, time.Since(start).Round(time.Millisecond))
	return nil
}
