// Package ingest turns reports into stored facts: it finds report files,
// runs the extractor over each, resolves the entities, and writes each
// report to the store in one transaction. One bad report is named with its
// reason and never stops the others.
package ingest

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"officialgraph/internal/kg"
)

// MaxReportBytes bounds one report file. News reports are a few kilobytes;
// anything near this size is not a report.
const MaxReportBytes = 16 << 20

// maxMetaBytes bounds a sidecar metadata file.
const maxMetaBytes = 64 << 10

// Extractor reads the facts out of one report's text. When ctx ends first
// it returns an error wrapping ctx.Err().
type Extractor func(ctx context.Context, text []byte, meta Meta, file string) (*Extraction, error)

// Source is one report to ingest: its text and metadata, and its extraction
// when it came as extraction JSON rather than text.
type Source struct {
	Path       string
	Text       []byte
	Meta       Meta
	Extraction *Extraction // nil: run the extractor over Text
}

// FileError names a file that could not be ingested and why.
type FileError struct {
	Path string
	Err  error
}

func (e FileError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e FileError) Unwrap() error { return e.Err }

// Collect finds the reports under paths: NAME.txt files (with an optional
// NAME.meta.json beside them) and extraction JSON files (an array as
// `extract --format json` prints, or one object as gold files hold). A
// folder is searched recursively; sidecar files are never reports of their
// own. Files that cannot be read are returned as errors, and the others
// still collected.
func Collect(paths []string) ([]Source, []FileError) {
	var out []Source
	var errs []FileError
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, FileError{p, err})
			continue
		}
		if !info.IsDir() {
			s, err := readSource(p)
			if err != nil {
				errs = append(errs, FileError{p, err})
				continue
			}
			out = append(out, s...)
			continue
		}
		var files []string
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, FileError{path, err})
				return nil
			}
			if !d.IsDir() && strings.HasSuffix(path, ".txt") {
				files = append(files, path)
			}
			return nil
		})
		sort.Strings(files)
		for _, f := range files {
			s, err := readSource(f)
			if err != nil {
				errs = append(errs, FileError{f, err})
				continue
			}
			out = append(out, s...)
		}
	}
	return out, errs
}

func readSource(path string) ([]Source, error) {
	switch {
	case strings.HasSuffix(path, ".meta.json"):
		return nil, fmt.Errorf("%w: a .meta.json file is the metadata of NAME.txt, not a report", kg.ErrInvalidInput)
	case strings.HasSuffix(path, ".json"):
		return readExtractionJSON(path)
	}
	text, err := readBounded(path, MaxReportBytes)
	if err != nil {
		return nil, err
	}
	meta, err := readMeta(strings.TrimSuffix(path, ".txt") + ".meta.json")
	if err != nil {
		return nil, err
	}
	return []Source{{Path: path, Text: text, Meta: meta}}, nil
}

// readExtractionJSON reads extraction JSON. The report text, needed for its
// SHA-256, is the file the extraction names or NAME.txt beside a
// NAME.gold.json; without it the JSON's own bytes stand in.
func readExtractionJSON(path string) ([]Source, error) {
	raw, err := readBounded(path, MaxReportBytes)
	if err != nil {
		return nil, err
	}
	var list []Extraction
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		err = json.Unmarshal(trimmed, &list)
	} else {
		var one Extraction
		err = json.Unmarshal(trimmed, &one)
		list = []Extraction{one}
	}
	if err != nil {
		return nil, fmt.Errorf("%w: not extraction JSON: %v", kg.ErrInvalidInput, err)
	}
	var out []Source
	for i := range list {
		e := &list[i]
		txt := e.File
		if txt != "" && !filepath.IsAbs(txt) {
			txt = filepath.Join(filepath.Dir(path), filepath.Base(txt))
		}
		if txt == "" && strings.HasSuffix(path, ".gold.json") {
			txt = strings.TrimSuffix(path, ".gold.json") + ".txt"
		}
		s := Source{Path: path, Extraction: e, Text: raw}
		if txt != "" {
			if text, err := readBounded(txt, MaxReportBytes); err == nil {
				s.Text = text
				s.Path = txt
				if meta, err := readMeta(strings.TrimSuffix(txt, ".txt") + ".meta.json"); err == nil {
					s.Meta = meta
				}
			}
		}
		out = append(out, s)
	}
	return out, nil
}

