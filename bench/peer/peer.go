// Package peer holds the @neo4j/graphql server the benchmark compares the
// service with (server.mjs, typedefs.graphql, installed from
// package-lock.json with npm ci) and the hand-written Cypher it shares with
// the floor (shared.cypher).
package peer

import (
	_ "embed"
	"regexp"
	"strings"
)

//go:embed shared.cypher
var shared string

var nameLine = regexp.MustCompile(`^// name: (\w+)\s*$`)

// Statements returns the statements of shared.cypher by name. Each starts
// with a line "// name: NAME"; comment lines are left out.
func Statements() map[string]string {
	out := map[string]string{}
	var name string
	var lines []string
	flush := func() {
		if name != "" {
			out[name] = strings.TrimSpace(strings.Join(lines, "\n"))
		}
	}
	for _, line := range strings.Split(shared, "\n") {
		if m := nameLine.FindStringSubmatch(line); m != nil {
			flush()
			name, lines = m[1], nil
			continue
		}
		if name != "" && !strings.HasPrefix(line, "//") {
			lines = append(lines, line)
		}
	}
	flush()
	return out
}
