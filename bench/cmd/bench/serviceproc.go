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
	"runtime/pprof"
	"time"

	"officialgraph/bench/gen"
	"officialgraph/internal/gcpace"
	"officialgraph/internal/kg"
	"officialgraph/internal/memstore"
	"officialgraph/internal/neo4jstore"
)

// The service runs in a process of its own, as it runs when deployed, over
// either store. The peer runs in its own (Node) process too, so neither
// service shares a runtime with the benchmark's clients. And at 100,000
// reports the in-memory store is a heap of 2–3 GiB: in the benchmark's
// process every garbage collection would scan it, whichever system's
// requests had allocated, and the clients of the other systems would pay
// for it in mark assists.
//
// The benchmark starts itself again with -serve. The parent writes a
// serviceSpec to the child's standard input. The child opens the Neo4j the
// spec names, or generates the corpus and ingests it into an in-memory
// store through the real pipeline; it serves the store on a loopback port
// and writes a serviceReady line to its standard output. When the parent
// closes the child's standard input, the child stops serving, measures the
// in-memory store's heap, writes a serviceDone line and exits. A parent
// that dies closes it too, so the child never outlives the run.

// serveFlag is the flag that makes the benchmark the child.
const serveFlag = "serve"

// serviceSpec is what the child serves: the Neo4j in Neo4j, or else an
// in-memory store holding the corpus of Size reports of Seed.
type serviceSpec struct {
	Neo4j       *neo4jConn `json:"neo4j,omitempty"`
	Size        int        `json:"size"`
	Seed        uint64     `json:"seed"`
	Checkpoints []int      `json:"checkpoints"`
	Pools       bool       `json:"pools"`                // draw the shapes' arguments from the in-memory store
	CPUProfile  string     `json:"cpuProfile,omitempty"` // file for a CPU profile taken while the child serves
}

// neo4jConn is where a Neo4j database is.
type neo4jConn struct {
	URI      string `json:"uri"`
	User     string `json:"user"`
	Password string `json:"password"`
	Database string `json:"database"`
}

// serviceReady is the child's answer once it serves: where, and what
// loading the in-memory store measured. Err is set instead when the child
// failed.
type serviceReady struct {
	URL       string      `json:"url"`
	Ingest    []IngestRow `json:"ingest,omitempty"`
	Corpus    Corpus      `json:"corpus"`
	Pools     pools       `json:"pools,omitempty"`
	PoolNotes poolNotes   `json:"poolNotes"`
	// GCPercent is the collector's percent (GOGC; -1 for off) the child
	// serves with: the service paces its own over Neo4j (gcpace).
	GCPercent int    `json:"gcPercent"`
	Err       string `json:"err,omitempty"`
}

// serviceDone is the child's last line: the heap the in-memory store held
// (0 over Neo4j).
type serviceDone struct {
	HeapBytes uint64 `json:"heapBytes"`
}

// serveService is the child: it reads a serviceSpec from in, opens or
// loads the store and serves it, writes a serviceReady line to out, and a
// serviceDone line once in is closed.
func serveService(ctx context.Context, in io.Reader, out io.Writer) error {
	r := bufio.NewReader(in)
	var spec serviceSpec
	if err := json.NewDecoder(io.LimitReader(r, 1<<20)).Decode(&spec); err != nil {
		return fmt.Errorf("reading the spec: %w", err)
	}
	enc := json.NewEncoder(out)
	var (
		ready serviceReady
		store kg.Store
		err   error
	)
	if c := spec.Neo4j; c != nil {
		var st *neo4jstore.Store
		st, err = neo4jstore.Open(ctx, neo4jstore.Config{URI: c.URI, User: c.User, Password: c.Password, Database: c.Database})
		if err == nil {
			store = st
		}
		// Paced as the service paces itself over Neo4j.
		restore, _ := gcpace.ForRemoteStore(os.Getenv)
		defer restore()
	} else {
		ready, store, err = loadMemstore(ctx, spec)
	}
	var svc *server
	if err == nil {
		svc, err = serve(store)
	}
	if err != nil {
		if store != nil {
			store.Close(context.WithoutCancel(ctx))
		}
		ready.Err = err.Error()
		return errors.Join(err, enc.Encode(ready))
	}
	ready.URL = svc.url
	ready.GCPercent = gcpace.Percent()
	stopProfile, err := startCPUProfile(spec.CPUProfile)
	if err == nil {
		err = enc.Encode(ready)
	}
	if err != nil {
		stopProfile()
		svc.Close()
		store.Close(context.WithoutCancel(ctx))
		return err
	}
	// Serve until the parent closes the pipe (or dies).
	io.Copy(io.Discard, r)
	stopProfile()
	svc.Close()
	var done serviceDone
	if spec.Neo4j != nil {
		store.Close(context.WithoutCancel(ctx))
	} else {
		done.HeapBytes = storeHeap(func() {
			runtime.KeepAlive(store)
			svc, store = nil, nil
		})
	}
	return enc.Encode(done)
}

