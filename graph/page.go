package graph

import (
	"context"
	"fmt"

	"officialgraph/graph/model"
	"officialgraph/internal/kg"
)

// pageArgs turns Relay arguments into a kg.Page. The store checks the
// cursors and the maximum; a size below 1 is refused here because kg.Page
// reads 0 as "the default size".
func pageArgs(first *int, after *string, last *int, before *string) (kg.Page, error) {
	var p kg.Page
	if first != nil {
		if *first < 1 {
			return p, fmt.Errorf("%w: first must be between 1 and %d, got %d", kg.ErrInvalidInput, kg.MaxPageSize, *first)
		}
		p.First = *first
	}
	if last != nil {
		if *last < 1 {
			return p, fmt.Errorf("%w: last must be between 1 and %d, got %d", kg.ErrInvalidInput, kg.MaxPageSize, *last)
		}
		p.Last = *last
	}
	p.After, p.Before = deref(after), deref(before)
	return p, p.Validate()
}

// pageInfo converts a store's page information, adding the first and last
// cursors Relay clients use to page on.
func pageInfo(info kg.PageInfo, cursors []string) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: info.HasNextPage, HasPreviousPage: info.HasPreviousPage}
	if len(cursors) > 0 {
		pi.StartCursor = &cursors[0]
		pi.EndCursor = &cursors[len(cursors)-1]
	}
	return pi
}

// edges converts a kg.Conn into the edges of a GraphQL connection.
func edges[T, E any](c kg.Conn[T], edge func(cursor string, node *T) E) []E {
	out := make([]E, len(c.Items))
	for i := range c.Items {
		out[i] = edge(c.Cursors[i], &c.Items[i])
	}
	return out
}

// all reads every page of a list whose length the report bounds, such as a
// meeting's directives, so resolvers can return it as a plain list.
func all[T any](ctx context.Context, list func(kg.Page) (kg.Conn[T], error)) ([]T, error) {
	var out []T
	p := kg.Page{First: kg.MaxPageSize}
	for {
		c, err := list(p)
		if err != nil {
			return nil, err
		}
		out = append(out, c.Items...)
		if !c.PageInfo.HasNextPage || len(c.Cursors) == 0 {
			return out, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		p.After = c.Cursors[len(c.Cursors)-1]
	}
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
