// Package export writes the knowledge graph out for other tools: the
// co-attendance network of officials (GraphML for Gephi and networkx, CSV,
// JSON Lines) and the participation table (who took part in which meeting,
// in what role, with what titles, as which reports tell it).
//
// Exports are built from kg.Store reads only, paging through with cursors,
// so they work the same over every store. The total is bounded: a selection
// larger than the limit is an error that says how to narrow it, never a
// silent cut.
package export

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"officialgraph/internal/kg"
)

// DefaultMaxRows bounds an export: the participations read, and the edges
// of a network.
const DefaultMaxRows = 50000

// ErrTooLarge means the selection holds more rows than the limit allows.
var ErrTooLarge = errors.New("export too large")

// Filter selects what an export holds. The zero Filter selects everything.
type Filter struct {
	// DivisionID keeps officials who held a position in the division or
	// took part in a meeting held in it.
	DivisionID string
	// From and To keep meetings in the range (kg.Date.InRange); officials
	// keep only if they took part in a meeting in it.
	From, To kg.Date
	// Role keeps officials who took part in a meeting in this role. In the
	// participation table it also keeps only participations in the role.
	Role kg.Role
	// MinShared keeps network edges of at least this many shared meetings;
	// values below 1 mean 1.
	MinShared int
	// MaxRows bounds the participations read and the edges of a network;
	// 0 means DefaultMaxRows.
	MaxRows int
}

func (f Filter) maxRows() int {
	if f.MaxRows > 0 {
		return f.MaxRows
	}
	return DefaultMaxRows
}

func (f Filter) officials() kg.OfficialFilter {
	return kg.OfficialFilter{DivisionID: f.DivisionID, Role: f.Role, From: f.From, To: f.To}
}

// Validate checks the filter's values. Errors wrap kg.ErrInvalidInput and
// name the field at fault.
func (f Filter) Validate() error {
	if f.DivisionID != "" {
		if k, ok := kg.KindOf(f.DivisionID); !ok || k != kg.KindDivision {
			return fmt.Errorf("%w: division: %q is not a division ID", kg.ErrInvalidInput, f.DivisionID)
		}
	}
	for _, b := range []struct {
		name string
		d    kg.Date
	}{{"from", f.From}, {"to", f.To}} {
		if b.d.Known() && b.d.Year == 0 {
			return fmt.Errorf("%w: %s: a range bound needs a year, got %s", kg.ErrInvalidInput, b.name, b.d)
		}
	}
	if f.From.Known() && f.To.Known() && f.From.String() > f.To.String() && !strings.HasPrefix(f.From.String(), f.To.String()) {
		return fmt.Errorf("%w: from: %s is after to %s", kg.ErrInvalidInput, f.From, f.To)
	}
	if f.Role != "" && !f.Role.Valid() {
		return fmt.Errorf("%w: role: want presided, spoke, attended or reported, got %q", kg.ErrInvalidInput, f.Role)
	}
	if f.MinShared < 0 {
		return fmt.Errorf("%w: min-shared: want 1 or more, got %d", kg.ErrInvalidInput, f.MinShared)
	}
	return nil
}

// Ref names an entity by ID and name.
type Ref struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Node is an official of the co-attendance network.
type Node struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Pinyin  string   `json:"pinyin"`
	Aliases []string `json:"aliases"`
	Garbled bool     `json:"garbled"`
	// Divisions are those of the positions the official was seen holding,
	// in first-seen order, each once.
	Divisions []Ref `json:"divisions"`
	// Meetings counts the meetings in range the official took part in;
	// Presided, Spoke and Reported count those in each role.
	Meetings int `json:"meetings"`
	Presided int `json:"presided"`
	Spoke    int `json:"spoke"`
	Reported int `json:"reported"`
}

// Edge joins two officials who took part in the same meetings. Source sorts
// before Target in the node order; the network is undirected.
type Edge struct {
	Source string `json:"source"`
	Target string `json:"target"`
	// MeetingIDs are the shared meetings, by date then ID.
	MeetingIDs []string `json:"meeting_ids"`
}

// Shared is the number of shared meetings.
func (e Edge) Shared() int { return len(e.MeetingIDs) }

// Network is the co-attendance network of the officials a Filter selects:
// nodes ordered by name then ID, edges by source then target in node order.
type Network struct {
	Nodes []Node
	Edges []Edge
}

// Participation is one official's part in one meeting, as the reports that
// tell of it merge.
type Participation struct {
	Official Node // ID, Name and Pinyin are set
	Meeting  kg.Meeting
	Roles    []kg.Role
	Titles   []string // the titles held at the time
	Reports  []Ref    // the supporting reports, by report ID; Name is the title
	Evidence []string // one sentence per report, in the order of Reports
}

// participation is what one page of an official's meetings gives.
type participation struct {
	official int // index into the nodes
	om       kg.OfficialMeeting
}

