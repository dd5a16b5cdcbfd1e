package neo4jstore_test

import (
	"testing"

	"officialgraph/internal/kg"
	"officialgraph/internal/neo4jtest"
	"officialgraph/internal/storetest"
)

// TestStore runs the conformance suite against the Neo4j named by
// NEO4J_URI. Without it the test is skipped, or failed when CI=true: in CI
// a missing database is a broken run, never a pass.
func TestStore(t *testing.T) {
	neo4jtest.URI(t)
	storetest.Run(t, func(t *testing.T) kg.Store {
		// neo4jtest.Open empties the database with MATCH (n) DETACH DELETE n
		// and closes the store when the subtest ends.
		return neo4jtest.Open(t)
	})
}
