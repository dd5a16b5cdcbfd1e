package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"officialgraph/internal/kg"
)

// Format is an export file format.
type Format string

// The formats.
const (
	GraphML Format = "graphml"
	CSV     Format = "csv"
	JSONL   Format = "jsonl"
)

// Table is what an export holds.
type Table string

// The tables.
const (
	NetworkTable       Table = "network"
	ParticipationTable Table = "participation"
)

// Part is one of the two CSV files of a network.
type Part string

// The parts of a network CSV.
const (
	NodesPart Part = "nodes"
	EdgesPart Part = "edges"
)

// utf8BOM lets spreadsheet programs recognise a CSV file as UTF-8.
const utf8BOM = "\uFEFF"

// listSep joins the values of a multi-valued CSV cell.
const listSep = "; "

// WriteGraphML writes the network as GraphML, undirected, with node
// attributes label (the name, as Gephi expects), name, pinyin, aliases,
// garbled, divisions, division_ids, meetings, presided, spoke and reported,
// and edge attributes weight (the number of shared meetings) and
// meeting_ids (their IDs, space-separated).
func WriteGraphML(w io.Writer, net *Network) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">` + "\n")
	for _, k := range graphMLKeys {
		fmt.Fprintf(bw, "  <key id=%q for=%q attr.name=%q attr.type=%q/>\n", k.id, k.of, k.id, k.typ)
	}
	bw.WriteString(`  <graph id="co-attendance" edgedefault="undirected">` + "\n")
	for _, n := range net.Nodes {
		bw.WriteString(`    <node id="`)
		xmlEscape(bw, n.ID)
		bw.WriteString("\">\n")
		names, ids := divisionLists(n.Divisions)
		for _, d := range []struct{ key, val string }{
			{"label", n.Name}, {"name", n.Name}, {"pinyin", n.Pinyin},
			{"aliases", strings.Join(n.Aliases, listSep)},
			{"garbled", strconv.FormatBool(n.Garbled)},
			{"divisions", names}, {"division_ids", ids},
			{"meetings", strconv.Itoa(n.Meetings)}, {"presided", strconv.Itoa(n.Presided)},
			{"spoke", strconv.Itoa(n.Spoke)}, {"reported", strconv.Itoa(n.Reported)},
		} {
			writeData(bw, d.key, d.val)
		}
		bw.WriteString("    </node>\n")
	}
	for i, e := range net.Edges {
		fmt.Fprintf(bw, `    <edge id="e%d" source="`, i)
		xmlEscape(bw, e.Source)
		bw.WriteString(`" target="`)
		xmlEscape(bw, e.Target)
		bw.WriteString("\">\n")
		writeData(bw, "weight", strconv.Itoa(e.Shared()))
		writeData(bw, "meeting_ids", strings.Join(e.MeetingIDs, " "))
		bw.WriteString("    </edge>\n")
	}
	bw.WriteString("  </graph>\n</graphml>\n")
	return bw.Flush()
}

var graphMLKeys = []struct{ id, of, typ string }{
	{"label", "node", "string"},
	{"name", "node", "string"},
	{"pinyin", "node", "string"},
	{"aliases", "node", "string"},
	{"garbled", "node", "boolean"},
	{"divisions", "node", "string"},
	{"division_ids", "node", "string"},
	{"meetings", "node", "int"},
	{"presided", "node", "int"},
	{"spoke", "node", "int"},
	{"reported", "node", "int"},
	{"weight", "edge", "double"},
	{"meeting_ids", "edge", "string"},
}

func writeData(w *bufio.Writer, key, val string) {
	w.WriteString(`      <data key="`)
	w.WriteString(key)
	w.WriteString(`">`)
	xmlEscape(w, val)
	w.WriteString("</data>\n")
}

func xmlEscape(w io.Writer, s string) { xml.EscapeText(w, []byte(s)) }

func divisionLists(ds []Ref) (names, ids string) {
	n := make([]string, len(ds))
	d := make([]string, len(ds))
	for i, r := range ds {
		n[i], d[i] = r.Name, r.ID
	}
	return strings.Join(n, listSep), strings.Join(d, listSep)
}

// NodesHeader, EdgesHeader and ParticipationHeader are the CSV headers.
var (
	NodesHeader         = []string{"id", "name", "pinyin", "aliases", "garbled", "divisions", "division_ids", "meetings", "presided", "spoke", "reported"}
	EdgesHeader         = []string{"source", "target", "weight", "source_name", "target_name", "meeting_ids"}
	ParticipationHeader = []string{"official_id", "official", "pinyin", "meeting_id", "meeting", "date", "kind", "roles", "titles", "report_ids", "reports", "evidence"}
)

