package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"officialgraph/internal/kg"
)

// window cuts the page p asks for out of a list of n items, where at(i) is
// the i-th item in ascending order and desc reverses it, as kg.Window does
// for every store. key gives an item's sort key and ID; conv what the page
// holds.
func window[R, T any](n int, at func(i int) R, desc bool, key func(R) (string, string), conv func(R) T, p kg.Page) (kg.Conn[T], error) {
	item := at
	if desc {
		item = func(i int) R { return at(n - 1 - i) }
	}
	// versus compares item i with a cursor's position, in list order.
	versus := func(i int, ck, cid string) int {
		k, id := key(item(i))
		c := cmp.Or(strings.Compare(k, ck), strings.Compare(id, cid))
		if desc {
			return -c
		}
		return c
	}
	lo, hi := 0, n
	if p.After != "" {
		ck, cid, err := kg.DecodeCursor(p.After)
		if err != nil {
			return kg.Conn[T]{}, fmt.Errorf("memstore: %w", err)
		}
		lo = sort.Search(n, func(i int) bool { return versus(i, ck, cid) > 0 })
	}
	if p.Before != "" {
		ck, cid, err := kg.DecodeCursor(p.Before)
		if err != nil {
			return kg.Conn[T]{}, fmt.Errorf("memstore: %w", err)
		}
		hi = sort.Search(n, func(i int) bool { return versus(i, ck, cid) >= 0 })
	}
	start, end, info := kg.Window(n, lo, hi, p)
	c := kg.Conn[T]{
		Items:      make([]T, 0, end-start),
		Cursors:    make([]string, 0, end-start),
		PageInfo:   info,
		TotalCount: n,
	}
	for i := start; i < end; i++ {
		r := item(i)
		k, id := key(r)
		c.Items = append(c.Items, conv(r))
		c.Cursors = append(c.Cursors, kg.EncodeCursor(k, id))
	}
	return c, nil
}

// inSlice lists a slice for window.
func inSlice[R any](items []R) (int, func(i int) R) {
	return len(items), func(i int) R { return items[i] }
}

// atPositions lists the records at positions of a snapshot for window.
func atPositions[R any](items []R, pos []int32) (int, func(i int) R) {
	return len(pos), func(i int) R { return items[pos[i]] }
}

// checkDate rejects a filter's date that kg.ParseDate would not read back
// from its String: its range would be undefined.
func checkDate(what string, d kg.Date) error {
	if !validDate(d) {
		return invalid("%s %+v is not a date", what, d)
	}
	return nil
}

func checkRange(from, to kg.Date) error {
	if err := checkDate("from", from); err != nil {
		return err
	}
	return checkDate("to", to)
}

// Officials implements kg.Store.
func (s *Store) Officials(ctx context.Context, f kg.OfficialFilter, p kg.Page) (kg.Conn[kg.Official], error) {
	if err := checkPage(p); err != nil {
		return kg.Conn[kg.Official]{}, err
	}
	if err := checkRole(f.Role); err != nil {
		return kg.Conn[kg.Official]{}, err
	}
	if err := checkRange(f.From, f.To); err != nil {
		return kg.Conn[kg.Official]{}, err
	}
	unlock, err := s.read(ctx, "officials")
	if err != nil {
		return kg.Conn[kg.Official]{}, err
	}
	defer unlock()

	sn := s.allOfficials()
	key := func(o *officialRec) (string, string) { return o.val.Name, o.val.ID }
	if f == (kg.OfficialFilter{}) {
		n, at := inSlice(sn.items)
		return window(n, at, false, key, (*officialRec).official, p)
	}
	fx := s.officialFacets(sn)
	rng := newDayRange(f.From, f.To)
	var q query
	if f.Name != "" {
		q.addRunes(fx.name, f.Name)
	}
	if f.DivisionID != "" {
		q.add(fx.division[f.DivisionID])
	}
	if f.PositionTitle != "" {
		q.addRunes(fx.title, f.PositionTitle)
	}
	checkPart := false
	switch {
	case f.Role == "" && !rng.on:
	case !rng.on:
		if i := roleIndex(f.Role); i >= 0 {
			q.add(fx.role[i])
		} else {
			q.add(fx.anyone)
		}
	case len(q.lists) == 0 && s.rangeIsNarrow(rng, len(sn.items)):
		q.add(s.officialsInRange(sn, f.Role, rng))
	default:
		checkPart = true
	}
	pos := slices.DeleteFunc(q.positions(0, len(sn.items)), func(i int32) bool {
		o := sn.items[i]
		switch {
		case f.Name != "" && !o.named(f.Name),
			f.PositionTitle != "" && !o.holdsTitle(f.PositionTitle),
			checkPart && !o.tookPart(f.Role, rng):
			return true
		}
		return false
	})
	n, at := atPositions(sn.items, pos)
	return window(n, at, false, key, (*officialRec).official, p)
}

