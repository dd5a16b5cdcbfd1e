// Package gen writes invented reports of Chinese local-government meetings,
// in the genre of the test corpus, for benchmarks at scale.
//
// The reports tell of an invented country: about a hundred cities with
// their counties and districts, none of them real, and thousands of
// officials drawn from the common surnames (and a few compound ones), some
// of whose names recur in several cities. Officials recur across meetings
// and move up over the years, so that they appear under changing titles.
// Each meeting names 5 to 40 participants in all the roles the genre uses
// (主持, 讲话 and 强调, 出席, 参加 and 列席, 汇报) and carries directives in
// every style (一是…二是…, 一要…, 在…上，要…, 要…, 会议指出/强调/要求). A
// share of the reports is in traditional characters, some with pinyin notes
// after characters (統(tǒng)籌), and some meetings are told by two reports.
//
// Generation is deterministic: the same Config gives the same reports,
// byte for byte. Reports are made one at a time, so any number can be
// streamed. Every report's metadata says it is synthetic.
package gen

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"officialgraph/internal/ingest"
)

// The span of days the reports are dated in.
var (
	firstDay = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	spanDays = int(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Sub(firstDay).Hours() / 24)
)

// Shares, in percent.
const (
	traditionalShare = 15 // reports in traditional characters
	notedShare       = 50 // of those, reports with pinyin notes
	retellShare      = 4  // reports that tell a meeting already told
)

// Config says what to generate.
type Config struct {
	Seed    uint64
	Reports int // how many; Next stops after that many
	Cities  int // 0 means 100
}

// Report is one generated report with what was planted in it.
type Report struct {
	Index int
	Name  string // a file name without extension, e.g. synthetic-000042-2021-03-18
	Text  []byte
	Meta  Meta
	Truth Truth
}

// Meta is a report's sidecar metadata, as NAME.meta.json holds it.
type Meta struct {
	Title       string  `json:"title"`
	PublishedAt string  `json:"publishedAt"`
	URL         *string `json:"url"`
	Synthetic   bool    `json:"synthetic"`
	Note        string  `json:"note"`
}

// JSON returns the metadata as a NAME.meta.json file holds it.
func (m Meta) JSON() []byte {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err) // a struct of strings always marshals
	}
	return append(b, '\n')
}

// IngestMeta returns the metadata as the ingest pipeline reads it.
func (r *Report) IngestMeta() ingest.Meta {
	p := r.Meta.PublishedAt
	return ingest.Meta{Title: r.Meta.Title, PublishedAt: &p, Synthetic: true}
}

// Truth is what a report says, as planted: what a perfect reader would
// extract.
type Truth struct {
	Meeting      string // the meeting's name
	Date         string // YYYY-MM-DD
	Jurisdiction string
	Traditional  bool
	Retold       bool // the meeting was told by an earlier report too
	Participants []Planted
	Divisions    []PlantedDivision
	Directives   int
}

// Planted is a participant as planted: the simplified name, the most
// specific roles (presided, spoke, reported; attended alone), and the titles
// the report gives.
type Planted struct {
	Name   string
	Roles  []string
	Titles []string
}

// PlantedDivision is a division that reported at the meeting.
type PlantedDivision struct {
	Name string
	Role string
}

// Generator makes reports one at a time.
type Generator struct {
	cfg  Config
	rng  *rand.Rand
	w    *world
	n    int
	last *meeting
	seen map[string]bool // meetings told, by unit, day and name
}

// New returns a generator; it invents the world at once.
func New(cfg Config) *Generator {
	if cfg.Cities <= 0 {
		cfg.Cities = 100
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x6f6666696369616c))
	return &Generator{
		cfg:  cfg,
		rng:  rng,
		w:    newWorld(rng, cfg.Cities, spanDays),
		seen: map[string]bool{},
	}
}

// Officials returns how many officials the world has, counting each person
// once.
func (g *Generator) Officials() int {
	seen := map[person]bool{}
	for _, u := range g.w.units {
		for _, h := range u.holders {
			for _, s := range h {
				seen[s.who] = true
			}
		}
	}
	return len(seen)
}

// Cities returns the names of the invented cities.
func (g *Generator) Cities() []string {
	out := make([]string, len(g.w.cities))
	for i, c := range g.w.cities {
		out[i] = c.name
	}
	return out
}

// Next returns the next report, or false after Config.Reports of them.
// Reports come in date order, give or take a few days.
func (g *Generator) Next() (*Report, bool) {
	if g.n >= g.cfg.Reports {
		return nil, false
	}
	i := g.n
	g.n++
	var m *meeting
	retold := false
	if g.last != nil && g.rng.IntN(100) < retellShare {
		m, retold = g.last, true
	} else {
		day := i*spanDays/max(g.cfg.Reports, 1) + g.rng.IntN(3)
		day = min(day, spanDays-1)
		for {
			m = g.plan(day)
			key := m.u.name + "\x1f" + fmt.Sprint(m.day) + "\x1f" + m.name
			if !g.seen[key] {
				g.seen[key] = true
				break
			}
		}
		g.last = m
	}
	r := g.render(m, retold)
	r.Index = i
	r.Name = fmt.Sprintf("synthetic-%06d-%s", i, r.Truth.Date)
	return r, true
}

func dateOf(day int) time.Time { return firstDay.AddDate(0, 0, day) }
