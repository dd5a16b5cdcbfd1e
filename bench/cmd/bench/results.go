package main

import (
	"time"

	"officialgraph/internal/kg"
)

// Results is everything one run measured; latest.json holds it as is and
// latest.md as tables.
type Results struct {
	Date    time.Time   `json:"date"`
	Machine Machine     `json:"machine"`
	Config  RunConfig   `json:"config"`
	Corpus  Corpus      `json:"corpus"`
	Ingest  []IngestRow `json:"ingest"`
	Memory  *Memory     `json:"memory,omitempty"`
	Queries []Cell      `json:"queries"`
	Answers []Answer    `json:"answers"`
	Plans   []Plan      `json:"plans"`
	Targets []Target    `json:"targets"`
	Notes   []string    `json:"notes"`
	Elapsed string      `json:"elapsed"`
}

// Machine describes where the run happened and how busy the machine was.
type Machine struct {
	Cores        int        `json:"cores"`
	CPU          string     `json:"cpu"`
	MemoryGiB    float64    `json:"memoryGiB"`
	OS           string     `json:"os"`
	LoadBefore   [3]float64 `json:"loadBefore"` // 1, 5 and 15 minute load averages
	LoadDuring   [3]float64 `json:"loadDuring"` // at the start of the query benchmark
	LoadAfter    [3]float64 `json:"loadAfter"`
	GoVersion    string     `json:"goVersion"`
	NodeVersion  string     `json:"nodeVersion,omitempty"`
	Neo4jVersion string     `json:"neo4jVersion"`
	PeerVersion  string     `json:"peerVersion,omitempty"` // @neo4j/graphql
	// GoRuntime is the Go runtime's settings from the environment
	// (GOGC=200 GOMEMLIMIT=8GiB), which the services' processes inherit;
	// empty when none is set.
	GoRuntime string `json:"goRuntime,omitempty"`
	// ServiceGoRuntime is the Go runtime's settings given to the services'
	// processes alone (-service-goruntime), over those they inherit.
	ServiceGoRuntime string `json:"serviceGoRuntime,omitempty"`
	// ServiceGCPercent is the collector's percent (GOGC; -1 for off) each
	// service's process served with, by system.
	ServiceGCPercent map[string]int `json:"serviceGCPercent,omitempty"`
}

// recordGC records the collector's percent the service sys served with.
func (m *Machine) recordGC(sys string, percent int) {
	if m.ServiceGCPercent == nil {
		m.ServiceGCPercent = map[string]int{}
	}
	m.ServiceGCPercent[sys] = percent
}

// RunConfig is how the run was asked for.
type RunConfig struct {
	Size        int      `json:"size"`
	Checkpoints []int    `json:"checkpoints"`
	Duration    string   `json:"duration"` // per cell
	Rounds      int      `json:"rounds"`
	Concurrency []int    `json:"concurrency"`
	Seed        uint64   `json:"seed"`
	BatchRows   int      `json:"batchRows"`
	Warmup      int      `json:"warmup"`                // reports written and deleted before the timed ingests
	QueryWarmup string   `json:"queryWarmup,omitempty"` // how long every system ran every shape before the first cell; empty for none
	Quick       bool     `json:"quick"`
	Systems     []string `json:"systems"`
	Neo4j       string   `json:"neo4j"` // how Neo4j was provided
	// IngestTurns is whether the floor's and the service's Neo4j ingests
	// took turns, each in a Neo4j of its own (ingestNeo4j), rather than
	// ran one after the other in the one given.
	IngestTurns bool `json:"ingestTurns"`
}

// Corpus is what was generated and stored.
type Corpus struct {
	Reports     int       `json:"reports"`
	Bytes       int64     `json:"bytes"`
	Traditional int       `json:"traditional"`
	Retold      int       `json:"retold"`
	Cities      int       `json:"cities"`
	People      int       `json:"people"` // invented officials, each counted once
	Failed      int       `json:"failed"` // reports the pipeline refused
	Counts      kg.Counts `json:"counts"` // as the Neo4j store counts them
}