// rangeIsNarrow reports whether walking the participants of the meetings in
// range, which lie flat in the meeting facets, costs less than asking each
// of n officials, which chases a few pointers per official.
func (s *Store) rangeIsNarrow(rng dayRange, n int) bool {
	sn := s.allMeetings()
	fx := s.meetingFacets(sn)
	lo, hi := rng.cut(sn.days)
	return int(fx.partsBefore[hi]-fx.partsBefore[lo]) < 64*n
}

// officialsInRange returns the positions of the officials who took part in
// a meeting in range, in the role if one is given.
func (s *Store) officialsInRange(sn *snapshot[*officialRec], role kg.Role, rng dayRange) []int32 {
	msn := s.allMeetings()
	fx := s.meetingFacets(msn)
	lo, hi := rng.cut(msn.days)
	seen := make([]bool, len(sn.items))
	from, to := fx.partsBefore[lo], fx.partsBefore[hi]
	if bit := roleBit(role); hasRole(0, role) {
		for _, o := range fx.partOfficial[from:to] {
			seen[o] = true
		}
	} else {
		for k, m := range fx.partMask[from:to] {
			if m&bit != 0 {
				seen[fx.partOfficial[int(from)+k]] = true
			}
		}
	}
	var out []int32
	for i, ok := range seen {
		if ok {
			out = append(out, int32(i))
		}
	}
	return out
}

func (o *officialRec) named(q string) bool {
	return strings.Contains(o.val.Name, q) ||
		slices.ContainsFunc(o.val.Aliases, func(a string) bool { return strings.Contains(a, q) })
}

func (o *officialRec) holdsTitle(q string) bool {
	for _, t := range o.tenures {
		if strings.Contains(t.pos.val.Title, q) {
			return true
		}
	}
	return false
}

// tookPart reports whether the official took part in a meeting in range, in
// the role if one is given (kg.HasRole).
func (o *officialRec) tookPart(role kg.Role, rng dayRange) bool {
	lo, hi := rng.cut(o.parts.days)
	for _, m := range o.parts.masks[lo:hi] {
		if hasRole(m, role) {
			return true
		}
	}
	return false
}

// Meetings implements kg.Store.
func (s *Store) Meetings(ctx context.Context, f kg.MeetingFilter, p kg.Page) (kg.Conn[kg.Meeting], error) {
	if err := checkPage(p); err != nil {
		return kg.Conn[kg.Meeting]{}, err
	}
	if err := checkRole(f.Role); err != nil {
		return kg.Conn[kg.Meeting]{}, err
	}
	if f.Order != kg.Ascending && f.Order != kg.Descending {
		return kg.Conn[kg.Meeting]{}, invalid("order %d", f.Order)
	}
	if err := checkRange(f.From, f.To); err != nil {
		return kg.Conn[kg.Meeting]{}, err
	}
	unlock, err := s.read(ctx, "meetings")
	if err != nil {
		return kg.Conn[kg.Meeting]{}, err
	}
	defer unlock()

	sn := s.allMeetings()
	rng := newDayRange(f.From, f.To)
	lo, hi := rng.cut(sn.days)
	key := func(m *meetingRec) (string, string) { return m.key, m.val.ID }
	conv := func(m *meetingRec) kg.Meeting { return m.val }
	desc := f.Order == kg.Descending
	if f.DivisionID == "" && f.AttendeeID == "" && f.Role == "" && f.Kind == "" && f.Text == "" {
		n, at := inSlice(sn.items[lo:hi])
		return window(n, at, desc, key, conv, p)
	}
	fx := s.meetingFacets(sn)
	var q query
	switch {
	case f.AttendeeID != "":
		q.add(s.meetingsOf(f.AttendeeID, f.Role, rng))
	case f.Role != "":
		if i := roleIndex(f.Role); i >= 0 {
			q.add(fx.role[i])
		} else {
			q.add(fx.anyone)
		}
	}
	if f.DivisionID != "" {
		q.add(fx.division[f.DivisionID])
	}
	if f.Kind != "" {
		q.add(fx.kind[f.Kind])
	}
	exact := true
	var names *textIndex
	if f.Text != "" {
		names = s.meetingText(sn)
		exact = q.addText(names, f.Text)
	}
	pos := q.positions(lo, hi)
	if !exact {
		pos = slices.DeleteFunc(pos, func(i int32) bool { return !strings.Contains(names.texts[i], f.Text) })
	}
	n, at := atPositions(sn.items, pos)
	return window(n, at, desc, key, conv, p)
}

