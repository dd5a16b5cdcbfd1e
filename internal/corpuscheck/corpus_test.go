package corpuscheck

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/liuzl/gocc"
)

// meta is a report's NAME.meta.json sidecar.
type meta struct {
	Title       *string `json:"title"`
	PublishedAt *string `json:"publishedAt"`
	URL         *string `json:"url"`
	Synthetic   bool    `json:"synthetic"`
	Note        string  `json:"note"`
}

// gold is a report's NAME.gold.json annotation, as eval/score.py reads it.
type gold struct {
	Report struct {
		Title       *string   `json:"title"`
		PublishedAt *string   `json:"publishedAt"`
		Reporters   *[]string `json:"reporters"`
	} `json:"report"`
	Meetings  *[]meeting `json:"meetings"`
	Mentioned *[]string  `json:"mentioned"`
}

type meeting struct {
	Name         string         `json:"name"`
	Date         string         `json:"date"`
	Jurisdiction string         `json:"jurisdiction"`
	Participants *[]participant `json:"participants"`
	Divisions    *[]division    `json:"divisions"`
	Directives   *[]directive   `json:"directives"`
}

type participant struct {
	Name      string    `json:"name"`
	Roles     []string  `json:"roles"`
	Positions *[]string `json:"positions"`
	Garbled   bool      `json:"garbled"`
	Optional  bool      `json:"optional"`
}

type division struct {
	Name     string `json:"name"`
	Role     string `json:"role"`
	Optional bool   `json:"optional"`
}

type directive struct {
	Issuer   string `json:"issuer"`
	Key      string `json:"key"`
	Optional bool   `json:"optional"`
}

