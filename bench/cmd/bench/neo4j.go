package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// neo4jdev is a Neo4j this run started with tools/neo4jdev, in a directory
// of its own, on a free port.
type neo4jdev struct {
	script string
	dir    string
	URI    string
	pid    int // the JVM's, or 0 when it could not be read
}

// startNeo4j starts a throw-away Neo4j with a page cache of pageCache
// (neo4j.conf's form, such as 4g) and returns it with its bolt URI.
func startNeo4j(ctx context.Context, root, pageCache string) (*neo4jdev, error) {
	if !validSize(pageCache) {
		return nil, fmt.Errorf("page cache %q: want a number of bytes with k, m or g, such as 4g", pageCache)
	}
	dir, err := os.MkdirTemp("", "officialgraph-bench-neo4j.")
	if err != nil {
		return nil, err
	}
	n := &neo4jdev{script: filepath.Join(root, "tools", "neo4jdev", "neo4jdev.sh"), dir: dir}
	// tools/neo4jdev's own page cache (128 MiB) suits tests; a run of
	// 100,000 reports leaves a store some forty times larger, and a cache
	// that holds a fraction of it turns reads that rotate over many
	// officials and cities into page faults, for every system alike.
	conf := filepath.Join(dir, "neo4j.conf")
	if err := os.WriteFile(conf, []byte("server.memory.pagecache.size="+pageCache+"\n"), 0o644); err != nil {
		n.stop()
		return nil, err
	}
	cmd := exec.CommandContext(ctx, n.script, "start")
	cmd.Env = append(os.Environ(), "NEO4JDEV_PORT=0", "NEO4JDEV_DIR="+dir, "NEO4JDEV_CONFIG="+conf)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		n.stop()
		return nil, fmt.Errorf("tools/neo4jdev start: %w", err)
	}
	n.URI = strings.TrimSpace(out.String())
	if !strings.HasPrefix(n.URI, "bolt://") {
		n.stop()
		return nil, fmt.Errorf("tools/neo4jdev start printed %q, not a bolt URI", n.URI)
	}
	// The JVM's pid, for the caller to count its CPU; where it cannot be
	// read, the results leave Neo4j's share out.
	if b, err := os.ReadFile(filepath.Join(dir, "neo4jdev.pid")); err == nil {
		if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
			n.pid = pid
		}
	}
	return n, nil
}

// stop stops the server and removes its directory; once stopped, it does
// nothing.
func (n *neo4jdev) stop() {
	if n.dir == "" {
		return
	}
	defer func() { n.dir = "" }()
	cmd := exec.Command(n.script, "stop")
	cmd.Env = append(os.Environ(), "NEO4JDEV_DIR="+n.dir)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "bench: stopping Neo4j: %v\n", err)
	}
	os.RemoveAll(n.dir)
}

// wipe deletes every relationship, then every node, in batches so that a
// large graph does not need one huge transaction. Relationships go first:
// deleting a batch of nodes with their relationships holds every
// relationship of a hub (a province with all its meetings) in one
// transaction, more than the server's transaction memory allows at
// 100,000 reports.
func wipe(ctx context.Context, driver neo4j.DriverWithContext, database string) error {
	session := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: database, AccessMode: neo4j.AccessModeWrite})
	defer session.Close(ctx)
	for _, q := range []string{
		"MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	} {
		res, err := session.Run(ctx, q, nil)
		if err != nil {
			return fmt.Errorf("emptying the database: %w", err)
		}
		if _, err := res.Consume(ctx); err != nil {
			return fmt.Errorf("emptying the database: %w", err)
		}
	}
	return nil
}

// neo4jVersion returns the server's name and version.
func neo4jVersion(ctx context.Context, driver neo4j.DriverWithContext) string {
	res, err := neo4j.ExecuteQuery(ctx, driver, "CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS v, edition",
		nil, neo4j.EagerResultTransformer)
	if err != nil || len(res.Records) == 0 {
		return "unknown"
	}
	r := res.Records[0]
	name, _ := r.Get("name")
	v, _ := r.Get("v")
	ed, _ := r.Get("edition")
	return fmt.Sprintf("%v %v %v", name, v, ed)
}

// validSize reports whether s is a size as neo4j.conf writes one: digits,
// then optionally k, m or g.
func validSize(s string) bool {
	digits := strings.TrimRight(strings.ToLower(s), "kmg")
	if len(s)-len(digits) > 1 || digits == "" {
		return false
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	return err == nil && n > 0
}