// meetingsOf returns the positions of the meetings in range an official
// took part in, in the role if one is given. An official's participations
// are in meeting order, so the positions come out ascending.
func (s *Store) meetingsOf(officialID string, role kg.Role, rng dayRange) []int32 {
	o := s.officials[officialID]
	if o == nil {
		return nil
	}
	lo, hi := rng.cut(o.parts.days)
	out := make([]int32, 0, hi-lo)
	for i := lo; i < hi; i++ {
		if hasRole(o.parts.masks[i], role) {
			out = append(out, o.parts.parts[i].mtg.pos)
		}
	}
	return out
}

// Divisions implements kg.Store.
func (s *Store) Divisions(ctx context.Context, f kg.DivisionFilter, p kg.Page) (kg.Conn[kg.Division], error) {
	if err := checkPage(p); err != nil {
		return kg.Conn[kg.Division]{}, err
	}
	if f.Level != "" && !f.Level.Valid() {
		return kg.Conn[kg.Division]{}, invalid("level %q", f.Level)
	}
	unlock, err := s.read(ctx, "divisions")
	if err != nil {
		return kg.Conn[kg.Division]{}, err
	}
	defer unlock()

	// Divisions number in the thousands at most: a scan is fast enough.
	var items []*divisionRec
	if f.ParentID != "" {
		items = setKeys(s.childrenOf[f.ParentID])
		slices.SortFunc(items, compareDivisions)
	} else {
		items = s.allDivisions().items
	}
	if f.Level != "" || f.Name != "" {
		items = slices.DeleteFunc(slices.Clone(items), func(d *divisionRec) bool {
			return f.Level != "" && d.val.Level != f.Level || f.Name != "" && !strings.Contains(d.val.Name, f.Name)
		})
	}
	n, at := inSlice(items)
	return window(n, at, false,
		func(d *divisionRec) (string, string) { return d.key, d.val.ID },
		func(d *divisionRec) kg.Division { return d.val }, p)
}

// Directives implements kg.Store.
func (s *Store) Directives(ctx context.Context, f kg.DirectiveFilter, p kg.Page) (kg.Conn[kg.Directive], error) {
	if err := checkPage(p); err != nil {
		return kg.Conn[kg.Directive]{}, err
	}
	if err := checkRange(f.From, f.To); err != nil {
		return kg.Conn[kg.Directive]{}, err
	}
	unlock, err := s.read(ctx, "directives")
	if err != nil {
		return kg.Conn[kg.Directive]{}, err
	}
	defer unlock()

	sn := s.allDirectives()
	rng := newDayRange(f.From, f.To)
	lo, hi := rng.cut(sn.days)
	key := func(d *directiveRec) (string, string) { return d.key, d.val.ID }
	if f.IssuerID == "" && f.MeetingID == "" && f.DivisionID == "" && f.Text == "" {
		n, at := inSlice(sn.items[lo:hi])
		return window(n, at, false, key, (*directiveRec).directive, p)
	}
	var q query
	check := false // the text postings are not exact
	if f.MeetingID != "" {
		var l []int32
		for d := range s.directivesOf[f.MeetingID] {
			l = append(l, d.pos)
		}
		slices.Sort(l)
		q.add(l)
	}
	if f.IssuerID != "" || f.DivisionID != "" {
		fx := s.directiveFacets(sn)
		if f.IssuerID != "" {
			q.add(fx.issuer[f.IssuerID])
		}
		if f.DivisionID != "" {
			q.add(fx.division[f.DivisionID])
		}
	}
	// A meeting's directives are few: their texts are checked one by one.
	text := func(i int32) string { return sn.items[i].val.Text }
	if f.Text != "" && f.MeetingID == "" {
		texts := s.directiveText(sn)
		check = !q.addText(texts, f.Text)
		text = func(i int32) string { return texts.texts[i] }
	} else if f.Text != "" {
		check = true
	}
	pos := q.positions(lo, hi)
	if check {
		pos = slices.DeleteFunc(pos, func(i int32) bool { return !strings.Contains(text(i), f.Text) })
	}
	n, at := atPositions(sn.items, pos)
	return window(n, at, false, key, (*directiveRec).directive, p)
}

// Reports implements kg.Store.
func (s *Store) Reports(ctx context.Context, p kg.Page) (kg.Conn[kg.Report], error) {
	if err := checkPage(p); err != nil {
		return kg.Conn[kg.Report]{}, err
	}
	unlock, err := s.read(ctx, "reports")
	if err != nil {
		return kg.Conn[kg.Report]{}, err
	}
	defer unlock()
	n, at := inSlice(s.allReports().items)
	return window(n, at, false,
		func(r *reportRec) (string, string) { return r.key, r.facts.Report.ID },
		(*reportRec).report, p)
}
