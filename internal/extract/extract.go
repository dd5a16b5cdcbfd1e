// Package extract reads the facts of a Chinese news report about a
// meeting: the meeting, who presided, spoke, reported or attended, which
// divisions took part, and the directives that were issued.
//
// It works by rules written for the genre (official meeting reports of
// local party and government bodies), on the canonical text produced by
// package normalize, and does no I/O: the caller passes the text and its
// metadata. The JSON form of Report is the extraction contract described
// in eval/extract-json.md; Report also reads extraction JSON back, the
// gold annotations of the corpora included (see contract.go).
package extract

import (
	"context"
	"fmt"

	"officialgraph/internal/normalize"
)

// Meta is what is known about a report besides its text.
type Meta struct {
	// File is the path the report was read from; it is copied to the
	// output as is.
	File string
	// Title is the report's title.
	Title string
	// PublishedAt is the publication date, YYYY-MM-DD. It is the only
	// source of the year of a meeting whose date the text gives as month
	// and day.
	PublishedAt string
	// URL is where the report was published.
	URL string
}

// Report is what one report says: the extraction contract. Offsets are
// byte offsets in the report as given; read from JSON, an offset the JSON
// leaves out is -1, no place in the text.
//
// The evidence of a fact is the canonical text of the sentence it was
// read from, at EvidenceOffset. A sentence longer than MaxEvidenceRunes is
// cut to an excerpt around the fact (see Excerpt), and each end that was
// cut is marked with Ellipsis, which is not in the text: EvidenceOffset is
// then that of the excerpt's first character, the one after a leading
// Ellipsis. A mark rather than a field of its own says that evidence was
// cut because the store and the API keep evidence as a sentence and an
// offset, and the mark reads as a cut in all three.
type Report struct {
	File      string     `json:"file"`
	Report    ReportInfo `json:"report"`
	Meetings  []Meeting  `json:"meetings"`
	Mentioned []Mention  `json:"mentioned"`
	Warnings  []Warning  `json:"warnings"`
}

// ReportInfo describes the report itself.
type ReportInfo struct {
	Title         string   `json:"title"`
	TitleOriginal string   `json:"titleOriginal,omitempty"`
	PublishedAt   string   `json:"publishedAt"`
	Reporters     []string `json:"reporters"`
	URL           *string  `json:"url"`
	// Encoding is the encoding the text was read in: UTF-8, or GB18030
	// when it was transcoded.
	Encoding string `json:"encoding"`
	// Synthetic marks an invented report. The extractor never sets it
	// (the caller's metadata says so); extraction JSON written by hand
	// may.
	Synthetic bool `json:"synthetic,omitempty"`
}

// Meeting is one meeting (or inspection tour) the report describes.
type Meeting struct {
	Name           string `json:"name"`
	Original       string `json:"original"`
	Date           string `json:"date"`
	Jurisdiction   string `json:"jurisdiction"`
	Kind           string `json:"kind"`
	Evidence       string `json:"evidence"`
	EvidenceOffset int    `json:"evidenceOffset"`

	Participants []Participant `json:"participants"`
	Divisions    []Division    `json:"divisions"`
	Directives   []Directive   `json:"directives"`
}

// The roles a participant or division can have.
const (
	RolePresided = "presided"
	RoleSpoke    = "spoke"
	RoleReported = "reported"
	RoleAttended = "attended"
)

// Participant is a person who took part in a meeting.
type Participant struct {
	Name     string `json:"name"`
	Original string `json:"original"`
	// Roles lists the most specific roles only: presiding, speaking and
	// reporting imply attending.
	Roles []string `json:"roles"`
	// Positions are the positions as written (canonical), the most
	// specific form of each: 娄底市委书记 rather than 市委书记.
	Positions []string `json:"positions"`
	// Titles are Positions split into title, organization and division.
	Titles         []Title `json:"titles"`
	Garbled        bool    `json:"garbled"`
	Evidence       string  `json:"evidence"`
	EvidenceOffset int     `json:"evidenceOffset"`
}