func readBounded(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() > limit {
		return nil, fmt.Errorf("%w: %d bytes is over the limit of %d for one report", kg.ErrInvalidInput, info.Size(), limit)
	}
	b := make([]byte, info.Size())
	if _, err := io.ReadFull(f, b); err != nil {
		return nil, err
	}
	return b, nil
}

// readMeta reads a sidecar NAME.meta.json; a missing one is empty metadata.
func readMeta(path string) (Meta, error) {
	var m Meta
	raw, err := readBounded(path, maxMetaBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("metadata %s: %w", filepath.Base(path), err)
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return m, fmt.Errorf("%w: metadata %s is not valid JSON of {title, publishedAt, url}: %v", kg.ErrInvalidInput, filepath.Base(path), err)
	}
	if m.PublishedAt != nil {
		if _, err := kg.ParseDate(*m.PublishedAt); err != nil {
			return m, fmt.Errorf("metadata %s: publishedAt: %w", filepath.Base(path), err)
		}
	}
	return m, nil
}

// checkText refuses what is plainly not report text before the extractor
// reads it: an empty file or a web page saved as .txt.
func checkText(text []byte) error {
	t := bytes.TrimSpace(bytes.TrimPrefix(text, []byte("\xef\xbb\xbf")))
	if len(t) == 0 {
		return fmt.Errorf("%w: the file is empty", kg.ErrInvalidInput)
	}
	head := bytes.ToLower(t[:min(len(t), 512)])
	if bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) || bytes.Contains(head, []byte("<head>")) {
		return fmt.Errorf("%w: an HTML page, not report text: save the article's text instead", kg.ErrInvalidInput)
	}
	return nil
}

// Summary is what an ingest run did.
type Summary struct {
	Reports                      int // reports read
	Created, Unchanged, Replaced int
	Failed                       int
	Officials, Meetings, Facts   int // in the written reports
	Warnings                     int
	Elapsed                      time.Duration
	Errors                       []FileError
}

// Event reports progress: one per report, after it was written or failed.
type Event struct {
	Done, Total int
	Path        string
	Result      kg.WriteResult // "" when Err is set
	Err         error
}

// DefaultBatch is how many reports a Pipeline writes in one transaction
// unless told otherwise. Over Neo4j a commit costs more than writing a
// report: measured side by side on 400 generated reports, one transaction
// per report wrote 27 reports/s, batches of 8 80, of 64 104. Larger
// batches would hold their locks longer for little gain.
const DefaultBatch = 64

// maxBatchFacts ends a batch early once its reports hold this many facts,
// so that a batch of unusually long reports stays a modest transaction.
const maxBatchFacts = 5000

// flushGrace bounds the writing of the reports already read when Run's
// context ends.
const flushGrace = 5 * time.Second

// Pipeline ingests sources into a store.
type Pipeline struct {
	Store    kg.Store
	Extract  Extractor
	Progress func(Event) // optional
	// Batch is how many reports are written in one transaction: 0 means
	// DefaultBatch, and it is at most kg.MaxWriteBatch.
	Batch int
}

// item is one source on its way through Run.
type item struct {
	src     Source
	facts   *kg.ReportFacts
	warns   int
	err     error          // why the report failed
	res     kg.WriteResult // set once written
	stopped bool           // ctx ended before the report was written
}

