package ingest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// scorer is the script that scores extraction JSON against the gold
// annotations of a corpus (see eval/extract-json.md).
const scorer = "../../eval/score.py"

// TestCorpusScores reads the annotated corpora with the pipeline's own
// reader (Extract, as `officialgraph extract` prints it) and holds the result
// to the project's bars with the scorer. The seed is a real, noisy report
// and must stay perfect where its annotation is exact; the synthetic
// corpus is held to the bars the pipeline is measured by. The seed is
// scored here only, through the reader with the statistics bureau's
// division list that the pipeline uses.
func TestCorpusScores(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("python3 is needed to score the corpora")
		}
		t.Skip("python3 not found; the corpora are scored in CI")
	}
	tests := []struct {
		name string
		dir  string
		bars []string
	}{
		{
			name: "seed",
			dir:  "../../corpus/seed",
			bars: []string{
				"participants=0.95", "people=0.95", "positions=0.90", "divisions=1.0", "directives=0.85",
				"meeting-names=1.0", "meeting-dates=1.0", "reporters=1.0",
			},
		},
		{
			name: "synthetic",
			dir:  "../../corpus/synthetic",
			bars: []string{"participants=0.95", "directives=0.85"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pred := filepath.Join(t.TempDir(), tt.name+".json")
			if err := os.WriteFile(pred, readCorpus(t, tt.dir), 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{scorer, tt.dir, pred}
			for _, b := range tt.bars {
				args = append(args, "--min-f1", b)
			}
			out, err := exec.Command(python, args...).CombinedOutput()
			t.Logf("score.py %s:\n%s", tt.dir, out)
			if err != nil {
				t.Fatalf("%s misses a bar (%v); see the table above, and rerun with --verbose for the misses", tt.dir, err)
			}
		})
	}
}

// readCorpus reads every report of dir with Extract and returns the JSON
// array that `officialgraph extract --format json` would print for it.
func readCorpus(t *testing.T, dir string) []byte {
	t.Helper()
	srcs, errs := Collect([]string{dir})
	for _, e := range errs {
		t.Errorf("collecting %s: %v", dir, e)
	}
	var reps []*Extraction
	for _, src := range srcs {
		if src.Extraction != nil || !strings.HasSuffix(src.Path, ".txt") {
			continue // only the reports' text is read; gold files are scored against
		}
		r, err := Extract(t.Context(), src.Text, src.Meta, src.Path)
		if err != nil {
			t.Fatalf("Extract(%s): %v", src.Path, err)
		}
		reps = append(reps, r)
	}
	if len(reps) == 0 {
		t.Fatalf("no reports in %s", dir)
	}
	out, err := json.Marshal(reps)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