// Division is an administrative division that took part in a meeting.
type Division struct {
	Name           string `json:"name"`
	Original       string `json:"original"`
	Role           string `json:"role"`
	Evidence       string `json:"evidence"`
	EvidenceOffset int    `json:"evidenceOffset"`
}

// Directive is one instruction issued at a meeting.
type Directive struct {
	// Issuer is the person who issued it, or 会议 when the report
	// attributes it to the meeting.
	Issuer         string `json:"issuer"`
	IssuerOriginal string `json:"issuerOriginal"`
	// Ordinal is the item's number in a numbered list (一是, 二是 …) or its
	// place in a list of themed items (在…上，要…); 0 otherwise.
	Ordinal int `json:"ordinal"`
	// Theme is the theme of a themed item (分区分级精准复工复产).
	Theme          string `json:"theme,omitempty"`
	Text           string `json:"text"`
	Evidence       string `json:"evidence"`
	EvidenceOffset int    `json:"evidenceOffset"`
	// Key and Optional are written by gold annotations only, which give
	// a directive's key phrase in place of its text and mark the
	// directives a reader may miss.
	Key      string `json:"key,omitempty"`
	Optional bool   `json:"optional,omitempty"`
}

// Mention is a person the report quotes or refers to without their taking
// part, such as a leader whose speech is being studied.
type Mention struct {
	Name     string `json:"name"`
	Original string `json:"original"`
	Offset   int    `json:"offset"`
}

// Warning flags something a reader of the output should check.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Offset  int    `json:"offset"`
}

// Warning codes.
const (
	WarnGarbledName = "garbled_name"            // a name holds a lost character
	WarnTranscoded  = "transcoded"              // the text was not UTF-8 and was converted
	WarnNoMeeting   = "no_meeting"              // no meeting could be found
	WarnNoYear      = "no_year"                 // a date has no year and no publication date was given
	WarnYearBefore  = "year_before_publication" // a month and day later than publication: the year before is used
	WarnTruncated   = "truncated"               // the text ends inside a character
)

// Extractor extracts reports. The zero value uses the built-in division
// list.
type Extractor struct {
	// Gazetteer, when set, is asked about division names the suffix rule
	// does not accept.
	Gazetteer Gazetteer
}

// Extract reads one report with the built-in division list. It is safe
// for concurrent use, as is Extractor.Extract.
func Extract(ctx context.Context, text []byte, meta Meta) (*Report, error) {
	var e Extractor
	return e.Extract(ctx, text, meta)
}

// Extract reads one report. It fails when the text cannot be decoded (see
// normalize.Normalize) or when ctx ends first, with an error wrapping
// ctx.Err(); a report with nothing to extract gives an empty Report with
// a warning.
func (e *Extractor) Extract(ctx context.Context, text []byte, meta Meta) (*Report, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("extract %s: %w", meta.File, err)
	}
	nt, err := normalize.Normalize(text)
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", meta.File, err)
	}
	g := e.Gazetteer
	if g == nil {
		g = defaultGazetteer
	}
	x := newRun(ctx, nt, meta, g)
	if err := x.read(); err != nil {
		return nil, fmt.Errorf("extract %s: %w", meta.File, err)
	}
	return x.report(), nil
}

// run holds the state of one extraction.
type run struct {
	// ctx is the caller's; the passes ask it at every line or sentence
	// (stopped), and err keeps its error once it has ended
	ctx context.Context
	err error

	t         *normalize.Text
	text      string // t.Canonical with bylines and boilerplate blanked
	meta      Meta
	divisions divisionRecognizer

	lines []line
	known nameSet
	// knownFirst holds the first runes of the known names, for the
	// directive pass, which runs once every name is known
	knownFirst *runeBitmap
	mentioned  map[string]*Mention
	mentOrder  []string
	reporters  []string
	skipNames  map[string]bool // reporters: never participants

	tours        []mention // inspection tours, noted in the first reading
	meetings     []*meetingAcc
	bodyMentions []bodyMention
	mentionsAt   map[int][]mentionRef // by the start of the sentence
	tourStarts   []bodyMention        // where each tour is first told of
	positionsOf  map[string][]string  // positions in the report, by name
	warnings     []Warning
}

