// Command bench measures the service at scale, side by side with what it is
// held to: ingest into the in-memory store and into Neo4j through the real
// extractor, beside a floor that writes the same facts with plain UNWIND
// batches; six query shapes at several concurrencies through the service
// over Neo4j and over the in-memory store (a real HTTP server on loopback,
// each in a process of its own), through hand-written Cypher (the floor)
// and through @neo4j/graphql over the same data; and the Neo4j plans of
// every shape. It writes the results to latest.md and latest.json (-name
// chooses another name).
//
// Usage:
//
//	go run ./bench/cmd/bench [-size 1000] [-duration 10s] [-quick] [-out bench/results]
//	go run ./bench/cmd/bench -systems service/memstore -size 100000 -name memstore-100000
//
// With -systems service/memstore alone it measures the service over the
// in-memory store and nothing else: it starts no Neo4j and draws the
// queries' arguments from the in-memory store.
//
// Without NEO4J_URI it starts a Neo4j of its own with tools/neo4jdev (on a
// free port, in a directory of its own) and stops it at the end, and a
// second alike for the floor's ingest, which takes turns with the
// service's; with NEO4J_URI it uses that database, which it empties first,
// for both ingests one after the other: point it only at a database the
// benchmark may own, such as the one tools/test.sh starts.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"officialgraph/bench/boltcap"
	"officialgraph/bench/gen"
	"officialgraph/internal/gcpace"
	"officialgraph/internal/httpserver"
	"officialgraph/internal/ingest"
	"officialgraph/internal/kg"
	"officialgraph/internal/neo4jstore"
)

type options struct {
	size        int
	duration    time.Duration
	rounds      int
	concurrency []int
	seed        uint64
	batchRows   int
	warmup      int
	queryWarmup time.Duration
	out         string
	quick       bool
	peer        string
	shapes      string
	plans       bool
	systems     []string
	name        string
	cpuProfile  string
	// serviceEnv is the Go runtime's settings the services' processes
	// start with, over what they inherit (-service-goruntime).
	serviceEnv []string
	// pageCache is the page cache of the Neo4j the benchmark starts, in
	// neo4j.conf's form (-neo4j-pagecache).
	pageCache string
	uri       string
	user      string
	password  string
	database  string
}

// profileOf is the file for the CPU profile of the service over store, or
// "" for none.
func (o options) profileOf(store string) string {
	if o.cpuProfile == "" {
		return ""
	}
	return o.cpuProfile + "-" + store + ".pprof"
}