var (
	// pinyinNote is a reading in brackets after a character, as some sites
	// print traditional text: 統(tǒng)籌.
	pinyinNote = regexp.MustCompile(`\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)`)
	// punct and garble mirror eval/score.py's normalisation.
	punct  = regexp.MustCompile(`[\s\x{3000},.;:!?'"()\[\]{}<>，。；：！？、“”‘’（）《》【】…—-]`)
	garble = regexp.MustCompile(`[?？\x{fffd}]`)

	fullDate  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	anyDate   = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|--\d{2}-\d{2})$`)
	yearInTxt = regexp.MustCompile(`(19|20)\d{2}年`)
)

var t2s = sync.OnceValues(func() (*gocc.OpenCC, error) { return gocc.New("t2s") })

// simplify removes pinyin notes and converts traditional characters to
// simplified ones; it leaves simplified text as it is.
func simplify(t *testing.T, s string) string {
	t.Helper()
	cc, err := t2s()
	if err != nil {
		t.Fatalf("t2s converter: %v", err)
	}
	out, err := cc.Convert(pinyinNote.ReplaceAllString(s, ""))
	if err != nil {
		t.Fatalf("t2s: %v", err)
	}
	return out
}

func normName(s string) string {
	return garble.ReplaceAllString(strings.Join(strings.Fields(s), ""), "?")
}

func normText(s string) string {
	return punct.ReplaceAllString(garble.ReplaceAllString(s, "?"), "")
}

// reports lists the NAME stems of the .txt reports in dir.
func reports(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var stems []string
	for _, p := range paths {
		stems = append(stems, strings.TrimSuffix(p, ".txt"))
	}
	return stems
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
}

func TestSyntheticCorpus(t *testing.T) {
	stems := reports(t, "../../corpus/synthetic")
	if len(stems) < 40 {
		t.Errorf("corpus/synthetic has %d reports, want at least 40", len(stems))
	}
	for _, stem := range stems {
		t.Run(filepath.Base(stem), func(t *testing.T) {
			var m meta
			readJSON(t, stem+".meta.json", &m)
			if !m.Synthetic {
				t.Error("meta: synthetic is not true")
			}
			if m.URL != nil {
				t.Errorf("meta: url = %q, want null for an invented report", *m.URL)
			}
			if m.Note == "" {
				t.Error("meta: no note")
			}
			checkReport(t, stem, m, true)
		})
	}
}

func TestSeedCorpus(t *testing.T) {
	for _, stem := range reports(t, "../../corpus/seed") {
		t.Run(filepath.Base(stem), func(t *testing.T) {
			var m meta
			readJSON(t, stem+".meta.json", &m)
			checkReport(t, stem, m, false)
		})
	}
}

// checkReport checks a report's gold file against its meta file and its text.
// Synthetic reports are held to the corpus's own rules too (directive keys of
// 6 to 15 characters).
func checkReport(t *testing.T, stem string, m meta, synthetic bool) {
	t.Helper()
	raw, err := os.ReadFile(stem + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(raw) {
		t.Fatal("text is not UTF-8")
	}
	text := simplify(t, string(raw))
	flat := normText(text)
	nameText := normName(text)
	// Reports of the genre run from a short notice to a long speech summary;
	// the synthetic ones stay within what the genre shows.
	if n := utf8.RuneCountInString(nameText); synthetic && (n < 500 || n > 2500) {
		t.Errorf("text has %d characters (spaces and pinyin notes aside), want 500 to 2500", n)
	}

	if m.Title == nil || *m.Title == "" {
		t.Error("meta: no title")
	}
	if m.PublishedAt != nil && !fullDate.MatchString(*m.PublishedAt) {
		t.Errorf("meta: publishedAt %q is not YYYY-MM-DD", *m.PublishedAt)
	}

	var g gold
	readJSON(t, stem+".gold.json", &g)
	switch {
	case g.Report.Title == nil:
		t.Error("gold: report.title missing")
	case m.Title != nil && *g.Report.Title != simplify(t, *m.Title):
		t.Errorf("gold: report.title %q is not the simplified meta title %q", *g.Report.Title, *m.Title)
	}
	if !sameDate(g.Report.PublishedAt, m.PublishedAt) {
		t.Errorf("gold: report.publishedAt %v differs from meta's %v", deref(g.Report.PublishedAt), deref(m.PublishedAt))
	}
	if g.Report.Reporters == nil {
		t.Error("gold: report.reporters missing")
	} else {
		for _, r := range *g.Report.Reporters {
			if !strings.Contains(nameText, normName(r)) {
				t.Errorf("gold: reporter %q not in the text", r)
			}
		}
	}
	if g.Mentioned == nil {
		t.Error("gold: mentioned missing")
	} else {
		for _, n := range *g.Mentioned {
			if !strings.Contains(nameText, normName(n)) {
				t.Errorf("gold: mentioned %q not in the text", n)
			}
		}
	}
	if g.Meetings == nil || len(*g.Meetings) == 0 {
		t.Fatal("gold: no meetings")
	}
	for i, mt := range *g.Meetings {
		checkMeeting(t, i, mt, text, flat, nameText, m.PublishedAt, synthetic)
	}
}

func checkMeeting(t *testing.T, i int, mt meeting, text, flat, nameText string, published *string, synthetic bool) {
	t.Helper()
	if mt.Name == "" || mt.Jurisdiction == "" {
		t.Errorf("meeting %d: name %q, jurisdiction %q: both are required", i, mt.Name, mt.Jurisdiction)
	}
	// The scorer matches meeting names by containment, so a gold name must be
	// the text's own words: 全市/全省 is dropped rather than replaced by a
	// jurisdiction the text does not put there.
	if synthetic && !strings.Contains(flat, normText(mt.Name)) {
		t.Errorf("meeting %d: name %q not in the text", i, mt.Name)
	}
	switch {
	case !anyDate.MatchString(mt.Date):
		t.Errorf("meeting %d: date %q is not YYYY-MM-DD, YYYY-MM or --MM-DD", i, mt.Date)
	case yearInTxt.MatchString(text):
		// The text gives the year itself.
	case published == nil && !strings.HasPrefix(mt.Date, "--"):
		t.Errorf("meeting %d: date %q has a year, but neither the text nor publishedAt gives one", i, mt.Date)
	case published != nil && !strings.HasPrefix(mt.Date, (*published)[:4]):
		t.Errorf("meeting %d: date %q is not in the year of publishedAt %s", i, mt.Date, *published)
	}
	if mt.Participants == nil || mt.Divisions == nil || mt.Directives == nil {
		t.Fatalf("meeting %d: participants, divisions and directives are all required (may be empty)", i)
	}
	people := map[string]bool{"会议": true}
	for _, p := range *mt.Participants {
		name := normName(p.Name)
		people[name] = true
		if !strings.Contains(nameText, name) {
			t.Errorf("meeting %d: participant %q not in the text", i, p.Name)
		}
		if strings.Contains(name, "?") != p.Garbled {
			t.Errorf("meeting %d: participant %q: garbled is %v", i, p.Name, p.Garbled)
		}
		if p.Positions == nil {
			t.Errorf("meeting %d: participant %q: positions missing", i, p.Name)
		}
		if len(p.Roles) == 0 {
			t.Errorf("meeting %d: participant %q has no role", i, p.Name)
		}
		for _, r := range p.Roles {
			switch r {
			case "presided", "spoke", "attended", "reported":
			default:
				t.Errorf("meeting %d: participant %q: unknown role %q", i, p.Name, r)
			}
		}
	}
	for _, d := range *mt.Divisions {
		if !strings.Contains(flat, normText(d.Name)) {
			t.Errorf("meeting %d: division %q not in the text", i, d.Name)
		}
		if !d.Optional && d.Role != "reported" && d.Role != "attended" {
			t.Errorf("meeting %d: division %q: role %q is scored only as reported or attended; mark it optional", i, d.Name, d.Role)
		}
	}
	for _, d := range *mt.Directives {
		key := normText(d.Key)
		if n := utf8.RuneCountInString(key); synthetic && (n < 6 || n > 15) {
			t.Errorf("meeting %d: directive key %q has %d characters, want 6 to 15", i, d.Key, n)
		}
		if !strings.Contains(flat, key) {
			t.Errorf("meeting %d: directive key %q not in the text", i, d.Key)
		}
		if !people[normName(d.Issuer)] {
			t.Errorf("meeting %d: directive issuer %q is neither a participant nor 会议", i, d.Issuer)
		}
	}
}

func sameDate(a, b *string) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func deref(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}
