package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"officialgraph/internal/auth"
)

// readmeExample is one query of the README's Examples section and the
// start of the answer it shows.
type readmeExample struct {
	query string
	want  string // "" when the README shows no answer
}

// exampleBlock matches a fenced graphql block, optionally followed at once
// by a fenced json block.
var exampleBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```\n(?:```json\n(.*?)```\n)?")

// readmeExamples returns the examples of the README's "## Examples"
// section, in order.
func readmeExamples(t *testing.T) []readmeExample {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Examples\n")
	if !ok {
		t.Fatal("README.md has no Examples section")
	}
	if i := strings.Index(section, "\n## "); i >= 0 {
		section = section[:i]
	}
	var out []readmeExample
	for _, m := range exampleBlock.FindAllStringSubmatch(section, -1) {
		out = append(out, readmeExample{query: m[1], want: m[2]})
	}
	return out
}

// matchesShown reports whether got, an answer as compact JSON, is what the
// README shows: shown is the start of the answer, wrapped over lines, with
// "…" where the README leaves something out. The parts between the
// ellipses must appear in got in order, the first at its start.
func matchesShown(got, shown string) bool {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(shown), "\n") {
		b.WriteString(strings.TrimSpace(line))
	}
	parts := strings.Split(b.String(), "…")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		j := strings.Index(got, p)
		if j < 0 || (i == 0 && j != 0) {
			return false
		}
		got = got[j+len(p):]
	}
	return true
}

func TestMatchesShown(t *testing.T) {
	tests := []struct {
		got, shown string
		want       bool
	}{
		{`{"data":{"a":1}}`, `{"data":{"a":1}}`, true},
		{`{"data":{"a":1,"b":2}}`, `{"data":{"a":1, …`, true},
		{`{"data":{"name":"娄底市统筹推进会议"}}`, `{"data":{"name":"娄底市…会议"}}`, true},
		{`{"data":{"a":1,` + "\n" + `"b":2}}`, "{\"data\":{\"a\":1,\n  \"b\":2}}", false}, // got is compact
		{`{"data":{"a":1,"b":2}}`, "{\"data\":{\"a\":1,\n  \"b\":2}}", true},
		{`{"data":{"a":2}}`, `{"data":{"a":1}}`, false},
		{`x{"data":{"a":1}}`, `{"data":{"a":1}}`, false},
		{`{"data":{"a":"会议"}}`, `{"data":{"a":"…议"}}`, true},
		{`{"data":{"a":"议会"}}`, `{"data":{"a":"会…议"}}`, false},
	}
	for _, tt := range tests {
		if got := matchesShown(tt.got, tt.shown); got != tt.want {
			t.Errorf("matchesShown(%q, %q) = %v, want %v", tt.got, tt.shown, got, tt.want)
		}
	}
}

// TestReadmeExamples runs every query of the README's Examples section, in
// order, against `serve` over the bundled corpus (what `go run .` serves)
// and checks each answer against the start the README shows, so that a new
// user following the README gets the answers it shows.
func TestReadmeExamples(t *testing.T) {
	const token = "readme-write-token-0123456789"
	base := startServer(t, map[string]string{auth.EnvVar: "write:" + token}) + "graphql"
	examples := readmeExamples(t)
	if len(examples) < 6 {
		t.Fatalf("found %d examples in README.md, want at least 6", len(examples))
	}
	for i, ex := range examples {
		body, _ := json.Marshal(map[string]string{"query": ex.query})
		req, err := http.NewRequest(http.MethodPost, base, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("example %d: %v", i+1, err)
		}
		var raw json.RawMessage
		err = json.NewDecoder(resp.Body).Decode(&raw)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("example %d: decoding the answer: %v", i+1, err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, raw); err != nil {
			t.Fatal(err)
		}
		got := compact.String()
		if strings.Contains(got, `"errors"`) {
			t.Errorf("example %d:\n%s\nanswered with errors: %s", i+1, ex.query, got)
			continue
		}
		if ex.want != "" && !matchesShown(got, ex.want) {
			t.Errorf("example %d:\n%s\ngot  %s\nREADME shows %s", i+1, ex.query, got, ex.want)
		}
	}
}
