package main

import (
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"
)

// TestServeMemstore runs the in-memory service's side of the protocol over
// pipes: it must answer a spec with the corpus it loaded and a URL that
// answers every shape from the arguments it drew, then, once its input is
// closed, report the store's heap and return.
func TestServeMemstore(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		err := serveMemstore(ctx, inR, outW)
		outW.CloseWithError(io.EOF)
		errc <- err
	}()
	spec := memSpec{Size: 40, Seed: 3, Checkpoints: []int{20, 40}, Pools: true}
	if err := json.NewEncoder(inW).Encode(spec); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(outR)
	var ready memReady
	if err := dec.Decode(&ready); err != nil {
		t.Fatalf("reading the ready line: %v", err)
	}
	if ready.Err != "" {
		t.Fatalf("the service failed: %s", ready.Err)
	}
	if got := ready.Corpus.Reports; got != spec.Size {
		t.Errorf("corpus reports = %d, want %d", got, spec.Size)
	}
	if ready.Corpus.Counts.Officials == 0 || ready.Corpus.Counts.Meetings == 0 {
		t.Errorf("corpus counts = %+v, want officials and meetings", ready.Corpus.Counts)
	}
	if got := len(ready.Ingest); got != len(spec.Checkpoints) {
		t.Errorf("ingest rows = %d, want one per checkpoint (%d)", got, len(spec.Checkpoints))
	}
	svc := &graphqlSystem{label: sysServiceMem, url: ready.URL}
	for _, sh := range shapes {
		pool := ready.Pools[sh.name]
		if len(pool) == 0 {
			t.Errorf("%s: no arguments drawn", sh.name)
			continue
		}
		if _, err := svc.do(ctx, sh, pool[0], true); err != nil {
			t.Errorf("%s(%v): %v", sh.name, pool[0], err)
		}
	}

	inW.Close()
	var done memDone
	if err := dec.Decode(&done); err != nil {
		t.Fatalf("reading the done line: %v", err)
	}
	if done.HeapBytes == 0 {
		t.Error("heap = 0 bytes, want the store's heap")
	}
	if err := <-errc; err != nil {
		t.Fatalf("serveMemstore: %v", err)
	}
	if _, err := svc.do(ctx, shapes[0], ready.Pools[shapes[0].name][0], false); err == nil {
		t.Error("the service still answers after its input was closed")
	}
}

// TestServeMemstoreBadSpec checks that a spec that is not JSON is an error
// that says so, before anything is loaded.
func TestServeMemstoreBadSpec(t *testing.T) {
	var out strings.Builder
	err := serveMemstore(context.Background(), strings.NewReader("size=40\n"), &out)
	if err == nil || !strings.Contains(err.Error(), "reading the spec") {
		t.Errorf("err = %v, want an error reading the spec", err)
	}
	if out.Len() != 0 {
		t.Errorf("wrote %q, want nothing", out.String())
	}
}
