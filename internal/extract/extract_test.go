package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"officialgraph/internal/normalize"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// The reports under testdata/reports are invented for these tests: the
// people, places and meetings in them do not refer to real ones. The seed
// report under corpus/seed is a real, noisy one.
const (
	seedDir    = "../../corpus/seed"
	reportsDir = "testdata/reports"
	goldenDir  = "testdata/golden"
)

// metaFile is the sidecar NAME.meta.json of a report.
type metaFile struct {
	Title       string  `json:"title"`
	PublishedAt string  `json:"publishedAt"`
	URL         *string `json:"url"`
}

// readReport reads a report and its sidecar metadata, if any. The file
// name given to Extract is the path relative to the repository root for
// the seed, and relative to this package for the test reports.
func readReport(t testing.TB, path string) ([]byte, Meta) {
	t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading report: %v", err)
	}
	meta := Meta{File: strings.TrimPrefix(filepath.ToSlash(path), "../../")}
	raw, err := os.ReadFile(strings.TrimSuffix(path, ".txt") + ".meta.json")
	switch {
	case errors.Is(err, os.ErrNotExist):
		return text, meta
	case err != nil:
		t.Fatalf("reading metadata: %v", err)
	}
	var m metaFile
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	meta.Title, meta.PublishedAt = m.Title, m.PublishedAt
	if m.URL != nil {
		meta.URL = *m.URL
	}
	return text, meta
}

func reportFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{seedDir, reportsDir} {
		m, err := filepath.Glob(filepath.Join(dir, "*.txt"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no reports found")
	}
	return files
}

func TestGolden(t *testing.T) {
	for _, path := range reportFiles(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(name, func(t *testing.T) {
			text, meta := readReport(t, path)
			rep, err := Extract(t.Context(), text, meta)
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			got, err := json.MarshalIndent(rep, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join(goldenDir, name+".json")
			if *update {
				if err := os.MkdirAll(goldenDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run go test -update after checking the change):\n%s", golden, firstDiff(string(got), string(want)))
			}
		})
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n  got:  " + gl + "\n  want: " + wl
		}
	}
	return ""
}

func TestExtractRejectsUndecodableText(t *testing.T) {
	_, err := Extract(t.Context(), []byte{0xFF, 0xFE, 0xFD, 'a'}, Meta{File: "bad.txt"})
	if err == nil {
		t.Fatal("Extract accepted bytes that are neither UTF-8 nor GB18030")
	}
	if !strings.Contains(err.Error(), "bad.txt") {
		t.Errorf("error %q does not name the file", err)
	}
}

func TestReportJSONShape(t *testing.T) {
	rep, err := Extract(t.Context(), []byte("没有会议的一段话。"), Meta{File: "empty.txt"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"file", "report", "meetings", "mentioned", "warnings"} {
		if _, ok := got[key]; !ok {
			t.Errorf("JSON lacks %q", key)
		}
	}
	for _, key := range []string{"meetings", "mentioned", "warnings"} {
		if got[key] == nil {
			t.Errorf("%q is null, want a list", key)
		}
	}
	report := got["report"].(map[string]any)
	for _, key := range []string{"title", "publishedAt", "reporters", "url"} {
		if _, ok := report[key]; !ok {
			t.Errorf("report lacks %q", key)
		}
	}
}

// countdownContext is a context whose Err reports it ended once Err has
// been asked more than left times. It counts the asks, which tells how far
// an extraction went without timing it.
type countdownContext struct {
	context.Context
	left, asked int
}

func (c *countdownContext) Err() error {
	c.asked++
	if c.asked > c.left {
		return context.Canceled
	}
	return nil
}

// TestExtractStopsWhenContextEnds checks that an extraction whose context
// ends stops at its next look at the context, returning the context's
// error, rather than reading the rest of the text.
func TestExtractStopsWhenContextEnds(t *testing.T) {
	var text []byte
	for _, path := range reportFiles(t) {
		b, _ := readReport(t, path)
		if utf8.Valid(b) {
			text = append(append(text, b...), '\n')
		}
	}
	text = bytes.Repeat(text, 20)
	meta := Meta{File: "long.txt", PublishedAt: "2023-06-30"}

	whole := &countdownContext{Context: t.Context(), left: math.MaxInt}
	if _, err := Extract(whole, text, meta); err != nil {
		t.Fatalf("Extract with a live context: %v", err)
	}
	if whole.asked < 1000 {
		t.Fatalf("a whole extraction asked the context %d times, want at least 1000 (once a sentence)", whole.asked)
	}
	for _, left := range []int{0, 1, 10, whole.asked / 2, whole.asked - 1} {
		t.Run(fmt.Sprintf("ends after %d asks", left), func(t *testing.T) {
			ctx := &countdownContext{Context: t.Context(), left: left}
			rep, err := Extract(ctx, text, meta)
			if !errors.Is(err, context.Canceled) {
				t.Errorf("got error %v, want one wrapping %v", err, context.Canceled)
			}
			if rep != nil {
				t.Errorf("got a report of %d meetings, want none", len(rep.Meetings))
			}
			// the first ask that finds the context ended is the last
			if want := left + 1; ctx.asked != want {
				t.Errorf("context asked %d times of %d in a whole extraction, want %d: stop at the first ask after it ended", ctx.asked, whole.asked, want)
			}
		})
	}
}

func TestExtractCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := Extract(ctx, []byte("市委书记张一主持会议并讲话。"), Meta{File: "a.txt"})
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "a.txt") {
		t.Errorf("got error %v, want one that names a.txt and wraps %v", err, context.Canceled)
	}
}

