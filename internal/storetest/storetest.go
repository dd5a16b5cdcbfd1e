// Package storetest is the conformance suite every kg.Store implementation
// runs, and the fixtures other packages' tests share.
//
// A store's test calls Run with a function that opens an empty store:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) kg.Store {
//			s := memstore.New()
//			t.Cleanup(func() { s.Close(context.Background()) })
//			return s
//		})
//	}
//
// Every case compares a store's answers against expectations written in the
// case itself, derived from the kg documentation, never against another
// store: two stores that pass give identical answers by construction.
//
// The fixtures are SeedFacts, the facts of a real report, and Builder, which
// makes small synthetic reports.
package storetest

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"officialgraph/internal/kg"
)

// Run runs every case of the suite as a subtest, each against a store that
// open returns empty. Subtests run one after another, never in parallel, so
// open may reuse one database by wiping it.
//
// The store must implement kg.Explorer as well: the cases of its methods
// fail for a store that does not.
func Run(t *testing.T, open func(t *testing.T) kg.Store) {
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, c := range g.cases {
				t.Run(c.name, func(t *testing.T) {
					s := open(t)
					if got := counts(t, s); got != (kg.Counts{}) {
						t.Fatalf("open returned a store holding %+v, want an empty one", got)
					}
					c.fn(t, s)
				})
			}
		})
	}
}

type testCase struct {
	name string
	fn   func(t *testing.T, s kg.Store)
}

type group struct {
	name  string
	cases []testCase
}

// groups lists the suite's cases, grouped by what they exercise.
var groups = []group{
	{"Write", writeCases},
	{"WriteReports", writeBatchCases},
	{"Validate", validateCases},
	{"Idempotency", idempotencyCases},
	{"Replace", replaceCases},
	{"Merge", mergeCases},
	{"Delete", deleteCases},
	{"NotFound", notFoundCases},
	{"Filter", filterCases},
	{"Page", pageCases},
	{"Order", orderCases},
	{"Relation", relationCases},
	{"Unicode", unicodeCases},
	{"Context", contextCases},
	{"Concurrency", concurrencyCases},
	// kg.Explorer: every store implements it, and a store that does not
	// fails each of these cases.
	{"Batch", batchCases},
	{"Search", searchCases},
	{"Connection", connectionCases},
	{"Holders", holderCases},
	{"Stats", statsCases},
	{"Profile", profileCases},
	{"ExplorerContext", explorerContextCases},
	// kg.IdentityStore: researchers' identity decisions.
	{"Identity", identityCases},
}

// write writes each report and fails the test unless each write returns
// want.
func write(t *testing.T, s kg.Store, want kg.WriteResult, fs ...*kg.ReportFacts) {
	t.Helper()
	for _, f := range fs {
		got, err := s.WriteReport(t.Context(), f)
		if err != nil {
			t.Fatalf("WriteReport(%s) error: %v", f.Report.ID, err)
		}
		if got != want {
			t.Fatalf("WriteReport(%s) = %q, want %q", f.Report.ID, got, want)
		}
	}
}

func counts(t *testing.T, s kg.Store) kg.Counts {
	t.Helper()
	c, err := s.Counts(t.Context())
	if err != nil {
		t.Fatalf("Counts() error: %v", err)
	}
	return c
}

func wantCounts(t *testing.T, s kg.Store, want kg.Counts) {
	t.Helper()
	if got := counts(t, s); got != want {
		t.Errorf("Counts() = %+v, want %+v", got, want)
	}
}

// check reports a difference between got and want as a test error.
func check(t *testing.T, what string, got, want any) {
	t.Helper()
	if d := diff(got, want); d != "" {
		t.Errorf("%s: %s", what, d)
	}
}

// wantErr fails unless err wraps target.
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s error = %v, want one wrapping %v", what, err, target)
	}
}

// result holds what a store method returned, so that a case can write
// call(s.Official(ctx, id)).must(t, "Official") in one line.
type result[T any] struct {
	v   T
	err error
}

func call[T any](v T, err error) result[T] { return result[T]{v, err} }

// must fails the test on an error and otherwise returns the value; what
// names the call in the message.
func (r result[T]) must(t *testing.T, what string) T {
	t.Helper()
	if r.err != nil {
		t.Fatalf("%s error: %v", what, r.err)
	}
	return r.v
}

// diff describes the first difference between got and want, or returns "" if
// they are equal. Nil and empty slices are equal: stores need not agree on
// which one means "none".
func diff(got, want any) string {
	return diffValue("", reflect.ValueOf(got), reflect.ValueOf(want))
}

