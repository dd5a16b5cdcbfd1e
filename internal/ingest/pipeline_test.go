package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
)

// TestRunStopsWhenExtractionInterrupted checks that a report whose reading
// the context cuts short ends the run without being counted: it was
// neither written nor at fault.
func TestRunStopsWhenExtractionInterrupted(t *testing.T) {
	files, err := filepath.Glob("../../corpus/synthetic/hengyang-*.txt")
	if err != nil || len(files) != 3 {
		t.Fatalf("hengyang reports: %v, %v; want 3", files, err)
	}
	srcs, errs := Collect(files)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	calls := 0
	interrupt := func(ctx context.Context, text []byte, meta Meta, file string) (*Extraction, error) {
		calls++
		if calls == 2 {
			cancel() // as SIGTERM does, while the second report is read
		}
		return Extract(ctx, text, meta, file)
	}
	var events []Event
	p := &Pipeline{Store: memstore.New(), Extract: interrupt, Progress: func(ev Event) { events = append(events, ev) }}
	sum := p.Run(ctx, srcs)
	if sum.Reports != 1 || sum.Created != 1 || sum.Failed != 0 || len(sum.Errors) != 0 {
		t.Errorf("got %d reports (%d created, %d failed, errors %v), want 1 created and none failed", sum.Reports, sum.Created, sum.Failed, sum.Errors)
	}
	if len(events) != 1 {
		t.Errorf("got %d progress events, want 1: %+v", len(events), events)
	}
	if calls != 2 {
		t.Errorf("extractor called %d times, want 2: none after the context ended", calls)
	}
}

