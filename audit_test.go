package main

import (
	"os"
	"os/exec"
	"testing"
)

// TestGraphQLHTTPAudit runs the graphql-http package's server audit (the
// GraphQL over HTTP spec) against the running server with Node. Any MUST
// failure or SHOULD warning fails the test.
func TestGraphQLHTTPAudit(t *testing.T) {
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat("tools/httpaudit/node_modules/graphql-http")
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the audit needs node and tools/httpaudit/node_modules (npm ci --prefix tools/httpaudit): %v", err)
		}
		t.Skipf("skipping the graphql-http audit: %v", err)
	}
	base := startServer(t, nil, "--corpus", "corpus/seed")
	out, err := exec.Command(node, "tools/httpaudit/audit.mjs", base+"/graphql").CombinedOutput()
	t.Logf("graphql-http audit:\n%s", out)
	if err != nil {
		t.Fatalf("audit failed: %v", err)
	}
}
