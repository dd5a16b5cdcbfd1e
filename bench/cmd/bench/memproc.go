package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"time"

	"officialgraph/bench/gen"
	"officialgraph/internal/memstore"
)

// The service over the in-memory store runs in a process of its own, as it
// runs when deployed. At 100,000 reports the store is a heap of 2–3 GiB. In
// the benchmark's process every garbage collection would scan it, whichever
// system's requests had allocated, so the clients of the systems over Neo4j
// would pay for it in mark assists and CPU, and the store's collections
// would be set off by allocations that were not its own.
//
// The benchmark starts itself again with -serve-memstore. The parent writes
// a memSpec to the child's standard input; the child generates the corpus,
// ingests it through the real pipeline, serves it on a loopback port and
// writes a memReady line to its standard output. When the parent closes the
// child's standard input, the child stops serving, measures the store's
// heap, writes a memDone line and exits. A parent that dies closes it too,
// so the child never outlives the run.

// memServeFlag is the flag that makes the benchmark the child.
const memServeFlag = "serve-memstore"

// memSpec is what the child loads.
type memSpec struct {
	Size        int    `json:"size"`
	Seed        uint64 `json:"seed"`
	Checkpoints []int  `json:"checkpoints"`
	Pools       bool   `json:"pools"` // draw the shapes' arguments from the store
}

// memReady is the child's answer once it serves: what the ingest measured
// and where the service listens. Err is set instead when the child failed.
type memReady struct {
	URL       string      `json:"url"`
	Ingest    []IngestRow `json:"ingest"`
	Corpus    Corpus      `json:"corpus"`
	Pools     pools       `json:"pools,omitempty"`
	PoolNotes poolNotes   `json:"poolNotes"`
	Err       string      `json:"err,omitempty"`
}

// memDone is the child's last line: the heap the store held.
type memDone struct {
	HeapBytes uint64 `json:"heapBytes"`
}

// serveMemstore is the child: it reads a memSpec from in, loads and serves
// the store, writes a memReady line to out, and a memDone line once in is
// closed.
func serveMemstore(ctx context.Context, in io.Reader, out io.Writer) error {
	r := bufio.NewReader(in)
	var spec memSpec
	if err := json.NewDecoder(io.LimitReader(r, 1<<20)).Decode(&spec); err != nil {
		return fmt.Errorf("reading the spec: %w", err)
	}
	enc := json.NewEncoder(out)
	ready, mem, svc, err := loadMemstore(ctx, spec)
	if err != nil {
		ready.Err = err.Error()
		return errors.Join(err, enc.Encode(ready))
	}
	if err := enc.Encode(ready); err != nil {
		svc.Close()
		return err
	}
	// Serve until the parent closes the pipe (or dies).
	io.Copy(io.Discard, r)
	svc.Close()
	heap := storeHeap(func() {
		runtime.KeepAlive(mem)
		svc, mem = nil, nil
	})
	return enc.Encode(memDone{HeapBytes: heap})
}

// loadMemstore ingests the corpus spec names into a new store and serves it.
func loadMemstore(ctx context.Context, spec memSpec) (memReady, *memstore.Store, *server, error) {
	var ready memReady
	cfg := gen.Config{Seed: spec.Seed, Reports: spec.Size}
	g := gen.New(cfg)
	ready.Corpus.Cities, ready.Corpus.People = len(g.Cities()), g.Officials()
	mem := memstore.New()
	fmt.Fprintf(os.Stderr, "bench: ingest of %d reports into the in-memory store (process %d)\n", spec.Size, os.Getpid())
	rows, err := ingestPipeline(ctx, sysServiceMem, mem, cfg, spec.Checkpoints, &ready.Corpus)
	ready.Ingest = rows
	if err != nil {
		return ready, nil, nil, err
	}
	if ready.Corpus.Counts, err = mem.Counts(ctx); err != nil {
		return ready, nil, nil, err
	}
	if spec.Pools {
		if ready.Pools, ready.PoolNotes, err = drawPoolsFrom(ctx, mem); err != nil {
			return ready, nil, nil, err
		}
	}
	svc, err := serve(mem)
	if err != nil {
		return ready, nil, nil, err
	}
	ready.URL = svc.url
	return ready, mem, svc, nil
}

// memProc is the child, seen from the parent.
type memProc struct {
	memReady
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *json.Decoder
}

// startMemstore starts the child and waits until it serves the corpus spec
// names. Its progress goes to the parent's standard error.
func startMemstore(ctx context.Context, spec memSpec) (*memProc, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("the in-memory service: %w", err)
	}
	p := &memProc{cmd: exec.CommandContext(ctx, exe, "-"+memServeFlag)}
	p.cmd.Stderr = os.Stderr
	p.cmd.WaitDelay = 10 * time.Second
	if p.stdin, err = p.cmd.StdinPipe(); err != nil {
		return nil, err
	}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("the in-memory service: %w", err)
	}
	p.out = json.NewDecoder(stdout)
	fail := func(err error) (*memProc, error) {
		p.stdin.Close()
		p.cmd.Process.Kill()
		werr := p.cmd.Wait()
		return nil, fmt.Errorf("the in-memory service: %w", errors.Join(err, werr))
	}
	if err := json.NewEncoder(p.stdin).Encode(spec); err != nil {
		return fail(err)
	}
	if err := p.out.Decode(&p.memReady); err != nil {
		return fail(fmt.Errorf("no answer: %w", err))
	}
	if p.Err != "" {
		return fail(errors.New(p.Err))
	}
	return p, nil
}

// stop tells the child to stop serving and returns the heap its store
// held. It may be called once.
func (p *memProc) stop() (uint64, error) {
	p.stdin.Close()
	var done memDone
	derr := p.out.Decode(&done)
	if err := errors.Join(derr, p.cmd.Wait()); err != nil {
		return 0, fmt.Errorf("the in-memory service: %w", err)
	}
	return done.HeapBytes, nil
}

// kill stops the child without waiting for its heap; for error paths.
func (p *memProc) kill() {
	if p == nil || p.cmd.ProcessState != nil {
		return
	}
	p.stdin.Close()
	p.cmd.Process.Kill()
	p.cmd.Wait()
}

// memoryOf is the results' line for a store of size reports holding heap
// bytes.
func memoryOf(size int, heap uint64) *Memory {
	mib := float64(heap) / (1 << 20)
	return &Memory{Reports: size, HeapMiB: mib, Per100kMiB: mib * 100_000 / float64(size), Extrapolated: size < 100_000}
}