// TestExtractionJSONIngestsAsText checks that the JSON `extract --format
// json` prints for a report, ingested beside the report's text, gives the
// facts the text gives: the extractor's output and the pipeline's input are
// one type.
func TestExtractionJSONIngestsAsText(t *testing.T) {
	const name = "loudi-2020-02-26"
	srcs, errs := Collect([]string{"../../corpus/seed/" + name + ".txt"})
	if len(errs) > 0 || len(srcs) != 1 {
		t.Fatalf("Collect(seed) = %d sources, errors %v; want 1 source", len(srcs), errs)
	}
	src := srcs[0]
	e, err := Extract(t.Context(), src.Text, src.Meta, src.Path)
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := Facts(e, src.Meta, src.Text)
	if err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	b, err := json.Marshal([]*Extraction{e})
	if err != nil {
		t.Fatal(err)
	}
	for file, content := range map[string][]byte{name + ".json": b, name + ".txt": src.Text} {
		if err := os.WriteFile(filepath.Join(dir, file), content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	meta, err := os.ReadFile("../../corpus/seed/" + name + ".meta.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".meta.json"), meta, 0o644); err != nil {
		t.Fatal(err)
	}
	back, errs := Collect([]string{filepath.Join(dir, name+".json")})
	if len(errs) > 0 || len(back) != 1 || back[0].Extraction == nil {
		t.Fatalf("Collect(extraction JSON) = %+v, errors %v; want 1 extraction", back, errs)
	}
	got, _, err := Facts(back[0].Extraction, back[0].Meta, back[0].Text)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Errorf("facts of the extraction JSON differ from those of the text:\n got  %s\n want %s", g, w)
	}
}

// failOne is a store that fails every write including one report, as a
// database refusing it would: a batch holding it is written not at all.
type failOne struct {
	kg.Store
	id               string
	batches, singles int
}

var errRefused = errors.New("refused")

func (s *failOne) WriteReport(ctx context.Context, f *kg.ReportFacts) (kg.WriteResult, error) {
	s.singles++
	if f.Report.ID == s.id {
		return "", errRefused
	}
	return s.Store.WriteReport(ctx, f)
}

func (s *failOne) WriteReports(ctx context.Context, fs []*kg.ReportFacts) ([]kg.WriteResult, error) {
	s.batches++
	for _, f := range fs {
		if f.Report.ID == s.id {
			return nil, &kg.ReportError{ID: s.id, Err: errRefused}
		}
	}
	return s.Store.WriteReports(ctx, fs)
}

// TestRunBatchIsolatesAFailingReport checks that a report failing inside a
// batch fails alone: the batch's other reports are written one by one, the
// error names the report's file, and progress still comes in order.
func TestRunBatchIsolatesAFailingReport(t *testing.T) {
	files, err := filepath.Glob("../../corpus/synthetic/*.txt")
	if err != nil || len(files) < 10 {
		t.Fatalf("synthetic reports: %d, %v; want at least 10", len(files), err)
	}
	srcs, errs := Collect(files)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	const batch = 4
	clean := memstore.New()
	want := (&Pipeline{Store: clean, Extract: Extract, Batch: batch}).Run(t.Context(), srcs)
	if want.Failed != 0 || want.Created != len(srcs) {
		t.Fatalf("without a failure: %d created, %d failed (%v); want all %d created", want.Created, want.Failed, want.Errors, len(srcs))
	}

	const bad = 5 // in the second batch
	e, err := Extract(t.Context(), srcs[bad].Text, srcs[bad].Meta, srcs[bad].Path)
	if err != nil {
		t.Fatal(err)
	}
	f, _, err := Facts(e, srcs[bad].Meta, srcs[bad].Text)
	if err != nil {
		t.Fatal(err)
	}
	store := &failOne{Store: memstore.New(), id: f.Report.ID}
	var events []Event
	p := &Pipeline{Store: store, Extract: Extract, Batch: batch, Progress: func(ev Event) { events = append(events, ev) }}
	got := p.Run(t.Context(), srcs)

	if got.Created != len(srcs)-1 || got.Failed != 1 {
		t.Errorf("got %d created and %d failed, want %d created and 1 failed", got.Created, got.Failed, len(srcs)-1)
	}
	if len(got.Errors) != 1 || got.Errors[0].Path != srcs[bad].Path || !errors.Is(got.Errors[0], errRefused) {
		t.Errorf("errors %v, want one for %s wrapping %v", got.Errors, srcs[bad].Path, errRefused)
	}
	if wantBatches := (len(srcs) + batch - 1) / batch; store.batches != wantBatches || store.singles != batch {
		t.Errorf("%d batch writes and %d single writes, want %d batches and %d singles (the failing batch's reports)",
			store.batches, store.singles, wantBatches, batch)
	}
	if n, err := store.Store.Counts(t.Context()); err != nil || n.Reports != len(srcs)-1 {
		t.Errorf("store holds %d reports (%v), want %d", n.Reports, err, len(srcs)-1)
	}
	for i, ev := range events {
		if ev.Done != i+1 || ev.Path != srcs[i].Path {
			t.Errorf("event %d = {Done %d, Path %s}, want {Done %d, Path %s}", i, ev.Done, ev.Path, i+1, srcs[i].Path)
		}
	}
	if len(events) != len(srcs) {
		t.Errorf("%d progress events, want %d", len(events), len(srcs))
	}
}

// TestRunReadsAheadOfWrites checks that the next batch's reports are read
// while a batch is being written: the store's first write waits until the
// extractor has been called for the first report of the second batch, and
// gives up after a long while if that never comes.
func TestRunReadsAheadOfWrites(t *testing.T) {
	files, err := filepath.Glob("../../corpus/synthetic/*.txt")
	if err != nil || len(files) < 6 {
		t.Fatalf("synthetic reports: %d, %v; want at least 6", len(files), err)
	}
	srcs, errs := Collect(files[:6])
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	const batch = 3
	readNext := make(chan struct{})
	calls := 0
	extract := func(ctx context.Context, text []byte, meta Meta, file string) (*Extraction, error) {
		calls++
		if calls == batch+1 {
			close(readNext)
		}
		return Extract(ctx, text, meta, file)
	}
	store := &waitFirstWrite{Store: memstore.New(), until: readNext}
	sum := (&Pipeline{Store: store, Extract: extract, Batch: batch}).Run(t.Context(), srcs)
	if store.gaveUp {
		t.Errorf("the first batch's write waited %v for the second batch to be read, in vain", readAheadWait)
	}
	if sum.Created != len(srcs) || sum.Failed != 0 {
		t.Errorf("got %d created and %d failed (%v), want all %d created", sum.Created, sum.Failed, sum.Errors, len(srcs))
	}
}

// readAheadWait bounds how long waitFirstWrite waits; reading three
// reports takes milliseconds.
const readAheadWait = 20 * time.Second

// waitFirstWrite is a store whose first write waits for until, at most
// readAheadWait.
type waitFirstWrite struct {
	kg.Store
	until          <-chan struct{}
	waited, gaveUp bool
}

func (s *waitFirstWrite) WriteReports(ctx context.Context, fs []*kg.ReportFacts) ([]kg.WriteResult, error) {
	if !s.waited {
		s.waited = true
		select {
		case <-s.until:
		case <-time.After(readAheadWait):
			s.gaveUp = true
		}
	}
	return s.Store.WriteReports(ctx, fs)
}