// benchInput builds an input of about size bytes from the reports, with
// the seed's disclaimer cut so that every copy is read as a report.
func benchInput(b *testing.B, size int) []byte {
	b.Helper()
	var one []byte
	for _, path := range reportFiles(b) {
		text, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		if !utf8.Valid(text) {
			continue // GB18030: concatenated with UTF-8 it would be neither
		}
		// the seed writes 免責(zé)聲(shēng)明, notes and all
		for _, marker := range []string{"免責", "免责"} {
			if i := bytes.Index(text, []byte(marker)); i >= 0 {
				text = text[:i]
			}
		}
		one = append(one, text...)
		one = append(one, '\n')
	}
	return bytes.Repeat(one, max(1, size/len(one)))
}

func BenchmarkExtract(b *testing.B) {
	for _, size := range []struct {
		name  string
		bytes int
	}{{"1MB", 1 << 20}, {"10MB", 10 << 20}} {
		src := benchInput(b, size.bytes)
		// build the conversion and reading tables outside the timing
		if _, err := Extract(b.Context(), []byte("統(tǒng)籌"), Meta{}); err != nil {
			b.Fatal(err)
		}
		b.Run(size.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := Extract(b.Context(), src, Meta{PublishedAt: "2023-06-30"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func FuzzExtract(f *testing.F) {
	for _, path := range reportFiles(f) {
		text, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(text, "2020-02-26")
	}
	for _, s := range []string{
		"市委书记、市长张三，", "一是", "在上，要", "等出席", "（记者", "会议召开", "他强调，要",
		"姚兵石艳萍等出席", "娄星区冷水江市汇报", "12月31日", "第十一，", "（十）", "?;?",
	} {
		f.Add([]byte(s), "")
	}
	f.Fuzz(func(t *testing.T, text []byte, published string) {
		rep, err := Extract(t.Context(), text, Meta{File: "fuzz.txt", PublishedAt: published})
		if err != nil {
			return
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Fatalf("report does not marshal: %v", err)
		}
		for _, w := range rep.Warnings {
			if w.Offset < 0 || w.Offset > len(text) {
				t.Fatalf("warning offset %d out of range", w.Offset)
			}
		}
		for _, m := range rep.Meetings {
			for _, p := range m.Participants {
				if p.EvidenceOffset < 0 || p.EvidenceOffset > len(text) || p.Name == "" {
					t.Fatalf("bad participant %+v", p)
				}
			}
			for _, d := range m.Directives {
				if d.EvidenceOffset < 0 || d.EvidenceOffset > len(text) || d.Text == "" {
					t.Fatalf("bad directive %+v", d)
				}
			}
		}
	})
}

// facts is what a report says, without offsets or written forms, for
// comparing the readings of two renderings of one report.
func facts(rep *Report) []string {
	var out []string
	for _, m := range rep.Meetings {
		out = append(out, "meeting "+m.Name+" "+m.Date+" "+m.Jurisdiction+" "+m.Kind)
		for _, p := range m.Participants {
			out = append(out, "participant "+p.Name+" "+strings.Join(p.Roles, ",")+" "+strings.Join(p.Positions, ","))
		}
		for _, d := range m.Divisions {
			out = append(out, "division "+d.Name+" "+d.Role)
		}
		for _, d := range m.Directives {
			out = append(out, "directive "+d.Issuer+" "+strconv.Itoa(d.Ordinal)+" "+punctuationFree(d.Text))
		}
	}
	return append(out, "reporters "+strings.Join(rep.Report.Reporters, ","))
}

func punctuationFree(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(",，;；:：()（）", r) {
			return -1
		}
		return r
	}, s)
}

// TestSeedInCleanSimplified checks that the seed read from clean
// simplified text, with full-width punctuation as such reports write it,
// gives the same facts as the noisy traditional original.
func TestSeedInCleanSimplified(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed reports: %v", err)
	}
	fullWidth := strings.NewReplacer(",", "，", ";", "；", ":", "：", "(", "（", ")", "）")
	for _, path := range files {
		text, meta := readReport(t, path)
		noisy, err := Extract(t.Context(), text, meta)
		if err != nil {
			t.Fatal(err)
		}
		nt, err := normalize.Normalize(text)
		if err != nil {
			t.Fatal(err)
		}
		clean, err := Extract(t.Context(), []byte(fullWidth.Replace(nt.Canonical)), meta)
		if err != nil {
			t.Fatal(err)
		}
		got, want := facts(clean), facts(noisy)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: clean simplified text gives other facts:\n got  %q\n want %q", path, got, want)
		}
	}
}

// TestExtractConcurrent runs extractions side by side; with -race it
// checks that they share nothing but read-only tables.
func TestExtractConcurrent(t *testing.T) {
	files := reportFiles(t)
	want := make([][]byte, len(files))
	inputs := make([][]byte, len(files))
	metas := make([]Meta, len(files))
	for i, path := range files {
		inputs[i], metas[i] = readReport(t, path)
		rep, err := Extract(t.Context(), inputs[i], metas[i])
		if err != nil {
			t.Fatal(err)
		}
		want[i], _ = json.Marshal(rep)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4*len(files))
	for range 4 {
		for i := range files {
			wg.Go(func() {
				rep, err := Extract(t.Context(), inputs[i], metas[i])
				if err != nil {
					errs <- err
					return
				}
				if got, _ := json.Marshal(rep); !bytes.Equal(got, want[i]) {
					errs <- fmt.Errorf("%s: concurrent extraction differs", files[i])
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// unpunctuatedInput builds a report of about size bytes whose body is one
// sentence: a meeting and a list of titled officials, separated by commas,
// that no full stop ends. Each official is named once, as in a real list.
func unpunctuatedInput(size int) []byte {
	surnames := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋")
	given := []rune("伟芳敏静丽强磊军洋勇杰涛明超霞平刚英华玉萍文辉建国林飞鹏斌波宇浩凯健俊帆旭宁龙博翔志成德海峰")
	var b strings.Builder
	b.WriteString("民营企业座谈会召开\n\n5月12日上午，全旗民营企业座谈会召开，旗委书记白乌力吉出席会议并讲话")
	for i := 0; b.Len() < size; i++ {
		g := i / len(surnames)
		b.WriteString("，副旗长")
		b.WriteRune(surnames[i%len(surnames)])
		b.WriteRune(given[g%len(given)])
		b.WriteRune(given[(g/len(given)+i)%len(given)])
	}
	b.WriteString("出席会议\n")
	return []byte(b.String())
}

// BenchmarkExtractUnpunctuated reads a long sentence, the case in which
// work that grows with the clauses read before would show: the time per
// op should grow in proportion to the size (256KiB about four times
// 64KiB).
func BenchmarkExtractUnpunctuated(b *testing.B) {
	for _, kib := range []int{64, 128, 256} {
		src := unpunctuatedInput(kib << 10)
		b.Run(fmt.Sprintf("%dKiB", kib), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := Extract(b.Context(), src, Meta{PublishedAt: "2023-06-30"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
