package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runExport(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), append([]string{"export"}, args...), func(string) string { return "" }, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestExportCommand(t *testing.T) {
	out, _, err := runExport(t, "--corpus", "corpus/seed", "--format", "csv", "--table", "participation", "--role", "presided", "--bom")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "\uFEFFofficial_id,official,") {
		t.Fatalf("participation CSV starts %.60q, want a byte order mark and the header", out)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1][1] != "华学健" || rows[1][7] != "presided" {
		t.Errorf("presided at the seed meeting: %q, want one row for 华学健", rows)
	}

	file := filepath.Join(t.TempDir(), "net.graphml")
	if _, stderr, err := runExport(t, "--corpus", "corpus/seed", "--format", "graphml", "--out", file); err != nil || !strings.Contains(stderr, "12 nodes, 66 edges") {
		t.Errorf("graphml to a file: err %v, stderr %q; want 12 nodes and 66 edges (the 12 participants of the seed meeting)", err, stderr)
	}
	if b, err := os.ReadFile(file); err != nil || !bytes.Contains(b, []byte("<graphml")) {
		t.Errorf("the GraphML file: %v, %.80q", err, b)
	}
}

func TestExportCommandRefusesBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		flag string
	}{
		{[]string{}, "--format"},
		{[]string{"--format", "xlsx"}, "--format"},
		{[]string{"--format", "csv"}, "--part"},
		{[]string{"--format", "csv", "--table", "people"}, "--table"},
		{[]string{"--format", "graphml", "--table", "participation"}, "--format"},
		{[]string{"--format", "jsonl", "--from", "2020-02-30"}, "--from"},
		{[]string{"--format", "jsonl", "--role", "chaired"}, "--role"},
		{[]string{"--format", "jsonl", "--min-shared", "0"}, "--min-shared"},
		{[]string{"--format", "jsonl", "--division", "娄底市"}, "--division"},
		{[]string{"--format", "graphml", "--bom"}, "--bom"},
	} {
		_, _, err := runExport(t, append([]string{"--corpus", ""}, tc.args...)...)
		if err == nil || !strings.Contains(err.Error(), tc.flag+":") {
			t.Errorf("export %q: %v, want an error naming %s", tc.args, err, tc.flag)
		}
	}
	_, _, err := runExport(t, "--corpus", "corpus/seed", "--format", "jsonl", "--table", "participation", "--max-rows", "3")
	if err == nil || !strings.Contains(err.Error(), "more than 3") {
		t.Errorf("over --max-rows: %v, want an error naming the limit", err)
	}
}

func TestExportEndpoints(t *testing.T) {
	base := startServer(t, nil, "--corpus", "corpus/seed")
	for _, tc := range []struct {
		path   string
		status int
		has    string
	}{
		{"export/network.graphml", http.StatusOK, `<edge id="e65"`},
		{"export/network.csv?part=edges", http.StatusOK, "source,target,weight"},
		{"export/participation.csv?from=2020&to=2020-02", http.StatusOK, "杨懿文"},
		{"export/participation.jsonl", http.StatusOK, `"official":{"id":"off_`},
		{"export/network.csv?part=all", http.StatusBadRequest, "part:"},
		{"export/participation.csv?to=soon", http.StatusBadRequest, "to:"},
	} {
		resp, err := http.Get(base + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || !strings.Contains(string(body), tc.has) {
			t.Errorf("GET /%s: %d, body has %q: %v (%.120q)", tc.path, resp.StatusCode, tc.has, strings.Contains(string(body), tc.has), body)
		}
	}
}
