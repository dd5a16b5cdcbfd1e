package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/bench/floor"
	"officialgraph/bench/gen"
	"officialgraph/internal/ingest"
	"officialgraph/internal/kg"
)

// pipelineChunk is how many generated reports are handed to the pipeline
// at a time: the corpus is streamed, never held whole. The pipeline reads
// a batch ahead of its writes within a chunk, so a chunk of many batches
// ingests as a folder of reports does.
const pipelineChunk = 1000

// timedStore measures the time its store spends writing.
type timedStore struct {
	kg.Store
	writing time.Duration
	writes  []time.Duration
}

func (s *timedStore) WriteReport(ctx context.Context, f *kg.ReportFacts) (kg.WriteResult, error) {
	defer s.time(time.Now())
	return s.Store.WriteReport(ctx, f)
}

func (s *timedStore) WriteReports(ctx context.Context, fs []*kg.ReportFacts) ([]kg.WriteResult, error) {
	defer s.time(time.Now())
	return s.Store.WriteReports(ctx, fs)
}

// time records a write that started at start.
func (s *timedStore) time(start time.Time) {
	took := time.Since(start)
	s.writing += took
	s.writes = append(s.writes, took)
}

// spread sets a row's percentiles of the time one write took.
func spread(r *IngestRow, writes []time.Duration) {
	if len(writes) == 0 {
		return
	}
	s := slices.Clone(writes)
	slices.Sort(s)
	r.WriteP50ms, r.WriteP99ms, r.WriteMaxMs = ms(percentile(s, 0.5)), ms(percentile(s, 0.99)), ms(s[len(s)-1])
}

// checkpointsFor returns the sizes at which ingest is measured: the powers
// of ten from 1,000 up to size, and size itself.
func checkpointsFor(size int) []int {
	var out []int
	for c := 1000; c < size; c *= 10 {
		out = append(out, c)
	}
	return append(out, size)
}

func row(system string, reports int, bytes int64, total, extract, write time.Duration, failed int) IngestRow {
	r := IngestRow{
		System: system, Reports: reports, Bytes: bytes, Seconds: total.Seconds(),
		ExtractSeconds: extract.Seconds(), WriteSeconds: write.Seconds(), Failed: failed,
	}
	if total > 0 {
		r.ReportsPerSec = float64(reports) / total.Seconds()
		r.MBPerSec = float64(bytes) / 1e6 / total.Seconds()
	}
	if write > 0 {
		r.WritePerSec = float64(reports) / write.Seconds()
	}
	return r
}

// The sides of the ingests' turns; the floor goes first.
const (
	sideFloor = iota
	sideService
)

// ingestPipeline streams the corpus through the real pipeline (extractor,
// facts, WriteReports, one transaction per batch of reports) into store, timing only
// the pipeline, and returns a row per checkpoint. It generates and ingests
// each chunk in a turn of its own as side of tt.
func ingestPipeline(ctx context.Context, system string, store kg.Store, cfg gen.Config, checkpoints []int, corpus *Corpus, tt *turns, side int) ([]IngestRow, error) {
	defer tt.end(side)
	tt.take(side)
	ts := &timedStore{Store: store}
	var extracting time.Duration
	extract := func(ctx context.Context, text []byte, meta ingest.Meta, file string) (*ingest.Extraction, error) {
		start := time.Now()
		e, err := ingest.Extract(ctx, text, meta, file)
		extracting += time.Since(start)
		return e, err
	}
	p := ingest.Pipeline{Store: ts, Extract: extract}
	g := gen.New(cfg)
	var (
		rows    []IngestRow
		chunk   []ingest.Source
		elapsed time.Duration
		reports int
		bytes   int64
		failed  int
		lastErr error
	)
	run := func() {
		start := time.Now()
		sum := p.Run(ctx, chunk)
		elapsed += time.Since(start)
		failed += sum.Failed
		for _, e := range sum.Errors {
			lastErr = e
		}
		chunk = chunk[:0]
	}
	next := 0
	progress := newProgress(system, cfg.Reports)
	for {
		r, ok := g.Next()
		if !ok {
			break
		}
		reports++
		bytes += int64(len(r.Text))
		if corpus != nil {
			corpus.Reports, corpus.Bytes = reports, bytes
			if r.Truth.Traditional {
				corpus.Traditional++
			}
			if r.Truth.Retold {
				corpus.Retold++
			}
		}
		chunk = append(chunk, ingest.Source{Path: r.Name + ".txt", Text: r.Text, Meta: r.IngestMeta()})
		atCheckpoint := next < len(checkpoints) && reports == checkpoints[next]
		if len(chunk) == pipelineChunk || atCheckpoint {
			run()
			progress.update(reports, elapsed)
			tt.pass(side)
			tt.take(side)
		}
		if atCheckpoint {
			r := row(system, reports, bytes, elapsed, extracting, ts.writing, failed)
			spread(&r, ts.writes)
			rows = append(rows, r)
			next++
		}
		if ctx.Err() != nil {
			return rows, ctx.Err()
		}
	}
	if len(chunk) > 0 {
		run()
	}
	progress.done()
	if corpus != nil {
		corpus.Failed = failed
	}
	if failed > 0 {
		fmt.Fprintf(os.Stderr, "bench: %s: %d reports failed, the last: %v\n", system, failed, lastErr)
	}
	if failed*10 > reports {
		return rows, fmt.Errorf("%s: %d of %d reports failed, the last: %v", system, failed, reports, lastErr)
	}
	return rows, nil
}