func main() {
	var o options
	var conc string
	flag.IntVar(&o.size, "size", 1000, "reports to generate and ingest")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "time each system runs each shape at each concurrency")
	flag.IntVar(&o.rounds, "rounds", 2, "rounds each cell's time is split into, alternating the systems")
	flag.StringVar(&conc, "concurrency", "1,16,64", "concurrencies, comma-separated")
	flag.Uint64Var(&o.seed, "seed", 1, "corpus seed")
	flag.IntVar(&o.batchRows, "batch", 5000, "rows per UNWIND batch of the ingest floor")
	flag.IntVar(&o.warmup, "warmup", 100, "reports of another seed written into Neo4j by the floor and by the service, then deleted, before either is timed; 0 for none (and with -quick)")
	flag.DurationVar(&o.queryWarmup, "query-warmup", time.Minute, "time every system runs every shape, round-robin in three passes, before the first cell is timed, so that the servers' JIT compilers (Neo4j's JVM, Node's V8) have compiled the queries' paths; 0 for none (and with -quick)")
	flag.StringVar(&o.pageCache, "neo4j-pagecache", "6g", "`SIZE` of the page cache of the Neo4j the benchmark starts (a number with k, m or g), which should hold the store, as Neo4j's sizing guidance asks: a run of 100,000 reports leaves 5.4 GiB of store files and indexes")
	flag.StringVar(&o.out, "out", "bench/results", "`DIR` for the results files")
	flag.BoolVar(&o.quick, "quick", false, "a small check that the harness works: concurrency 1 and 4, one round, no ingest checkpoints")
	flag.StringVar(&o.peer, "peer", "auto", "@neo4j/graphql peer: auto (when installed, or CI=true), on, off")
	flag.StringVar(&o.shapes, "shapes", "all", "shapes to run, comma-separated: "+strings.Join(shapeNames(), ", "))
	flag.BoolVar(&o.plans, "plans", true, "profile the Neo4j plans of every shape")
	systems := flag.String("systems", "all", "systems to measure, comma-separated: "+strings.Join(allSystems, ", ")+"; without one that reads Neo4j, no Neo4j is started")
	flag.StringVar(&o.name, "name", "latest", "base `NAME` of the results files: NAME.md and NAME.json")
	flag.StringVar(&o.cpuProfile, "service-cpuprofile", "", "write a CPU profile of each service's process, while it serves, to `PREFIX`-memstore.pprof and PREFIX-neo4j.pprof")
	serviceRuntime := flag.String("service-goruntime", "", "Go runtime `SETTINGS` for the services' processes alone, over those they inherit: space-separated KEY=VALUE of "+strings.Join(goRuntimeKeys, ", ")+" (\"GOGC=off GOMEMLIMIT=1GiB\")")
	render := flag.String("render", "", "only write `FILE`.md from the results FILE (a latest.json), measuring nothing")
	serveSvc := flag.Bool(serveFlag, false, "run as the service the benchmark measures: read what to serve from standard input (see serviceproc.go)")
	flag.Parse()
	if *serveSvc {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := serveService(ctx, os.Stdin, os.Stdout)
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench: service:", err)
			os.Exit(1)
		}
		return
	}
	if *render != "" {
		if err := rerender(*render); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	o.uri = os.Getenv("NEO4J_URI")
	o.user, o.password, o.database = os.Getenv("NEO4J_USER"), os.Getenv("NEO4J_PASSWORD"), os.Getenv("NEO4J_DATABASE")
	if o.database == "" {
		o.database = "neo4j"
	}
	if o.quick {
		if !flagSet("concurrency") {
			conc = "1,4"
		}
		if !flagSet("rounds") {
			o.rounds = 1
		}
	}
	for _, c := range strings.Split(conc, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "bench: -concurrency: %q is not a positive number\n", c)
			os.Exit(2)
		}
		o.concurrency = append(o.concurrency, n)
	}
	if *systems == "" || *systems == "all" {
		o.systems = allSystems
	} else {
		for _, n := range strings.Split(*systems, ",") {
			n = strings.TrimSpace(n)
			if !slices.Contains(allSystems, n) {
				fmt.Fprintf(os.Stderr, "bench: -systems: no system %q (systems: %s)\n", n, strings.Join(allSystems, ", "))
				os.Exit(2)
			}
			o.systems = append(o.systems, n)
		}
	}
	env, err := parseGoRuntime(*serviceRuntime)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench: -service-goruntime:", err)
		os.Exit(2)
	}
	o.serviceEnv = env
	if o.name == "" || strings.ContainsAny(o.name, `/\`) {
		fmt.Fprintln(os.Stderr, "bench: -name must be a file name without a directory")
		os.Exit(2)
	}
	if o.size < 10 || o.rounds < 1 || o.duration <= 0 {
		fmt.Fprintln(os.Stderr, "bench: -size must be at least 10, -rounds at least 1, -duration positive")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// findRoot returns the module's root: the working directory or the first
// parent holding go.mod.
func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod above %s", dir)
		}
	}
}

func run(ctx context.Context, o options) (err error) {
	began := time.Now()
	root, err := findRoot()
	if err != nil {
		return err
	}
	shs, err := selectShapes(o.shapes)
	if err != nil {
		return err
	}
	res := &Results{Date: began.UTC().Truncate(time.Second), Machine: machine()}
	res.Machine.ServiceGoRuntime = strings.Join(o.serviceEnv, " ")
	res.Machine.LoadBefore = loadAvg()
	res.Config = RunConfig{
		Size: o.size, Duration: o.duration.String(), Rounds: o.rounds, Concurrency: o.concurrency,
		Seed: o.seed, BatchRows: o.batchRows, Quick: o.quick, Checkpoints: checkpointsFor(o.size),
	}
	if o.quick {
		res.Config.Checkpoints = []int{o.size}
		o.warmup = 0
		o.queryWarmup = 0
	}
	res.Config.Warmup = o.warmup
	if o.queryWarmup > 0 {
		res.Config.QueryWarmup = o.queryWarmup.String()
	}

	if !o.needsNeo4j() {
		return runMemstore(ctx, o, res, shs, began)
	}

	// Neo4j: the one given, or one of our own, with a second of our own for
	// the floor's ingest (ingestNeo4j).
	uri := o.uri
	var floorNeo *neo4jdev
	if uri == "" {
		fmt.Fprintln(os.Stderr, "bench: starting Neo4j (tools/neo4jdev), and a second for the floor's ingest")
		n, err := startNeo4j(ctx, root, o.pageCache)
		if err != nil {
			return err
		}
		defer n.stop()
		if n.pid > 0 {
			watch(roleNeo4j, n.pid)
		}
		uri = n.URI
		if floorNeo, err = startNeo4j(ctx, root, o.pageCache); err != nil {
			return err
		}
		defer floorNeo.stop()
		res.Config.Neo4j = "started by the benchmark (tools/neo4jdev: " + o.pageCache + " page cache, 1 GiB heap, Bolt keep-alive while streaming only)"
		res.Config.IngestTurns = true
	} else {
		fmt.Fprintf(os.Stderr, "bench: using the Neo4j at %s (NEO4J_URI), which is emptied first\n", uri)
		res.Config.Neo4j = "given by NEO4J_URI (emptied first)"
	}
	auth := neo4j.NoAuth()
	if o.user != "" {
		auth = neo4j.BasicAuth(o.user, o.password, "")
	}
	driver, err := neo4j.NewDriverWithContext(uri, auth, func(c *config.Config) { c.MaxConnectionPoolSize = 128 })
	if err != nil {
		return err
	}
	defer driver.Close(context.WithoutCancel(ctx))
	res.Machine.Neo4jVersion = neo4jVersion(ctx, driver)
	if err := wipe(ctx, driver, o.database); err != nil {
		return err
	}
	store, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri, User: o.user, Password: o.password, Database: o.database})
	if err != nil {
		return fmt.Errorf("opening the Neo4j store: %w", err)
	}
	defer store.Close(context.WithoutCancel(ctx))

	floorDriver := driver
	if floorNeo != nil {
		// The floor writes under the indexes and constraints the store
		// keeps, as it does in one server: opening a store makes them.
		fs, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: floorNeo.URI, User: o.user, Password: o.password, Database: o.database})
		if err != nil {
			return fmt.Errorf("making the store's schema in the floor's Neo4j: %w", err)
		}
		fs.Close(ctx)
		if floorDriver, err = neo4j.NewDriverWithContext(floorNeo.URI, auth); err != nil {
			return err
		}
		defer floorDriver.Close(context.WithoutCancel(ctx))
	}
	if err := warmUp(ctx, floorDriver, driver, store, o); err != nil {
		return err
	}

	// Ingest.
	cfg := gen.Config{Seed: o.seed, Reports: o.size}
	mem, err := startService(ctx, serviceSpec{Size: o.size, Seed: o.seed, Checkpoints: res.Config.Checkpoints, CPUProfile: o.profileOf("memstore")}, o.serviceEnv)
	if err != nil {
		return err
	}
	defer mem.kill()
	res.Machine.recordGC(sysServiceMem, mem.GCPercent)
	res.Ingest = append(res.Ingest, mem.Ingest...)
	res.Corpus = mem.Corpus
	// The service's pipeline writes here, in the benchmark's process, and is
	// paced as `officialgraph ingest` paces itself over Neo4j (gcpace); the
	// floor's writer shares the process, and so the pace.
	restorePace, _ := gcpace.ForRemoteStore(os.Getenv)
	res.Notes = append(res.Notes, fmt.Sprintf("The ingests into Neo4j ran with the benchmark's collector at %s, as `officialgraph ingest` runs over Neo4j; the floor's writer shares the process.", gogc(gcpace.Percent())))
	rows, err := ingestNeo4j(ctx, floorDriver, driver, store, cfg, res.Config.Checkpoints, o)
	restorePace()
	res.Ingest = append(res.Ingest, rows...)
	if err != nil {
		return err
	}
	if floorNeo != nil {
		// Its memory and its CPU are the queries' from here on.
		floorDriver.Close(ctx)
		floorNeo.stop()
	}
	if res.Corpus.Counts, err = store.Counts(ctx); err != nil {
		return err
	}

	// Queries.
	p, notes, err := drawPools(ctx, driver, o.database)
	if err != nil {
		return err
	}
	res.Notes = append(res.Notes, notes.describe(p))
	svcNeo, err := startService(ctx, serviceSpec{Neo4j: &neo4jConn{URI: uri, User: o.user, Password: o.password, Database: o.database}, CPUProfile: o.profileOf("neo4j")}, o.serviceEnv)
	if err != nil {
		return err
	}
	defer svcNeo.kill()
	res.Machine.recordGC(sysServiceNeo4j, svcNeo.GCPercent)
	systems := o.chosen([]system{
		&graphqlSystem{label: sysServiceNeo4j, url: svcNeo.URL},
		&graphqlSystem{label: sysServiceMem, url: mem.URL},
		&cypherSystem{driver: driver, database: o.database},
	})
	peerDir := filepath.Join(root, "bench", "peer")
	usePeer, why := o.peer != "off", "turned off with -peer off"
	if !slices.Contains(o.systems, sysPeer) {
		usePeer, why = false, "not chosen with -systems"
	}
	if usePeer {
		usePeer, why = peerReady(ctx, peerDir)
		if !usePeer && o.peer == "on" {
			return fmt.Errorf("the @neo4j/graphql peer cannot run: %s", why)
		}
	}
	var peerProcess *peerProc
	if usePeer {
		peerProcess, err = startPeer(peerDir, uri, o.database)
		if err != nil {
			return err
		}
		defer peerProcess.stop()
		systems = append(systems, &graphqlSystem{label: sysPeer, url: peerProcess.URL, peer: true})
		res.Machine.PeerVersion = peerVersion(peerDir)
	} else {
		res.Notes = append(res.Notes, "The @neo4j/graphql peer did not run: "+why+".")
	}
	for _, s := range systems {
		res.Config.Systems = append(res.Config.Systems, s.name())
	}
	res.Machine.LoadDuring = loadAvg()
	var settled string
	res.Queries, res.Answers, settled = runQueries(ctx, systems, shs, p, o)
	res.Notes = append(res.Notes, settled)

	// Plans.
	if o.plans {
		fmt.Fprintln(os.Stderr, "bench: profiling the Neo4j plans")
		plans, err := plans(ctx, uri, o, driver, shs, p, usePeer, peerDir)
		if err != nil {
			res.Notes = append(res.Notes, "Plans could not be captured: "+err.Error())
		}
		res.Plans = plans
	}

	// The in-memory store's heap, measured once nothing needs the store.
	if _, err := svcNeo.stop(); err != nil {
		return err
	}
	heap, err := mem.stop()
	if err != nil {
		return err
	}
	res.Memory = memoryOf(o.size, heap)

	res.Machine.LoadAfter = loadAvg()
	res.Targets = targets(res)
	res.Elapsed = time.Since(began).Round(time.Second).String()
	return write(o.out, o.name, res)
}

// allSystems are the systems -systems chooses from.
var allSystems = []string{sysServiceNeo4j, sysServiceMem, sysFloor, sysPeer}

// needsNeo4j reports whether a chosen system reads Neo4j.
func (o options) needsNeo4j() bool {
	return slices.ContainsFunc(o.systems, func(s string) bool { return s != sysServiceMem })
}

// chosen keeps the systems -systems chose.
func (o options) chosen(systems []system) []system {
	return slices.DeleteFunc(systems, func(s system) bool { return !slices.Contains(o.systems, s.name()) })
}

// runMemstore is the run when only the service over the in-memory store is
// measured: no Neo4j, no floor and no plans; the arguments are drawn from
// the in-memory store.
func runMemstore(ctx context.Context, o options, res *Results, shs []*shape, began time.Time) error {
	res.Config.Neo4j = "not used: only service/memstore was measured"
	mem, err := startService(ctx, serviceSpec{Size: o.size, Seed: o.seed, Checkpoints: res.Config.Checkpoints, Pools: true, CPUProfile: o.profileOf("memstore")}, o.serviceEnv)
	if err != nil {
		return err
	}
	defer mem.kill()
	res.Machine.recordGC(sysServiceMem, mem.GCPercent)
	res.Ingest = append(res.Ingest, mem.Ingest...)
	res.Corpus = mem.Corpus
	res.Notes = append(res.Notes, "Only service/memstore was measured (-systems): the corpus counts are the in-memory store's, and the arguments were drawn from it.")
	p := mem.Pools
	res.Notes = append(res.Notes, mem.PoolNotes.describe(p))
	systems := []system{&graphqlSystem{label: sysServiceMem, url: mem.URL}}
	for _, s := range systems {
		res.Config.Systems = append(res.Config.Systems, s.name())
	}
	res.Machine.LoadDuring = loadAvg()
	var settled string
	res.Queries, res.Answers, settled = runQueries(ctx, systems, shs, p, o)
	res.Notes = append(res.Notes, settled)

	// The in-memory store's heap, measured once nothing needs the store.
	heap, err := mem.stop()
	if err != nil {
		return err
	}
	res.Memory = memoryOf(o.size, heap)

	res.Machine.LoadAfter = loadAvg()
	res.Targets = targets(res)
	res.Elapsed = time.Since(began).Round(time.Second).String()
	return write(o.out, o.name, res)
}

// runQueries runs every shape on every system at every concurrency,
// alternating the systems round by round. First it asks each system for
// each shape's answer once, then it warms them all up (warmUpQueries).
// Each turn starts once the machine is quiet (settle); the note it returns
// says how long that took and how many turns started without.
func runQueries(ctx context.Context, systems []system, shs []*shape, p pools, o options) ([]Cell, []Answer, string) {
	var turns, unsettled int
	var waited time.Duration
	var cells []Cell
	var answers []Answer
	per := o.duration / time.Duration(o.rounds)
	warm := min(time.Second, o.duration/2)
	if o.quick {
		warm = min(warm, 200*time.Millisecond)
	}
	nas := make([]map[string]string, len(shs))
	for j, sh := range shs {
		ans := Answer{Shape: sh.name, Params: p[sh.name][0].String(), Digests: map[string]string{}}
		na := map[string]string{}
		for _, s := range systems {
			d, err := s.do(ctx, sh, p[sh.name][0], true)
			switch {
			case errors.Is(err, errNA):
				na[s.name()] = "no equivalent query"
			case err != nil:
				na[s.name()] = trim(err.Error(), 200)
			default:
				ans.Digests[s.name()] = d
			}
		}
		answers = append(answers, ans)
		nas[j] = na
	}
	warmUpQueries(ctx, systems, shs, nas, p, o)
	for j, sh := range shs {
		pool, na := p[sh.name], nas[j]
		for _, s := range systems {
			if na[s.name()] == "" {
				var run cellRun
				load(ctx, s, sh, pool, 4, warm, 0, &run)
			}
		}
		for _, c := range o.concurrency {
			runs := make([]cellRun, len(systems))
			for r := range o.rounds {
				for k := range systems {
					i := (k + r) % len(systems)
					s := systems[i]
					if na[s.name()] != "" || ctx.Err() != nil {
						continue
					}
					began := time.Now()
					if !settle(settleLimit) {
						unsettled++
					}
					waited += time.Since(began)
					turns++
					load(ctx, s, sh, pool, c, per, r*7919, &runs[i])
				}
			}
			for i, s := range systems {
				cell := runs[i].cell(sh.name, s.name(), c)
				cell.NA = na[s.name()]
				cells = append(cells, cell)
				if cell.NA != "" {
					fmt.Fprintf(os.Stderr, "bench: %-18s %-17s c=%-3d n/a: %s\n", sh.name, s.name(), c, cell.NA)
					continue
				}
				fmt.Fprintf(os.Stderr, "bench: %-18s %-17s c=%-3d %8.1f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d\n",
					sh.name, s.name(), c, cell.RPS, cell.P50ms, cell.P99ms, cell.Errors)
			}
		}
	}
	note := fmt.Sprintf("Each timed turn started once the processes other than the benchmark's own had used under a tenth of a core for %s, waiting at most %s: the %d turns waited %s in all, and %d started before that.",
		settleWindow, settleLimit, turns, waited.Round(time.Second), unsettled)
	return cells, answers, note
}

// warmUpPasses is how many times warmUpQueries goes round every shape and
// system.
const warmUpPasses = 3

// warmUpQueries runs every shape that a system answers on that system for
// o.queryWarmup in all, in passes round all of them, at the highest
// concurrency asked for up to 16; nothing it measures is kept.
//
// Neo4j runs on a JVM, and @neo4j/graphql on Node: both compile a code
// path to machine code only once it has run many times. Without this,
// the first cells run while they compile and the later ones after, so a
// cell measures how far compilation had got as much as the system: over
// Neo4j at 1,000 reports, a query ran at about a third of the rate it
// reached a minute later (bench/README.md). Each pass visits the systems
// in the same order within a shape, and every system gets the same time.
func warmUpQueries(ctx context.Context, systems []system, shs []*shape, nas []map[string]string, p pools, o options) {
	if o.queryWarmup <= 0 {
		return
	}
	var runs int
	for j := range shs {
		for _, s := range systems {
			if nas[j][s.name()] == "" {
				runs++
			}
		}
	}
	if runs == 0 {
		return
	}
	conc := 1
	for _, c := range o.concurrency {
		conc = max(conc, min(c, 16))
	}
	each := o.queryWarmup / time.Duration(warmUpPasses*runs)
	fmt.Fprintf(os.Stderr, "bench: warming up: %d passes over %d shape-system pairs, %s each at concurrency %d\n", warmUpPasses, runs, each.Round(time.Millisecond), conc)
	for pass := range warmUpPasses {
		for j, sh := range shs {
			for _, s := range systems {
				if nas[j][s.name()] != "" || ctx.Err() != nil {
					continue
				}
				var run cellRun
				load(ctx, s, sh, p[sh.name], conc, each, pass*104729, &run)
			}
		}
	}
}

// plans profiles the shapes' queries, capturing the service's and the
// peer's through a Bolt proxy.
func plans(ctx context.Context, uri string, o options, driver neo4j.DriverWithContext, shs []*shape, p pools, usePeer bool, peerDir string) ([]Plan, error) {
	host := strings.TrimPrefix(strings.TrimPrefix(uri, "bolt://"), "neo4j://")
	host, _, _ = strings.Cut(host, "/")
	proxy, err := boltcap.Listen(host)
	if err != nil {
		return nil, err
	}
	defer proxy.Close()
	proxied := "bolt://" + proxy.Addr()
	st, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: proxied, User: o.user, Password: o.password, Database: o.database})
	if err != nil {
		return nil, err
	}
	defer st.Close(context.WithoutCancel(ctx))
	srv, err := serve(st)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	targets := []planTarget{
		{sys: &graphqlSystem{label: sysServiceNeo4j, url: srv.url}, proxy: proxy},
		{sys: &cypherSystem{driver: driver, database: o.database}},
	}
	if usePeer {
		pp, err := startPeer(peerDir, proxied, o.database)
		if err != nil {
			return nil, err
		}
		defer pp.stop()
		targets = append(targets, planTarget{sys: &graphqlSystem{label: sysPeer, url: pp.URL, peer: true}, proxy: proxy})
	}
	out := capturePlans(ctx, driver, o.database, targets, shs, p)
	n := 5
	if o.quick {
		n = 1
	}
	if facts := extraReports(o.seed, n); len(facts) > 0 {
		out = append(out, profileWrites(ctx, driver, o.database, proxy, st, facts)...)
	}
	return out, nil
}

// extraReports returns the facts of n reports the corpus does not hold, in
// the same invented world: meetings of places the corpus tells of, on other
// days.
func extraReports(seed uint64, n int) []*kg.ReportFacts {
	var out []*kg.ReportFacts
	g := gen.New(gen.Config{Seed: seed, Reports: n + 1})
	g.Next() // the corpus's first report
	for r, ok := g.Next(); ok; r, ok = g.Next() {
		e, err := ingest.Extract(context.Background(), r.Text, r.IngestMeta(), r.Name+".txt")
		if err != nil {
			continue
		}
		if f, _, err := ingest.Facts(e, r.IngestMeta(), r.Text); err == nil {
			out = append(out, f)
		}
	}
	return out
}

// server is the service's HTTP handler on a loopback port.
type server struct {
	*http.Server
	url string
}

// serve starts the service's HTTP handler over store on a free loopback
// port, with the configuration it runs with but no rate limit and no
// access log.
func serve(store kg.Store) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{
		Server: &http.Server{
			Handler:           httpserver.New(store, slog.New(slog.DiscardHandler), serviceConfig()),
			ReadHeaderTimeout: 10 * time.Second,
			IdleTimeout:       120 * time.Second,
		},
		url: "http://" + ln.Addr().String() + "/graphql",
	}
	go s.Serve(ln)
	return s, nil
}

// write writes NAME.json and NAME.md.
func write(dir, name string, res *Results) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, name+".json"), append(b, '\n'), 0o644); err != nil {
		return err
	}
	md := markdownNamed(res, name)
	if err := os.WriteFile(filepath.Join(dir, name+".md"), []byte(md), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "bench: wrote %s and %s\n", filepath.Join(dir, name+".md"), filepath.Join(dir, name+".json"))
	return nil
}

// rerender writes the Markdown of a results file again, next to it.
func rerender(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var res Results
	if err := json.Unmarshal(b, &res); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	base := strings.TrimSuffix(path, ".json")
	return os.WriteFile(base+".md", []byte(markdownNamed(&res, filepath.Base(base))), 0o644)
}

// markdownNamed is markdown naming the results file NAME.json it goes
// with.
func markdownNamed(res *Results, name string) string {
	return strings.Replace(markdown(res), "`latest.json`", "`"+name+".json`", 1)
}
