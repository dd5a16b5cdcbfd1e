// Package ingest turns reports into stored facts: it finds report files,
// runs the extractor over each, resolves the entities, and writes each
// report to the store in one transaction. One bad report is named with its
// reason and never stops the others.
package ingest

import (
	"bytes"
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

// Pipeline ingests sources into a store.
type Pipeline struct {
	Store    kg.Store
	Extract  Extractor
	Progress func(Event) // optional
}

// Run ingests every source, each in its own transaction. It stops early only
// when ctx is done, and then at a report boundary: no report is ever half
// written. A report whose reading ctx cut short is not counted: it was
// neither written nor at fault.
func (p *Pipeline) Run(ctx context.Context, sources []Source) Summary {
	start := time.Now()
	var s Summary
	for i, src := range sources {
		if ctx.Err() != nil {
			break
		}
		res, facts, warns, err := p.one(ctx, src)
		if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			break
		}
		s.Reports++
		s.Warnings += warns
		if err != nil {
			s.Failed++
			s.Errors = append(s.Errors, FileError{src.Path, err})
		} else {
			switch res {
			case kg.WriteCreated:
				s.Created++
			case kg.WriteUnchanged:
				s.Unchanged++
			case kg.WriteReplaced:
				s.Replaced++
			}
			s.Officials += len(facts.Officials)
			s.Meetings += len(facts.Meetings)
			s.Facts += len(facts.Participations) + len(facts.Tenures) + len(facts.DivisionParticipations) + len(facts.Directives)
		}
		if p.Progress != nil {
			p.Progress(Event{Done: i + 1, Total: len(sources), Path: src.Path, Result: res, Err: err})
		}
	}
	s.Elapsed = time.Since(start)
	return s
}

func (p *Pipeline) one(ctx context.Context, src Source) (kg.WriteResult, *kg.ReportFacts, int, error) {
	e := src.Extraction
	if e == nil {
		if err := checkText(src.Text); err != nil {
			return "", nil, 0, err
		}
		if p.Extract == nil {
			return "", nil, 0, errors.New("no extractor: only extraction JSON can be ingested")
		}
		var err error
		if e, err = p.Extract(ctx, src.Text, src.Meta, src.Path); err != nil {
			return "", nil, 0, err
		}
	}
	if len(e.Meetings) == 0 {
		// A report the extractor finds no meeting in adds nothing but a
		// title: it is off-genre or not a report at all, and storing it
		// would hide that.
		return "", nil, len(e.Warnings), fmt.Errorf("%w: no meeting found in the text: not a meeting report", kg.ErrInvalidInput)
	}
	facts, warns, err := Facts(e, src.Meta, src.Text)
	nwarn := len(warns) + len(e.Warnings)
	if err != nil {
		return "", nil, nwarn, err
	}
	res, err := p.Store.WriteReport(ctx, facts)
	return res, facts, nwarn, err
}