// Run ingests every source, a batch of reports in each transaction. A
// report is written whole or not at all; when a batch fails, its reports
// are written again one per transaction, so that only a report at fault
// fails and its error is its own. Run stops early only when ctx is done,
// and then writes the reports it has read (for at most flushGrace) and
// reads no more; a report that the end of ctx stopped before it was
// written is not counted: it was neither written nor at fault.
//
// The reports are read and extracted one batch ahead of the writes, in a
// goroutine of their own, so that reading costs the ingest no time while
// the store writes (over Neo4j, in another process). Extract is called
// from that goroutine only, one report at a time, in the sources' order.
func (p *Pipeline) Run(ctx context.Context, sources []Source) Summary {
	start := time.Now()
	var s Summary
	size := min(max(cmp.Or(p.Batch, DefaultBatch), 1), kg.MaxWriteBatch)
	items := make(chan *item, size)
	go func() {
		defer close(items)
		for _, src := range sources {
			if ctx.Err() != nil {
				return
			}
			it := &item{src: src}
			it.facts, it.warns, it.err = p.prepare(ctx, src)
			if it.err != nil && ctx.Err() != nil && errors.Is(it.err, ctx.Err()) {
				return
			}
			// The loop below takes every item until the channel closes,
			// so this waits at most for a batch's write.
			items <- it
		}
	}()
	var (
		batch   []*item
		writing int // reports in batch that have facts to write
		facts   int
	)
	flush := func(ctx context.Context) {
		p.write(ctx, batch)
		for _, it := range batch {
			p.count(&s, it, len(sources))
		}
		batch, writing, facts = batch[:0], 0, 0
	}
	for it := range items {
		batch = append(batch, it)
		if it.err == nil {
			writing++
			facts += factCount(it.facts)
		}
		// Once ctx is done, the reports read are kept for the writes
		// below.
		if ctx.Err() == nil && (writing == size || facts >= maxBatchFacts) {
			flush(ctx)
		}
	}
	if ctx.Err() != nil {
		// The reports already read are written still, as they would have
		// been one by one, unless that takes longer than a stop allows.
		grace, cancel := context.WithTimeout(context.WithoutCancel(ctx), flushGrace)
		defer cancel()
		ctx = grace
		// The batch being filled when ctx ended and the reports read
		// ahead of it, a batch and one more at most, in transactions of
		// at most a batch.
		all := batch
		for len(all) > 0 {
			n := min(len(all), size)
			batch = all[:n]
			flush(ctx)
			all = all[n:]
		}
	}
	flush(ctx)
	s.Elapsed = time.Since(start)
	return s
}

// write writes the reports of batch that have facts, setting each one's
// result, error, or stopped.
func (p *Pipeline) write(ctx context.Context, batch []*item) {
	var todo []*item
	var fs []*kg.ReportFacts
	for _, it := range batch {
		if it.err == nil {
			todo = append(todo, it)
			fs = append(fs, it.facts)
		}
	}
	if len(todo) == 0 {
		return
	}
	if ctx.Err() == nil && len(todo) > 1 {
		res, err := p.Store.WriteReports(ctx, fs)
		if err == nil {
			for i, it := range todo {
				it.res = res[i]
			}
			return
		}
		// Written again one by one below: the failure may be one report's,
		// or the store's, and each report then gets its own answer.
	}
	for _, it := range todo {
		if ctx.Err() != nil {
			it.stopped = true
			continue
		}
		it.res, it.err = p.Store.WriteReport(ctx, it.facts)
		if it.err != nil && ctx.Err() != nil && errors.Is(it.err, ctx.Err()) {
			it.err, it.stopped = nil, true
		}
	}
}

// count adds a handled report to s and tells Progress.
func (p *Pipeline) count(s *Summary, it *item, total int) {
	if it.stopped {
		return
	}
	s.Reports++
	s.Warnings += it.warns
	if it.err != nil {
		s.Failed++
		s.Errors = append(s.Errors, FileError{it.src.Path, it.err})
	} else {
		switch it.res {
		case kg.WriteCreated:
			s.Created++
		case kg.WriteUnchanged:
			s.Unchanged++
		case kg.WriteReplaced:
			s.Replaced++
		}
		s.Officials += len(it.facts.Officials)
		s.Meetings += len(it.facts.Meetings)
		s.Facts += factCount(it.facts)
	}
	if p.Progress != nil {
		p.Progress(Event{Done: s.Reports, Total: total, Path: it.src.Path, Result: it.res, Err: it.err})
	}
}

func factCount(f *kg.ReportFacts) int {
	return len(f.Participations) + len(f.Tenures) + len(f.DivisionParticipations) + len(f.Directives)
}

// prepare reads one source's facts.
func (p *Pipeline) prepare(ctx context.Context, src Source) (*kg.ReportFacts, int, error) {
	e := src.Extraction
	if e == nil {
		if err := checkText(src.Text); err != nil {
			return nil, 0, err
		}
		if p.Extract == nil {
			return nil, 0, errors.New("no extractor: only extraction JSON can be ingested")
		}
		var err error
		if e, err = p.Extract(ctx, src.Text, src.Meta, src.Path); err != nil {
			return nil, 0, err
		}
	}
	if len(e.Meetings) == 0 {
		// A report the extractor finds no meeting in adds nothing but a
		// title: it is off-genre or not a report at all, and storing it
		// would hide that.
		return nil, len(e.Warnings), fmt.Errorf("%w: no meeting found in the text: not a meeting report", kg.ErrInvalidInput)
	}
	facts, warns, err := Facts(e, src.Meta, src.Text)
	nwarn := len(warns) + len(e.Warnings)
	if err != nil {
		return nil, nwarn, err
	}
	return facts, nwarn, nil
}