func newRun(ctx context.Context, t *normalize.Text, meta Meta, g Gazetteer) *run {
	return &run{
		ctx:       ctx,
		t:         t,
		text:      t.Canonical,
		meta:      meta,
		divisions: divisionRecognizer{g: g},
		known:     nameSet{},
		mentioned: map[string]*Mention{},
		skipNames: map[string]bool{},
	}
}

// read runs the passes of extraction in order. It returns the context's
// error when the context ends first. The passes look at the context
// before each line or sentence, and the readings of roles, the longest,
// before each clause too, since one unpunctuated sentence may be a list
// of thousands (findMentioned, a few scans of the whole text, looks only
// before it starts). The work done once the context has ended is thus
// about a sentence's, and the looks cost little beside it.
func (x *run) read() error {
	for _, pass := range []func(){
		x.splitLines,
		x.readBylines,
		x.findMentioned,
		x.collectNames,
		x.findMeetings,
		x.readRoles,
		x.readDirectives,
	} {
		if x.stopped() {
			break
		}
		pass()
	}
	return x.err
}

// stopped reports whether the context has ended, keeping its error in
// x.err. Once it has, the context is not asked again.
func (x *run) stopped() bool {
	if x.err == nil {
		x.err = x.ctx.Err()
	}
	return x.err != nil
}

// warn records a warning at canonical offset off.
func (x *run) warn(code string, off int, format string, args ...any) {
	x.warnings = append(x.warnings, Warning{Code: code, Message: fmt.Sprintf(format, args...), Offset: x.t.SourceOffset(off)})
}

// plain returns the written form of the canonical span [start, end).
func (x *run) plain(start, end int) string {
	return x.t.PlainSpan(start, end)
}

func (x *run) report() *Report {
	r := &Report{
		File:      x.meta.File,
		Meetings:  []Meeting{},
		Mentioned: []Mention{},
		Warnings:  []Warning{},
	}
	r.Report = ReportInfo{
		Title:       normalize.Canonicalize(x.meta.Title),
		PublishedAt: x.meta.PublishedAt,
		Reporters:   append([]string{}, x.reporters...),
		Encoding:    string(x.t.Encoding),
	}
	if x.meta.Title != "" {
		if t, err := normalize.Normalize([]byte(x.meta.Title)); err == nil && t.Plain != r.Report.Title {
			r.Report.TitleOriginal = t.Plain
		}
	}
	if x.meta.URL != "" {
		u := x.meta.URL
		r.Report.URL = &u
	}
	if x.t.Truncated {
		x.warnings = append(x.warnings, Warning{Code: WarnTruncated, Message: "the text ends inside a character, which is marked lost", Offset: x.t.SourceOffset(len(x.t.Canonical))})
	}
	if x.t.Encoding != normalize.UTF8 {
		x.warnings = append([]Warning{{Code: WarnTranscoded, Message: "the text was read as " + string(x.t.Encoding) + " and converted to UTF-8; offsets are in the original bytes"}}, x.warnings...)
	}
	for i := range x.meetings {
		r.Meetings = append(r.Meetings, x.finishMeeting(i))
	}
	if len(r.Meetings) == 0 {
		x.warnings = append(x.warnings, Warning{Code: WarnNoMeeting, Message: "no meeting found in the report"})
	}
	for _, n := range x.mentOrder {
		r.Mentioned = append(r.Mentioned, *x.mentioned[n])
	}
	r.Warnings = append(r.Warnings, x.warnings...)
	return r
}