// collect pages through the selected officials and, for each, through the
// meetings in range they took part in (in the filter's role, when
// roleRows). It fails with ErrTooLarge past the row limit.
func collect(ctx context.Context, store kg.Store, f Filter, roleRows bool) ([]Node, []participation, error) {
	if err := f.Validate(); err != nil {
		return nil, nil, err
	}
	limit := f.maxRows()
	var nodes []Node
	var parts []participation
	page := kg.Page{First: kg.MaxPageSize}
	for {
		conn, err := store.Officials(ctx, f.officials(), page)
		if err != nil {
			return nil, nil, fmt.Errorf("listing officials: %w", err)
		}
		for _, o := range conn.Items {
			nodes = append(nodes, Node{ID: o.ID, Name: o.Name, Pinyin: o.Pinyin, Aliases: nonNil(o.Aliases), Garbled: o.Garbled})
		}
		if !conn.PageInfo.HasNextPage || len(conn.Cursors) == 0 {
			break
		}
		page.After = conn.Cursors[len(conn.Cursors)-1]
	}
	mf := kg.MeetingFilter{From: f.From, To: f.To}
	if roleRows {
		mf.Role = f.Role
	}
	for i := range nodes {
		page := kg.Page{First: kg.MaxPageSize}
		for {
			conn, err := store.OfficialMeetings(ctx, nodes[i].ID, mf, page)
			if err != nil {
				return nil, nil, fmt.Errorf("listing the meetings of %s: %w", nodes[i].ID, err)
			}
			if len(parts)+len(conn.Items) > limit {
				return nil, nil, fmt.Errorf("%w: the selection holds more than %d participations; narrow it by division, date range or role", ErrTooLarge, limit)
			}
			for _, om := range conn.Items {
				parts = append(parts, participation{official: i, om: om})
			}
			if !conn.PageInfo.HasNextPage || len(conn.Cursors) == 0 {
				break
			}
			page.After = conn.Cursors[len(conn.Cursors)-1]
		}
	}
	return nodes, parts, nil
}

// BuildNetwork reads the co-attendance network of the officials f selects:
// two officials are joined by the meetings in range both took part in.
func BuildNetwork(ctx context.Context, store kg.Store, f Filter) (*Network, error) {
	nodes, parts, err := collect(ctx, store, f, false)
	if err != nil {
		return nil, err
	}
	type meeting struct {
		m         kg.Meeting
		officials []int
	}
	byID := map[string]*meeting{}
	for _, p := range parts {
		n := &nodes[p.official]
		n.Meetings++
		for _, r := range p.om.Roles {
			switch r {
			case kg.RolePresided:
				n.Presided++
			case kg.RoleSpoke:
				n.Spoke++
			case kg.RoleReported:
				n.Reported++
			}
		}
		m := byID[p.om.Meeting.ID]
		if m == nil {
			m = &meeting{m: p.om.Meeting}
			byID[p.om.Meeting.ID] = m
		}
		m.officials = append(m.officials, p.official)
	}
	meetings := make([]*meeting, 0, len(byID))
	for _, m := range byID {
		meetings = append(meetings, m)
	}
	slices.SortFunc(meetings, func(a, b *meeting) int {
		return cmp.Or(cmp.Compare(kg.MeetingSortKey(a.m), kg.MeetingSortKey(b.m)), cmp.Compare(a.m.ID, b.m.ID))
	})
	type pair struct{ a, b int }
	shared := map[pair][]string{}
	for _, m := range meetings {
		slices.Sort(m.officials)
		for i, a := range m.officials {
			for _, b := range m.officials[i+1:] {
				shared[pair{a, b}] = append(shared[pair{a, b}], m.m.ID)
			}
		}
	}
	minShared := max(f.MinShared, 1)
	pairs := make([]pair, 0, len(shared))
	for p, ms := range shared {
		if len(ms) >= minShared {
			pairs = append(pairs, p)
		}
	}
	if limit := f.maxRows(); len(pairs) > limit {
		return nil, fmt.Errorf("%w: the network has %d edges, more than %d; narrow it by division, date range, role or minimum shared meetings", ErrTooLarge, len(pairs), limit)
	}
	slices.SortFunc(pairs, func(x, y pair) int { return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b)) })
	net := &Network{Nodes: nodes, Edges: make([]Edge, len(pairs))}
	for i, p := range pairs {
		net.Edges[i] = Edge{Source: nodes[p.a].ID, Target: nodes[p.b].ID, MeetingIDs: shared[p]}
	}
	if err := fillDivisions(ctx, store, net.Nodes); err != nil {
		return nil, err
	}
	return net, nil
}

