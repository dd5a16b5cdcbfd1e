package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"officialgraph/graph/model"
	"officialgraph/internal/kg"
)

// Limits bound what one query may ask for, so a hostile query is refused
// before it touches the store.
type Limits struct {
	Complexity int // gqlgen complexity, with lists weighted by their page size
	Depth      int // nesting of selections
	// PageSize bounds the first and last arguments a client sends, at
	// most kg.MaxPageSize (which the stores enforce); 0 means that.
	PageSize int
	// ReportBytes bounds the text of one ingested report; 0 means
	// DefaultReportBytes.
	ReportBytes int
}

// DefaultLimits admit every query a researcher or dashboard reasonably sends:
// a page of 50 meetings with their participants and each one's positions
// costs about 50 × (1 + 30 × 5) ≈ 7,600.
var DefaultLimits = Limits{Complexity: 20000, Depth: 15, PageSize: kg.MaxPageSize, ReportBytes: DefaultReportBytes}

// DefaultReportBytes bounds a report sent to ingestReport. News reports are
// a few kilobytes; 2 MiB leaves room for the longest transcripts while
// keeping one request's extraction work small.
const DefaultReportBytes = 2 << 20

// Per-item weights of the lists that have no page size of their own: a
// meeting's participants and directives are bounded by what a report holds.
const (
	participantsWeight = 30
	boundedListWeight  = 20
	timelineWeight     = 50
)

// pageWeight is how many items a connection field may return.
func pageWeight(first, last *int) int {
	n := kg.DefaultPageSize
	if first != nil {
		n = *first
	}
	if last != nil && (first == nil || *last < n) {
		n = *last
	}
	return max(1, min(n, kg.MaxPageSize))
}

// complexity weighs list fields by how many items they can return, so that
// nesting lists multiplies cost as it multiplies work.
func complexity() ComplexityRoot {
	var c ComplexityRoot
	conn := func(child int, first, last *int) int { return 1 + child*pageWeight(first, last) }
	c.Query.Officials = func(child int, _ *model.OfficialFilter, first *int, _ *string, last *int, _ *string) int {
		return conn(child, first, last)
	}
	c.Query.Meetings = func(child int, _ *model.MeetingFilter, _ *model.SortOrder, first *int, _ *string, last *int, _ *string) int {
		return conn(child, first, last)
	}
	c.Query.Divisions = func(child int, _ *model.DivisionFilter, first *int, _ *string, last *int, _ *string) int {
		return conn(child, first, last)
	}
	c.Query.Directives = func(child int, _ *model.DirectiveFilter, first *int, _ *string, last *int, _ *string) int {
		return conn(child, first, last)
	}
	c.Query.Reports = func(child int, first *int, _ *string, last *int, _ *string) int {
		return conn(child, first, last)
	}
	c.Query.Nodes = func(child int, ids []string) int { return 1 + child*max(1, len(ids)) }
	c.Official.Meetings = func(child int, _ *kg.Role, _, _ *kg.Date, first *int, _ *string, last *int, _ *string) int {
		return conn(child, first, last)
	}
	c.Official.Directives = func(child int, first *int, _ *string, last *int, _ *string) int {
		return conn(child, first, last)
	}
	c.Official.CoAttendees = func(child int, first *int, _ *int, _, _ *kg.Date) int {
		return conn(child, first, nil)
	}
	c.Division.Children = func(child int, first *int, _ *string, last *int, _ *string) int {
		return conn(child, first, last)
	}
	c.Division.Meetings = func(child int, _, _ *kg.Date, first *int, _ *string, last *int, _ *string) int {
		return conn(child, first, last)
	}
	c.Query.Search = func(child int, _ string, _ []model.SearchType, first *int) int {
		return conn(child, first, nil)
	}
	c.Query.Holders = func(child int, _ string, _ *string, _ *kg.Date) int { return 1 + child*boundedListWeight }
	c.Official.Timeline = func(child int) int { return 1 + child*timelineWeight }
	c.Division.Officials = func(child int, first *int, _ *string, last *int, _ *string) int {
		return conn(child, first, last)
	}
	c.Meeting.Participants = func(child int, _ *kg.Role) int { return 1 + child*participantsWeight }
	c.Meeting.Divisions = func(child int, _ *kg.Role) int { return 1 + child*boundedListWeight }
	c.Meeting.Directives = func(child int) int { return 1 + child*boundedListWeight }
	c.Meeting.Sources = func(child int) int { return 1 + child*boundedListWeight }
	c.Official.Positions = func(child int) int { return 1 + child*boundedListWeight }
	c.CoAttendee.SharedMeetings = func(child int) int { return 1 + child*boundedListWeight }
	return c
}

// depthLimit refuses operations nested deeper than its limit. gqlgen has a
// complexity limit but no depth limit; deep queries are cheap to write and,
// through cycles such as official → meetings → participants → official,
// expensive to run.
type depthLimit struct{ max int }

// CodeDepthLimit is the extensions.code of a query refused for its depth,
// named like gqlgen's COMPLEXITY_LIMIT_EXCEEDED.
const CodeDepthLimit = "DEPTH_LIMIT_EXCEEDED"

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = depthLimit{}

func (depthLimit) ExtensionName() string                   { return "DepthLimit" }
func (depthLimit) Validate(graphql.ExecutableSchema) error { return nil }

func (d depthLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if got := depth(oc.Operation.SelectionSet, oc.Doc.Fragments, 0); got > d.max {
		err := gqlerror.Errorf("query depth %d exceeds the limit of %d", got, d.max)
		err.Extensions = map[string]any{"code": CodeDepthLimit}
		return err
	}
	return nil
}

// depth measures the nesting of a selection set, following fragments. The
// fragment-follow is bounded by the limit of nesting itself: cyclic fragments
// are rejected by validation before this runs.
func depth(set ast.SelectionSet, frags ast.FragmentDefinitionList, level int) int {
	if level > 1000 {
		return level
	}
	deepest := level
	for _, sel := range set {
		var d int
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.SelectionSet) == 0 {
				d = level + 1
			} else {
				d = depth(s.SelectionSet, frags, level+1)
			}
		case *ast.InlineFragment:
			d = depth(s.SelectionSet, frags, level)
		case *ast.FragmentSpread:
			if f := frags.ForName(s.Name); f != nil {
				d = depth(f.SelectionSet, frags, level)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// pageSizeLimit refuses first and last arguments above the page size limit,
// with one message whether the limit is the stores' own or a lower one
// configured. Only arguments the client wrote count: a default in the
// schema (coAttendees' first: 20) is the server's choice, not the
// client's.
func pageSizeLimit(limit int) graphql.FieldMiddleware {
	return func(ctx context.Context, next graphql.Resolver) (any, error) {
		fc := graphql.GetFieldContext(ctx)
		if fc == nil || fc.Field.Field == nil || len(fc.Field.Arguments) == 0 {
			return next(ctx)
		}
		for _, name := range [...]string{"first", "last"} {
			if fc.Field.Arguments.ForName(name) == nil {
				continue
			}
			var n int
			switch v := fc.Args[name].(type) {
			case int:
				n = v
			case *int:
				if v != nil {
					n = *v
				}
			}
			if n > limit {
				return nil, fmt.Errorf("%w: %s: %d is over this server's page size limit of %d", kg.ErrInvalidInput, name, n, limit)
			}
		}
		return next(ctx)
	}
}