func diffValue(path string, g, w reflect.Value) string {
	at := path
	if at == "" {
		at = "value"
	}
	if !g.IsValid() || !w.IsValid() {
		if g.IsValid() != w.IsValid() {
			return fmt.Sprintf("%s: got %v, want %v", at, g, w)
		}
		return ""
	}
	if g.Type() != w.Type() {
		return fmt.Sprintf("%s: got type %v, want %v", at, g.Type(), w.Type())
	}
	switch g.Kind() {
	case reflect.Slice, reflect.Array:
		if g.Len() != w.Len() {
			return fmt.Sprintf("%s: got %d items %s, want %d items %s", at, g.Len(), show(g), w.Len(), show(w))
		}
		for i := range g.Len() {
			if d := diffValue(fmt.Sprintf("%s[%d]", path, i), g.Index(i), w.Index(i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Struct:
		for i := range g.NumField() {
			name := g.Type().Field(i).Name
			p := name
			if path != "" {
				p = path + "." + name
			}
			if d := diffValue(p, g.Field(i), w.Field(i)); d != "" {
				return d
			}
		}
		return ""
	case reflect.Pointer, reflect.Interface:
		if g.IsNil() || w.IsNil() {
			if g.IsNil() != w.IsNil() {
				return fmt.Sprintf("%s: got %s, want %s", at, show(g), show(w))
			}
			return ""
		}
		return diffValue(path, g.Elem(), w.Elem())
	}
	if !reflect.DeepEqual(g.Interface(), w.Interface()) {
		return fmt.Sprintf("%s: got %s, want %s", at, show(g), show(w))
	}
	return ""
}

func show(v reflect.Value) string {
	if !v.IsValid() {
		return "<nil>"
	}
	if v.Kind() == reflect.String {
		return fmt.Sprintf("%q", v.String())
	}
	return fmt.Sprintf("%+v", v.Interface())
}

// The helpers below turn lists into what tests compare: names read better
// than IDs in a failure message.

func officialNames(os []kg.Official) []string {
	out := []string{}
	for _, o := range os {
		out = append(out, o.Name)
	}
	return out
}

func meetingNames(ms []kg.Meeting) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

func divisionNames(ds []kg.Division) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Name)
	}
	return out
}

func directiveTexts(ds []kg.Directive) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Text)
	}
	return out
}

func reportIDs(rs []kg.Report) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func participantNames(ps []kg.Participant) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Official.Name)
	}
	return out
}

func officialMeetingNames(ms []kg.OfficialMeeting) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Meeting.Name)
	}
	return out
}

func coAttendeeNames(cs []kg.CoAttendee) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.Official.Name)
	}
	return out
}

// sortedIDs returns ids in ascending order, the tie-break of every list.
func sortedIDs(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// byReport orders evidence as stores return it: by report ID, then offset.
func byReport(evs ...kg.Evidence) []kg.Evidence {
	out := slices.Clone(evs)
	slices.SortFunc(out, func(a, b kg.Evidence) int {
		if c := strings.Compare(a.ReportID, b.ReportID); c != 0 {
			return c
		}
		return a.Offset - b.Offset
	})
	return out
}

func date(t *testing.T, s string) kg.Date {
	t.Helper()
	d, err := kg.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// everything lists every entity of every kind through the store's list
// methods, walking all pages; it is how cases check that a store holds
// exactly what they expect.
type everything struct {
	Officials  []kg.Official
	Meetings   []kg.Meeting
	Divisions  []kg.Division
	Directives []kg.Directive
	Reports    []kg.Report
}

func listAll(t *testing.T, s kg.Store) everything {
	t.Helper()
	ctx := t.Context()
	return everything{
		Officials: walk(t, "Officials", func(p kg.Page) (kg.Conn[kg.Official], error) {
			return s.Officials(ctx, kg.OfficialFilter{}, p)
		}),
		Meetings: walk(t, "Meetings", func(p kg.Page) (kg.Conn[kg.Meeting], error) {
			return s.Meetings(ctx, kg.MeetingFilter{}, p)
		}),
		Divisions: walk(t, "Divisions", func(p kg.Page) (kg.Conn[kg.Division], error) {
			return s.Divisions(ctx, kg.DivisionFilter{}, p)
		}),
		Directives: walk(t, "Directives", func(p kg.Page) (kg.Conn[kg.Directive], error) {
			return s.Directives(ctx, kg.DirectiveFilter{}, p)
		}),
		Reports: walk(t, "Reports", func(p kg.Page) (kg.Conn[kg.Report], error) {
			return s.Reports(ctx, p)
		}),
	}
}

// walk pages forward through a whole list with the largest pages allowed
// and returns its items.
func walk[T any](t *testing.T, what string, list func(kg.Page) (kg.Conn[T], error)) []T {
	t.Helper()
	return walkBy(t, what, kg.MaxPageSize, list)
}

// walkBy pages forward through a whole list with pages of the given size and
// returns its items, checking that TotalCount is the number of items and
// that every page moves on: a store whose After cursor does not advance
// fails here instead of looping forever.
func walkBy[T any](t *testing.T, what string, size int, list func(kg.Page) (kg.Conn[T], error)) []T {
	t.Helper()
	var all []T
	p := kg.Page{First: size}
	for pages := 0; ; pages++ {
		c, err := list(p)
		if err != nil {
			t.Fatalf("%s(%+v) error: %v", what, p, err)
		}
		if len(c.Cursors) != len(c.Items) {
			t.Fatalf("%s(%+v): %d cursors for %d items", what, p, len(c.Cursors), len(c.Items))
		}
		all = append(all, c.Items...)
		if !c.PageInfo.HasNextPage || len(c.Items) == 0 {
			if c.TotalCount != len(all) {
				t.Errorf("%s: TotalCount = %d, walked %d items", what, c.TotalCount, len(all))
			}
			return all
		}
		if pages > c.TotalCount || c.Cursors[len(c.Cursors)-1] == p.After {
			t.Fatalf("%s: page %d after %q does not move on", what, pages+1, p.After)
		}
		p.After = c.Cursors[len(c.Cursors)-1]
	}
}
