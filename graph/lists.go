package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// gqlgen marshals every list of objects with one goroutine per element, so
// that the elements' resolvers run at once and their loaders can batch.
// Over a local store nothing batches (newLoaders), and those goroutines are
// only a cost: a search of 20 hits started 20 of them. Worse, under a
// large heap they wait. A request goroutine that starts them and waits
// leaves them in its P's run queue, where the garbage collector's
// fractional mark worker, which takes a P before its run queue, can hold
// them until the scheduler preempts it, 10 to 20 ms later; the other P's
// idle mark worker looks at its own queue only. In a trace of the
// in-memory store at 100,000 reports, 91% of the scheduling delays over
// 1 ms were of these goroutines.
//
// So the generated code calls marshalSlice instead of
// graphql.MarshalSliceConcurrently (tools/listmarshal rewrites it after
// gqlgen generates), and marshalSlice marshals the elements in order, in
// the request's goroutine, where the store is local.

type inOrderKey struct{}

// withListsInOrder marks the operations over store to marshal their lists
// in order when store is local.
func withListsInOrder(local bool) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if !local {
			return next(ctx)
		}
		return next(context.WithValue(ctx, inOrderKey{}, true))
	}
}

// marshalSlice marshals the n elements of a list with marshal: in order
// when the operation is marked so (withListsInOrder), else as gqlgen does,
// concurrently. Its signature is graphql.MarshalSliceConcurrently's, which
// it stands for in the generated code.
func marshalSlice(ctx context.Context, n int, workerLimit int64, omitPanicHandler bool, marshal func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if n < 2 || ctx.Value(inOrderKey{}) == nil {
		return graphql.MarshalSliceConcurrently(ctx, n, workerLimit, omitPanicHandler, marshal)
	}
	ret := make(graphql.Array, n)
	for i := range ret {
		ret[i] = marshalElement(ctx, i, omitPanicHandler, marshal)
	}
	return ret
}

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