// ingestFloor writes the same facts, extracted beforehand, with the floor's
// UNWIND batches; only the writes are timed. It extracts and writes each
// pipelineChunk reports in a turn of its own as side of tt.
func ingestFloor(ctx context.Context, driver neo4j.DriverWithContext, database string, cfg gen.Config, checkpoints []int, batchRows int, tt *turns, side int) ([]IngestRow, error) {
	defer tt.end(side)
	tt.take(side)
	w := floor.NewWriter(driver, database, batchRows)
	g := gen.New(cfg)
	var (
		rows    []IngestRow
		writing time.Duration
		batches []time.Duration // the calls that wrote a batch
		reports int
		bytes   int64
	)
	next := 0
	progress := newProgress("floor", cfg.Reports)
	timed := func(f func() error) error {
		n := w.Batches
		start := time.Now()
		err := f()
		took := time.Since(start)
		writing += took
		if w.Batches > n {
			batches = append(batches, took)
		}
		return err
	}
	for {
		r, ok := g.Next()
		if !ok {
			break
		}
		e, err := ingest.Extract(ctx, r.Text, r.IngestMeta(), r.Name+".txt")
		if err != nil {
			continue
		}
		facts, _, err := ingest.Facts(e, r.IngestMeta(), r.Text)
		if err != nil {
			continue
		}
		reports++
		bytes += int64(len(r.Text))
		if err := timed(func() error { return w.Add(ctx, facts) }); err != nil {
			return rows, err
		}
		if next < len(checkpoints) && reports == checkpoints[next] {
			if err := timed(func() error { return w.Flush(ctx) }); err != nil {
				return rows, err
			}
			r := row("floor", reports, bytes, writing, 0, writing, 0)
			spread(&r, batches)
			rows = append(rows, r)
			next++
		}
		if reports%pipelineChunk == 0 {
			progress.update(reports, writing)
			tt.pass(side)
			tt.take(side)
		}
		if err := ctx.Err(); err != nil {
			return rows, err
		}
	}
	if err := timed(func() error { return w.Flush(ctx) }); err != nil {
		return rows, err
	}
	progress.done()
	return rows, nil
}

// storeHeap returns the heap a store holds: the live heap with it, less
// the live heap once drop has let go of every reference to it.
func storeHeap(drop func()) uint64 {
	with := liveHeap()
	drop()
	without := liveHeap()
	if without > with {
		return 0
	}
	return with - without
}

func liveHeap() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// progress prints how far a long step is, at most every few seconds.
type progress struct {
	name  string
	total int
	last  time.Time
	start time.Time
}

func newProgress(name string, total int) *progress {
	now := time.Now()
	return &progress{name: name, total: total, last: now, start: now}
}

