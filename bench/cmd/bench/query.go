package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/bench/floor"
)

// The systems compared.
const (
	sysServiceNeo4j = "service/neo4j"
	sysServiceMem   = "service/memstore"
	sysFloor        = "cypher"
	sysPeer         = "neo4j-graphql"
)

// system answers shapes.
type system interface {
	name() string
	// do answers a shape for args; with digest it also sums the answer up.
	do(ctx context.Context, sh *shape, a args, digest bool) (string, error)
}

// httpClient is shared by the HTTP systems, with enough idle connections
// for the highest concurrency.
var httpClient = &http.Client{
	Transport: &http.Transport{
		MaxIdleConns:        512,
		MaxIdleConnsPerHost: 512,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	},
	Timeout: 60 * time.Second,
}

// graphqlSystem POSTs GraphQL to a server: the service or the peer.
type graphqlSystem struct {
	label string
	url   string
	peer  bool
}

func (s *graphqlSystem) name() string { return s.label }

type gqlResponse struct {
	Data   any `json:"data"`
	Errors []struct {
		Message string `json:"message"`
	} `json:"errors"`
}

func (s *graphqlSystem) do(ctx context.Context, sh *shape, a args, digest bool) (string, error) {
	query, vars := sh.service, map[string]any(a)
	if s.peer {
		if sh.peer == "" {
			return "", errNA
		}
		query = sh.peer
		if sh.peerVars != nil {
			vars = sh.peerVars(a)
		}
	}
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := httpClient.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return "", err
	}
	var out gqlResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		return "", fmt.Errorf("HTTP %d: %.200s", res.StatusCode, raw)
	}
	if len(out.Errors) > 0 {
		return "", &gqlError{msg: out.Errors[0].Message}
	}
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("HTTP %d: %.200s", res.StatusCode, raw)
	}
	if !digest {
		return "", nil
	}
	if s.peer {
		return sh.peerDigest(out.Data), nil
	}
	return sh.serviceDigest(out.Data), nil
}

// gqlError is an error in a GraphQL answer: the system cannot answer the
// shape (yet), rather than failing under load.
type gqlError struct{ msg string }

func (e *gqlError) Error() string { return e.msg }

var errNA = errors.New("no equivalent query")

// cypherSystem runs the floor's Cypher through the Go driver.
type cypherSystem struct {
	driver   neo4j.DriverWithContext
	database string
}

func (s *cypherSystem) name() string { return sysFloor }

func (s *cypherSystem) do(ctx context.Context, sh *shape, a args, digest bool) (string, error) {
	recs, err := floor.Query(ctx, s.driver, s.database, sh.cypher, sh.cypherParams(a))
	if err != nil {
		return "", err
	}
	if !digest {
		return "", nil
	}
	return sh.floorDigest(recs), nil
}

// cellRun is the raw outcome of running one cell, possibly in several
// rounds.
type cellRun struct {
	latencies []time.Duration
	errors    int
	firstErr  string
	elapsed   time.Duration
	cpu       map[string]time.Duration // by role, over the run's turns
}

// load runs a system on a shape with conc workers for d, cycling through
// the pool of arguments, and adds what happened to run.
func load(ctx context.Context, sys system, sh *shape, pool []args, conc int, d time.Duration, offset int, run *cellRun) {
	ctx, cancel := context.WithTimeout(ctx, d+30*time.Second)
	defer cancel()
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	cpuBefore := cpuSample()
	start := time.Now()
	deadline := start.Add(d)
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			var errs int
			var first string
			for i := 0; time.Now().Before(deadline); i++ {
				a := pool[(offset+w+i*conc)%len(pool)]
				t := time.Now()
				_, err := sys.do(ctx, sh, a, false)
				if err != nil {
					errs++
					if first == "" {
						first = err.Error()
					}
					if ctx.Err() != nil {
						break
					}
					continue
				}
				lat = append(lat, time.Since(t))
			}
			mu.Lock()
			run.latencies = append(run.latencies, lat...)
			run.errors += errs
			if run.firstErr == "" {
				run.firstErr = first
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	run.elapsed += time.Since(start)
	run.cpu = addCPU(run.cpu, cpuBefore, cpuSample())
}

// cell sums a run up.
func (r *cellRun) cell(shape, system string, conc int) Cell {
	c := Cell{Shape: shape, System: system, Concurrency: conc, Requests: len(r.latencies), Errors: r.errors,
		Seconds: r.elapsed.Seconds(), FirstError: trim(r.firstErr, 300)}
	if r.elapsed > 0 {
		c.RPS = float64(len(r.latencies)) / r.elapsed.Seconds()
	}
	if len(r.latencies) > 0 {
		slices.Sort(r.latencies)
		c.P50ms = ms(percentile(r.latencies, 0.50))
		c.P99ms = ms(percentile(r.latencies, 0.99))
		for role, t := range r.cpu {
			if c.CPUPerRequestUs == nil {
				c.CPUPerRequestUs = map[string]float64{}
			}
			c.CPUPerRequestUs[role] = float64(t.Microseconds()) / float64(len(r.latencies))
		}
	}
	return c
}

// percentile returns the nearest-rank percentile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(p*float64(len(sorted)) + 0.999999)
	return sorted[min(max(i-1, 0), len(sorted)-1)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func trim(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