// BuildParticipation reads the participation table of the officials f
// selects, ordered by official (name, ID) then meeting (date, ID).
func BuildParticipation(ctx context.Context, store kg.Store, f Filter) ([]Participation, error) {
	nodes, parts, err := collect(ctx, store, f, true)
	if err != nil {
		return nil, err
	}
	var reportIDs []string
	for _, p := range parts {
		for _, e := range p.om.Evidence {
			reportIDs = append(reportIDs, e.ReportID)
		}
	}
	titles, err := reportTitles(ctx, store, reportIDs)
	if err != nil {
		return nil, err
	}
	rows := make([]Participation, len(parts))
	for i, p := range parts {
		n := nodes[p.official]
		row := Participation{
			Official: Node{ID: n.ID, Name: n.Name, Pinyin: n.Pinyin},
			Meeting:  p.om.Meeting,
			Roles:    nonNil(p.om.Roles),
			Titles:   nonNil(p.om.Titles),
			Reports:  []Ref{},
			Evidence: []string{},
		}
		for _, e := range p.om.Evidence {
			row.Reports = append(row.Reports, Ref{ID: e.ReportID, Name: titles[e.ReportID]})
			row.Evidence = append(row.Evidence, e.Sentence)
		}
		rows[i] = row
	}
	return rows, nil
}

// fillDivisions sets each node's Divisions from the positions the official
// was seen holding.
func fillDivisions(ctx context.Context, store kg.Store, nodes []Node) error {
	ex, batch := store.(kg.Explorer)
	held := make([][]kg.PositionHeld, len(nodes))
	for lo := 0; lo < len(nodes); lo += kg.MaxPageSize {
		hi := min(lo+kg.MaxPageSize, len(nodes))
		if batch {
			ids := make([]string, 0, hi-lo)
			for _, n := range nodes[lo:hi] {
				ids = append(ids, n.ID)
			}
			ph, err := ex.PositionsHeldBy(ctx, ids)
			if err != nil {
				return fmt.Errorf("reading positions: %w", err)
			}
			copy(held[lo:hi], ph)
			continue
		}
		for i := lo; i < hi; i++ {
			ph, err := store.OfficialPositions(ctx, nodes[i].ID)
			if err != nil {
				return fmt.Errorf("reading the positions of %s: %w", nodes[i].ID, err)
			}
			held[i] = ph
		}
	}
	var divIDs []string
	for _, ph := range held {
		for _, p := range ph {
			if p.Position.DivisionID != "" {
				divIDs = append(divIDs, p.Position.DivisionID)
			}
		}
	}
	names, err := divisionNames(ctx, store, divIDs)
	if err != nil {
		return err
	}
	for i, ph := range held {
		nodes[i].Divisions = []Ref{}
		for _, p := range ph {
			id := p.Position.DivisionID
			if id == "" || slices.ContainsFunc(nodes[i].Divisions, func(r Ref) bool { return r.ID == id }) {
				continue
			}
			nodes[i].Divisions = append(nodes[i].Divisions, Ref{ID: id, Name: names[id]})
		}
	}
	return nil
}

// divisionNames maps division IDs to names, in batches when the store
// can batch.
func divisionNames(ctx context.Context, store kg.Store, ids []string) (map[string]string, error) {
	ex, batch := store.(kg.Explorer)
	return lookup(ids, func(chunk []string) ([]string, error) {
		if batch {
			ds, err := ex.DivisionsByID(ctx, chunk)
			if err != nil {
				return nil, fmt.Errorf("reading divisions: %w", err)
			}
			out := make([]string, len(ds))
			for i, d := range ds {
				out[i] = d.Name
			}
			return out, nil
		}
		out := make([]string, len(chunk))
		for i, id := range chunk {
			d, err := store.Division(ctx, id)
			if err != nil && !errors.Is(err, kg.ErrNotFound) {
				return nil, fmt.Errorf("reading division %s: %w", id, err)
			}
			out[i] = d.Name
		}
		return out, nil
	})
}

// reportTitles maps report IDs to titles, in batches when the store can
// batch.
func reportTitles(ctx context.Context, store kg.Store, ids []string) (map[string]string, error) {
	ex, batch := store.(kg.Explorer)
	return lookup(ids, func(chunk []string) ([]string, error) {
		if batch {
			rs, err := ex.ReportsByID(ctx, chunk)
			if err != nil {
				return nil, fmt.Errorf("reading reports: %w", err)
			}
			out := make([]string, len(rs))
			for i, r := range rs {
				out[i] = r.Title
			}
			return out, nil
		}
		out := make([]string, len(chunk))
		for i, id := range chunk {
			r, err := store.Report(ctx, id)
			if err != nil && !errors.Is(err, kg.ErrNotFound) {
				return nil, fmt.Errorf("reading report %s: %w", id, err)
			}
			out[i] = r.Title
		}
		return out, nil
	})
}

// lookup resolves the distinct ids with read, MaxPageSize at a time.
func lookup(ids []string, read func([]string) ([]string, error)) (map[string]string, error) {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := make(map[string]string, len(ids))
	for lo := 0; lo < len(ids); lo += kg.MaxPageSize {
		chunk := ids[lo:min(lo+kg.MaxPageSize, len(ids))]
		vals, err := read(chunk)
		if err != nil {
			return nil, err
		}
		for i, id := range chunk {
			out[id] = vals[i]
		}
	}
	return out, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