func (p *progress) update(done int, timed time.Duration) {
	if time.Since(p.last) < 5*time.Second {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(os.Stderr, "bench: %s: %d/%d reports, %.1f reports/s\n", p.name, done, p.total, float64(done)/timed.Seconds())
}

func (p *progress) done() {
	fmt.Fprintf(os.Stderr, "bench: %s: done in %s\n", p.name, time.Since(p.start).Round(time.Second))
}

// warmupSeed is added to the corpus seed for the warm-up reports, so that
// they share no report with the timed corpus.
const warmupSeed = 1 << 20

// warmUp writes o.warmup reports of another seed with the floor's writer
// into floorDriver's Neo4j and through the service's pipeline into store,
// which is in driver's, and empties each database after. A freshly
// started Neo4j plans each query the first time it sees it (seconds for
// the service's write queries on a loaded machine) and its JIT compiles
// the code paths as they are first run; the timed ingests below would
// otherwise charge that once-per-server cost to the first to run. Both
// writers are warmed the same way, each in the Neo4j it is timed in.
func warmUp(ctx context.Context, floorDriver, driver neo4j.DriverWithContext, store kg.Store, o options) error {
	if o.warmup <= 0 {
		return nil
	}
	fmt.Fprintf(os.Stderr, "bench: warm-up: %d reports of another seed through both Neo4j writers, then deleted\n", o.warmup)
	cfg := gen.Config{Seed: o.seed + warmupSeed, Reports: o.warmup}
	if _, err := ingestFloor(ctx, floorDriver, o.database, cfg, nil, o.batchRows, nil, sideFloor); err != nil {
		return fmt.Errorf("warm-up of the floor: %w", err)
	}
	if err := wipe(ctx, floorDriver, o.database); err != nil {
		return err
	}
	if _, err := ingestPipeline(ctx, "warm-up", store, cfg, nil, nil, nil, sideService); err != nil {
		return fmt.Errorf("warm-up of the service: %w", err)
	}
	return wipe(ctx, driver, o.database)
}

// ingestNeo4j measures the two ingests into Neo4j, the floor's into
// floorDriver's and the service's into store, which is in driver's, and
// returns the floor's rows, then the service's. The service's graph stays
// for the queries.
//
// In two servers (floorDriver is not driver), the two ingests take turns
// (see turns), so that both run under the same stretches of the machine's
// speed. In one, the floor writes first and the database is emptied
// before the service writes.
func ingestNeo4j(ctx context.Context, floorDriver, driver neo4j.DriverWithContext, store kg.Store, cfg gen.Config, checkpoints []int, o options) ([]IngestRow, error) {
	if floorDriver == driver {
		fmt.Fprintln(os.Stderr, "bench: ingest floor (UNWIND batches) into Neo4j")
		rows, err := ingestFloor(ctx, driver, o.database, cfg, checkpoints, o.batchRows, nil, sideFloor)
		if err != nil {
			return rows, err
		}
		if err := wipe(ctx, driver, o.database); err != nil {
			return rows, err
		}
		fmt.Fprintln(os.Stderr, "bench: ingest through the service's pipeline into Neo4j")
		more, err := ingestPipeline(ctx, sysServiceNeo4j, store, cfg, checkpoints, nil, nil, sideService)
		return append(rows, more...), err
	}
	fmt.Fprintf(os.Stderr, "bench: ingest floor (UNWIND batches) and through the service's pipeline into two Neo4j, by turns of %d reports\n", pipelineChunk)
	// One that fails stops the other, rather than leave it to run alone.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	tt := newTurns()
	var (
		floorRows []IngestRow
		floorErr  error
		done      = make(chan struct{})
	)
	go func() {
		defer close(done)
		floorRows, floorErr = ingestFloor(ctx, floorDriver, o.database, cfg, checkpoints, o.batchRows, tt, sideFloor)
		if floorErr != nil {
			cancel()
		}
	}()
	rows, err := ingestPipeline(ctx, sysServiceNeo4j, store, cfg, checkpoints, nil, tt, sideService)
	if err != nil {
		cancel()
	}
	<-done
	return append(floorRows, rows...), errors.Join(floorErr, err)
}
