// Package neo4jtest connects tests to the real Neo4j that the test command
// starts (tools/neo4jdev) and names in NEO4J_URI.
//
// Neo4j Community has one user database, and `go test ./...` runs the test
// binaries of several packages at once, so every test that uses the
// database first takes a machine-wide lock, held until its test binary
// exits; the packages take turns instead of wiping each other's data.
package neo4jtest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/internal/neo4jstore"
)

// URI returns the Neo4j to test against. Without NEO4J_URI the test is
// skipped with a one-line reason, or, with CI=true, failed: in CI a missing
// database is a broken run, never a pass.
func URI(t testing.TB) string {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("NEO4J_URI is not set: the Neo4j suite cannot run (CI=true makes this a failure)")
		}
		t.Skip("NEO4J_URI is not set: skipping the Neo4j suite (make test starts Neo4j)")
	}
	return uri
}

var (
	lockOnce sync.Once
	lockErr  error
	// lockFile holds the lock. It must stay reachable: an unreachable
	// *os.File is closed by its finalizer, which would drop the lock while
	// the tests still use the database.
	lockFile *os.File
)

// Lock takes the machine-wide lock on the test database for the rest of the
// test binary's life.
func Lock(t testing.TB) {
	t.Helper()
	lockOnce.Do(func() {
		path := filepath.Join(os.TempDir(), "officialgraph-neo4jtest.lock")
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o666)
		if err != nil {
			lockErr = err
			return
		}
		// Never closed: the lock lasts until the process exits.
		lockFile = f
		lockErr = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
	})
	if lockErr != nil {
		t.Fatalf("locking the test database: %v", lockErr)
	}
}

// Open returns a store on the test database, emptied, closed when the test
// ends.
func Open(t testing.TB) *neo4jstore.Store {
	t.Helper()
	uri := URI(t)
	Lock(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{URI: uri, Database: os.Getenv("NEO4J_DATABASE")})
	if err != nil {
		t.Fatalf("neo4jstore.Open(%s): %v", uri, err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	if err := Wipe(ctx, uri); err != nil {
		t.Fatalf("emptying the test database: %v", err)
	}
	return s
}

// Wipe deletes every node and relationship of the test database, through a
// driver of its own: the store has no such method, on purpose.
func Wipe(ctx context.Context, uri string) error {
	d, err := neo4j.NewDriverWithContext(uri, neo4j.NoAuth())
	if err != nil {
		return err
	}
	defer d.Close(ctx)
	db := os.Getenv("NEO4J_DATABASE")
	if db == "" {
		db = "neo4j"
	}
	_, err = neo4j.ExecuteQuery(ctx, d, "MATCH (n) DETACH DELETE n", nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	return err
}