// startCPUProfile starts a CPU profile written to file, when file is set,
// and returns the function that stops it.
func startCPUProfile(file string) (stop func(), err error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return func() {}, fmt.Errorf("the CPU profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}, fmt.Errorf("the CPU profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// loadMemstore ingests the corpus spec names into a new in-memory store.
func loadMemstore(ctx context.Context, spec serviceSpec) (serviceReady, kg.Store, error) {
	var ready serviceReady
	cfg := gen.Config{Seed: spec.Seed, Reports: spec.Size}
	g := gen.New(cfg)
	ready.Corpus.Cities, ready.Corpus.People = len(g.Cities()), g.Officials()
	mem := memstore.New()
	fmt.Fprintf(os.Stderr, "bench: ingest of %d reports into the in-memory store (process %d)\n", spec.Size, os.Getpid())
	rows, err := ingestPipeline(ctx, sysServiceMem, mem, cfg, spec.Checkpoints, &ready.Corpus, nil, sideService)
	ready.Ingest = rows
	if err != nil {
		return ready, nil, err
	}
	if ready.Corpus.Counts, err = mem.Counts(ctx); err != nil {
		return ready, nil, err
	}
	if spec.Pools {
		if ready.Pools, ready.PoolNotes, err = drawPoolsFrom(ctx, mem); err != nil {
			return ready, nil, err
		}
	}
	return ready, mem, nil
}

// serviceProc is the child, seen from the parent.
type serviceProc struct {
	serviceReady
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *json.Decoder
}

// serviceCommand is the command of the child: exe serving, with env over
// the environment it inherits.
func serviceCommand(ctx context.Context, exe string, env []string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, exe, "-"+serveFlag)
	if len(env) > 0 {
		// Of a key set twice, the child sees the last value.
		cmd.Env = append(os.Environ(), env...)
	}
	return cmd
}

// startService starts the child, with env over the environment it
// inherits, and waits until it serves what spec names. Its progress goes
// to the parent's standard error.
func startService(ctx context.Context, spec serviceSpec, env []string) (*serviceProc, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("the service's process: %w", err)
	}
	p := &serviceProc{cmd: serviceCommand(ctx, exe, env)}
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
		return nil, fmt.Errorf("the service's process: %w", err)
	}
	role := sysServiceMem
	if spec.Neo4j != nil {
		role = sysServiceNeo4j
	}
	watch(role, p.cmd.Process.Pid)
	p.out = json.NewDecoder(stdout)
	fail := func(err error) (*serviceProc, error) {
		p.stdin.Close()
		p.cmd.Process.Kill()
		werr := p.cmd.Wait()
		return nil, fmt.Errorf("the service's process: %w", errors.Join(err, werr))
	}
	if err := json.NewEncoder(p.stdin).Encode(spec); err != nil {
		return fail(err)
	}
	if err := p.out.Decode(&p.serviceReady); err != nil {
		return fail(fmt.Errorf("no answer: %w", err))
	}
	if p.Err != "" {
		return fail(errors.New(p.Err))
	}
	return p, nil
}

// stop tells the child to stop serving and returns the heap its in-memory
// store held. It may be called once.
func (p *serviceProc) stop() (uint64, error) {
	p.stdin.Close()
	var done serviceDone
	derr := p.out.Decode(&done)
	if err := errors.Join(derr, p.cmd.Wait()); err != nil {
		return 0, fmt.Errorf("the service's process: %w", err)
	}
	return done.HeapBytes, nil
}

// kill stops the child without waiting for its answer; for error paths.
func (p *serviceProc) kill() {
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
