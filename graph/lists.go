package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// gqlgen marshals every list of objects with one goroutine per element, so
// that the elements' resolvers run at once and their loaders can batch.
// Where no element has a resolver to run, or where the store is local and
// nothing batches (newLoaders), those goroutines are only a cost: 20 for a
// search of 20 hits, and over the in-memory store a fifth to a third of a
// request's CPU. They also wait under a large heap: a request goroutine
// that starts them and waits leaves them in its P's run queue, where the
// garbage collector's fractional mark worker, which the scheduler runs
// before that queue, can hold them until it is preempted, 10 to 20 ms
// later, while the other P's idle mark worker looks at its own queue only.
// In a trace of the in-memory store at 100,000 reports, 91% of the
// scheduling delays over 1 ms were of these goroutines. (Without them,
// net/http's background reader of each request waits the same way.)
//
// So the generated code calls marshalSlice instead of
// graphql.MarshalSliceConcurrently (tools/listmarshal rewrites it after
// gqlgen generates), and marshalSlice marshals the elements in order, in
// the request's goroutine, where the store is local or where nothing under
// the list is resolved concurrently (concurrentFields, which
// tools/listmarshal reads out of the generated code).

type inOrderKey struct{}

// withListsInOrder marks each operation to marshal its lists in order when
// the store is local.
func withListsInOrder(local bool) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if !local {
			return next(ctx)
		}
		return next(context.WithValue(ctx, inOrderKey{}, true))
	}
}

// marshalSlice marshals the n elements of a list with marshal: in order
// when the operation is marked so (withListsInOrder) or when no field
// selected under the list is resolved concurrently, else as gqlgen does.
// Its signature is graphql.MarshalSliceConcurrently's, which it stands for
// in the generated code.
func marshalSlice(ctx context.Context, n int, workerLimit int64, omitPanicHandler bool, marshal func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if n < 2 || !inOrder(ctx) {
		return graphql.MarshalSliceConcurrently(ctx, n, workerLimit, omitPanicHandler, marshal)
	}
	ret := make(graphql.Array, n)
	for i := range ret {
		ret[i] = marshalElement(ctx, i, omitPanicHandler, marshal)
	}
	return ret
}

// inOrder reports whether the list of ctx's field may be marshalled in
// order.
func inOrder(ctx context.Context) bool {
	if ctx.Value(inOrderKey{}) != nil {
		return true
	}
	fc := graphql.GetFieldContext(ctx)
	return fc != nil && fc.Field.Field != nil && !resolvesConcurrently(fc.Field.Selections)
}

// resolvesConcurrently reports whether sel selects, at any depth, a field
// the executor resolves concurrently. A field of an interface or a union
// counts when a field of that name is resolved so in any object.
func resolvesConcurrently(sel ast.SelectionSet) bool {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			def := s.ObjectDefinition
			if def == nil {
				return true // not validated: assume the worst
			}
			if def.Kind == ast.Object && concurrentFields[fieldKey{def.Name, s.Name}] ||
				def.Kind != ast.Object && concurrentFieldNames[s.Name] {
				return true
			}
			if resolvesConcurrently(s.SelectionSet) {
				return true
			}
		case *ast.InlineFragment:
			if resolvesConcurrently(s.SelectionSet) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition == nil || resolvesConcurrently(s.Definition.SelectionSet) {
				return true
			}
		}
	}
	return false
}

// fieldKey names a field of an object type.
type fieldKey struct{ object, field string }

// concurrentFieldNames are the names of concurrentFields, whatever their
// object.
var concurrentFieldNames = func() map[string]bool {
	m := make(map[string]bool, len(concurrentFields))
	for k := range concurrentFields {
		m[k.field] = true
	}
	return m
}()

// marshalElement marshals element i of a list as gqlgen's concurrent
// marshalling does: under a field context of its own, which marshal fills
// in, and with a panic turned into the element's error and a null.
func marshalElement(ctx context.Context, i int, omitPanicHandler bool, marshal func(ctx context.Context, i int) graphql.Marshaler) (m graphql.Marshaler) {
	ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
	if !omitPanicHandler {
		defer func() {
			if r := recover(); r != nil {
				graphql.AddError(ctx, graphql.Recover(ctx, r))
				m = graphql.Null
			}
		}()
	}
	return marshal(ctx, i)
}