// IngestRow is one ingest measurement: a system after so many reports.
type IngestRow struct {
	System         string  `json:"system"`
	Reports        int     `json:"reports"`
	Bytes          int64   `json:"bytes"`
	Seconds        float64 `json:"seconds"`        // timed part, from the first report
	ExtractSeconds float64 `json:"extractSeconds"` // in extraction, overlapping the writes
	WriteSeconds   float64 `json:"writeSeconds"`   // in store writes
	ReportsPerSec  float64 `json:"reportsPerSec"`
	MBPerSec       float64 `json:"mbPerSec"`
	WritePerSec    float64 `json:"writeReportsPerSec"` // reports per second of write time alone
	// The time of one write transaction (a service's batch of reports, or
	// a floor batch of rows), by percentile.
	WriteP50ms float64 `json:"writeP50ms"`
	WriteP99ms float64 `json:"writeP99ms"`
	WriteMaxMs float64 `json:"writeMaxMs"`
	Failed     int     `json:"failed"`
}

// Memory is the in-memory store's heap after loading the corpus.
type Memory struct {
	Reports      int     `json:"reports"`
	HeapMiB      float64 `json:"heapMiB"` // live heap after GC, store only
	Per100kMiB   float64 `json:"per100kMiB"`
	Extrapolated bool    `json:"extrapolated"` // measured at fewer than 100,000 reports
}

// Cell is one system answering one shape at one concurrency.
type Cell struct {
	Shape       string  `json:"shape"`
	System      string  `json:"system"`
	Concurrency int     `json:"concurrency"`
	Requests    int     `json:"requests"`
	Errors      int     `json:"errors"`
	Seconds     float64 `json:"seconds"`
	RPS         float64 `json:"rps"`
	P50ms       float64 `json:"p50ms"`
	P99ms       float64 `json:"p99ms"`
	NA          string  `json:"na,omitempty"` // why the system cannot answer the shape
	FirstError  string  `json:"firstError,omitempty"`
	// CPUPerRequestUs is the CPU each role's processes spent during the
	// cell's turns, per request answered, in µs (see cpu.go).
	CPUPerRequestUs map[string]float64 `json:"cpuPerRequestUs,omitempty"`
}

// Answer is what each system answered for a shape's first parameters, in
// brief, to show the systems do comparable work.
type Answer struct {
	Shape   string            `json:"shape"`
	Params  string            `json:"params"`
	Digests map[string]string `json:"digests"` // by system
}

// Plan is how Neo4j ran the queries one system sent for one request of a
// shape.
type Plan struct {
	Shape   string      `json:"shape"`
	System  string      `json:"system"`
	DbHits  int64       `json:"dbHits"`
	Queries []PlanQuery `json:"queries"`
	Scans   []string    `json:"scans"` // AllNodesScan / NodeByLabelScan operators, with their labels
	NA      string      `json:"na,omitempty"`
	// Timing, for the service's write of one report, tells the queries
	// from the commit.
	Timing *WriteTiming `json:"timing,omitempty"`
}

// WriteTiming is where the time of the service's WriteReport goes, as
// medians over a few reports: the whole call, and its queries and commit
// replayed on their own.
type WriteTiming struct {
	Reports   int     `json:"reports"`
	WriteMs   float64 `json:"writeMs"`
	QueriesMs float64 `json:"queriesMs"`
	CommitMs  float64 `json:"commitMs"`
	// PlanMs is the time Neo4j takes to plan the write's queries, with
	// its query caches cleared; QueryChars their length.
	PlanMs     float64 `json:"planMs"`
	QueryChars int     `json:"queryChars"`
}

// PlanQuery is one query of a plan.
type PlanQuery struct {
	Cypher string   `json:"cypher"`
	DbHits int64    `json:"dbHits"`
	Rows   int64    `json:"rows"`
	Scans  []string `json:"scans,omitempty"`
	Error  string   `json:"error,omitempty"`
}

// Target is one of the goals the run is measured against.
type Target struct {
	Name     string `json:"name"`
	Goal     string `json:"goal"`
	Measured string `json:"measured"`
	Met      *bool  `json:"met"` // nil: could not be measured
	Miss     string `json:"miss,omitempty"`
}
