package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// selects reports whether the query asks, of the value the field being
// resolved returns, for the field named name, in any of its fragments.
// A resolver uses it to spare the store work whose result nobody reads.
func selects(ctx context.Context, name string) bool {
	if graphql.GetFieldContext(ctx) == nil {
		return true // not inside a query: assume everything is read
	}
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == name {
			return true
		}
	}
	return false
}

// selectsUnder reports whether the query asks, of the value field f
// returns, for the field named name, in any of its fragments.
func selectsUnder(opCtx *graphql.OperationContext, f graphql.CollectedField, name string) bool {
	for _, g := range graphql.CollectFields(opCtx, f.Selections, nil) {
		if g.Name == name {
			return true
		}
	}
	return false
}