// WriteNetworkCSV writes one part of the network as CSV with a header: the
// nodes, or the edges (weight is the number of shared meetings). Cells of
// several values join them with "; ". With bom, the file starts with a
// UTF-8 byte order mark for spreadsheet programs.
func WriteNetworkCSV(w io.Writer, net *Network, part Part, bom bool) error {
	cw, flush, err := newCSV(w, bom)
	if err != nil {
		return err
	}
	switch part {
	case NodesPart:
		cw.Write(NodesHeader)
		for _, n := range net.Nodes {
			names, ids := divisionLists(n.Divisions)
			cw.Write([]string{
				n.ID, text(n.Name), text(n.Pinyin), text(strings.Join(n.Aliases, listSep)),
				strconv.FormatBool(n.Garbled), text(names), ids,
				strconv.Itoa(n.Meetings), strconv.Itoa(n.Presided), strconv.Itoa(n.Spoke), strconv.Itoa(n.Reported),
			})
		}
	case EdgesPart:
		name := make(map[string]string, len(net.Nodes))
		for _, n := range net.Nodes {
			name[n.ID] = n.Name
		}
		cw.Write(EdgesHeader)
		for _, e := range net.Edges {
			cw.Write([]string{
				e.Source, e.Target, strconv.Itoa(e.Shared()),
				text(name[e.Source]), text(name[e.Target]), strings.Join(e.MeetingIDs, listSep),
			})
		}
	default:
		return fmt.Errorf("%w: part: want nodes or edges, got %q", kg.ErrInvalidInput, part)
	}
	return flush()
}

// WriteParticipationCSV writes the participation table as CSV with a
// header. Cells of several values (roles, titles, reports, evidence) join
// them with "; "; reports and evidence are in the same order.
func WriteParticipationCSV(w io.Writer, rows []Participation, bom bool) error {
	cw, flush, err := newCSV(w, bom)
	if err != nil {
		return err
	}
	cw.Write(ParticipationHeader)
	for _, r := range rows {
		roles := make([]string, len(r.Roles))
		for i, role := range r.Roles {
			roles[i] = string(role)
		}
		ids := make([]string, len(r.Reports))
		titles := make([]string, len(r.Reports))
		for i, rep := range r.Reports {
			ids[i], titles[i] = rep.ID, rep.Name
		}
		cw.Write([]string{
			r.Official.ID, text(r.Official.Name), text(r.Official.Pinyin),
			r.Meeting.ID, text(r.Meeting.Name), r.Meeting.Date.String(), text(r.Meeting.Kind),
			strings.Join(roles, listSep), text(strings.Join(r.Titles, listSep)),
			strings.Join(ids, listSep), text(strings.Join(titles, listSep)), text(strings.Join(r.Evidence, listSep)),
		})
	}
	return flush()
}

func newCSV(w io.Writer, bom bool) (*csv.Writer, func() error, error) {
	bw := bufio.NewWriter(w)
	if bom {
		bw.WriteString(utf8BOM)
	}
	cw := csv.NewWriter(bw)
	return cw, func() error {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		return bw.Flush()
	}, nil
}

// text keeps a free-text cell from being read as a formula by a
// spreadsheet program: one starting with =, +, -, @, tab or carriage
// return gets a leading apostrophe. IDs, dates and numbers never need it.
func text(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteNetworkJSONL writes the network as JSON Lines: one object per node
// ({"type":"node",...}), then one per edge ({"type":"edge",...}).
func WriteNetworkJSONL(w io.Writer, net *Network) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, n := range net.Nodes {
		if err := enc.Encode(struct {
			Type string `json:"type"`
			Node
		}{"node", n}); err != nil {
			return err
		}
	}
	for _, e := range net.Edges {
		if err := enc.Encode(jsonEdge{Type: "edge", Source: e.Source, Target: e.Target, Weight: e.Shared(), MeetingIDs: nonNil(e.MeetingIDs)}); err != nil {
			return err
		}
	}
	return bw.Flush()
}

type jsonEdge struct {
	Type       string   `json:"type"`
	Source     string   `json:"source"`
	Target     string   `json:"target"`
	Weight     int      `json:"weight"`
	MeetingIDs []string `json:"meeting_ids"`
}

// JSONParticipation is one line of the participation table as JSON.
type JSONParticipation struct {
	Official struct {
		ID     string `json:"id"`
		Name   string `json:"name"`
		Pinyin string `json:"pinyin"`
	} `json:"official"`
	Meeting struct {
		ID         string `json:"id"`
		Name       string `json:"name"`
		Date       string `json:"date"`
		Kind       string `json:"kind"`
		DivisionID string `json:"division_id"`
	} `json:"meeting"`
	Roles    []kg.Role `json:"roles"`
	Titles   []string  `json:"titles"`
	Reports  []Report  `json:"reports"`
	Evidence []string  `json:"evidence"`
}

// Report names a report in JSON.
type Report struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// WriteParticipationJSONL writes the participation table as JSON Lines,
// one JSONParticipation per line.
func WriteParticipationJSONL(w io.Writer, rows []Participation) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, r := range rows {
		var j JSONParticipation
		j.Official.ID, j.Official.Name, j.Official.Pinyin = r.Official.ID, r.Official.Name, r.Official.Pinyin
		j.Meeting.ID, j.Meeting.Name, j.Meeting.Date = r.Meeting.ID, r.Meeting.Name, r.Meeting.Date.String()
		j.Meeting.Kind, j.Meeting.DivisionID = r.Meeting.Kind, r.Meeting.DivisionID
		j.Roles, j.Titles, j.Evidence = nonNil(r.Roles), nonNil(r.Titles), nonNil(r.Evidence)
		j.Reports = make([]Report, len(r.Reports))
		for i, rep := range r.Reports {
			j.Reports[i] = Report{ID: rep.ID, Title: rep.Name}
		}
		if err := enc.Encode(j); err != nil {
			return err
		}
	}
	return bw.Flush()
}
