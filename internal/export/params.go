package export

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"officialgraph/internal/kg"
)

// The filter parameters, named alike as command-line flags (--division) and
// as URL query parameters (?division=).
const (
	ParamDivision  = "division"
	ParamFrom      = "from"
	ParamTo        = "to"
	ParamRole      = "role"
	ParamMinShared = "min-shared"
)

// ParseFilter reads a Filter from named string values; get returns "" for
// a value not given. An error names the parameter at fault and wraps
// kg.ErrInvalidInput.
func ParseFilter(get func(name string) string) (Filter, error) {
	var f Filter
	var err error
	f.DivisionID = strings.TrimSpace(get(ParamDivision))
	if f.From, err = parseDate(ParamFrom, get(ParamFrom)); err != nil {
		return Filter{}, err
	}
	if f.To, err = parseDate(ParamTo, get(ParamTo)); err != nil {
		return Filter{}, err
	}
	if f.Role, err = ParseRole(get(ParamRole)); err != nil {
		return Filter{}, err
	}
	if s := strings.TrimSpace(get(ParamMinShared)); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return Filter{}, fmt.Errorf("%w: %s: want a whole number of 1 or more, got %q", kg.ErrInvalidInput, ParamMinShared, s)
		}
		f.MinShared = n
	}
	return f, f.Validate()
}

func parseDate(name, s string) (kg.Date, error) {
	d, err := kg.ParseDate(s)
	if err != nil {
		return kg.Date{}, fmt.Errorf("%w: %s: want YYYY-MM-DD, YYYY-MM or YYYY, got %q", kg.ErrInvalidInput, name, s)
	}
	return d, nil
}

// ParseRole reads a role in either case (presided, PRESIDED); "" is no
// role.
func ParseRole(s string) (kg.Role, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	r := kg.Role(strings.ToLower(s))
	if !r.Valid() {
		return "", fmt.Errorf("%w: %s: want presided, spoke, attended or reported, got %q", kg.ErrInvalidInput, ParamRole, s)
	}
	return r, nil
}

// ParseFormat reads a format name.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case GraphML, CSV, JSONL:
		return f, nil
	}
	return "", fmt.Errorf("%w: format: want graphml, csv or jsonl, got %q", kg.ErrInvalidInput, s)
}

// ParseTable reads a table name.
func ParseTable(s string) (Table, error) {
	switch t := Table(strings.ToLower(strings.TrimSpace(s))); t {
	case NetworkTable, ParticipationTable:
		return t, nil
	}
	return "", fmt.Errorf("%w: table: want network or participation, got %q", kg.ErrInvalidInput, s)
}

// ParsePart reads a network CSV part name.
func ParsePart(s string) (Part, error) {
	switch p := Part(strings.ToLower(strings.TrimSpace(s))); p {
	case NodesPart, EdgesPart:
		return p, nil
	}
	return "", fmt.Errorf("%w: part: want nodes or edges, got %q", kg.ErrInvalidInput, s)
}

// Request is one export: what to write, in what format, of what selection.
type Request struct {
	Table  Table
	Format Format
	Part   Part // for a network as CSV
	BOM    bool // for CSV
	Filter Filter
}

// Check reports a combination that cannot be written.
func (r Request) Check() error {
	switch {
	case r.Table == ParticipationTable && r.Format == GraphML:
		return fmt.Errorf("%w: format: the participation table is a table; want csv or jsonl", kg.ErrInvalidInput)
	case r.Table == NetworkTable && r.Format == CSV && r.Part == "":
		return fmt.Errorf("%w: part: a network as CSV is two files; ask for part nodes or part edges", kg.ErrInvalidInput)
	case r.Part != "" && (r.Table != NetworkTable || r.Format != CSV):
		return fmt.Errorf("%w: part: applies only to a network as CSV", kg.ErrInvalidInput)
	case r.BOM && r.Format != CSV:
		return fmt.Errorf("%w: bom: applies only to CSV", kg.ErrInvalidInput)
	case r.Filter.MinShared > 0 && r.Table != NetworkTable:
		return fmt.Errorf("%w: %s: applies only to the network", kg.ErrInvalidInput, ParamMinShared)
	}
	return nil
}

// Output is an export read from the store, ready to write.
type Output struct {
	req  Request
	net  *Network
	rows []Participation
}

// Read reads from store what req asks for.
func Read(ctx context.Context, store kg.Store, req Request) (*Output, error) {
	if err := req.Check(); err != nil {
		return nil, err
	}
	out := &Output{req: req}
	var err error
	if req.Table == NetworkTable {
		out.net, err = BuildNetwork(ctx, store, req.Filter)
	} else {
		out.rows, err = BuildParticipation(ctx, store, req.Filter)
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Write writes the export in its format.
func (o *Output) Write(w io.Writer) error {
	switch {
	case o.net != nil && o.req.Format == GraphML:
		return WriteGraphML(w, o.net)
	case o.net != nil && o.req.Format == CSV:
		return WriteNetworkCSV(w, o.net, o.req.Part, o.req.BOM)
	case o.net != nil:
		return WriteNetworkJSONL(w, o.net)
	case o.req.Format == CSV:
		return WriteParticipationCSV(w, o.rows, o.req.BOM)
	}
	return WriteParticipationJSONL(w, o.rows)
}

// Summary says what the export holds, for a log line.
func (o *Output) Summary() string {
	if o.net != nil {
		return fmt.Sprintf("%d nodes, %d edges", len(o.net.Nodes), len(o.net.Edges))
	}
	return fmt.Sprintf("%d participations", len(o.rows))
}
