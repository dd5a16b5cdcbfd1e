package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"officialgraph/internal/auth"
)

// authorize returns nil when the caller in ctx has the role need, and
// otherwise an error wrapping ErrUnauthenticated (no token) or ErrForbidden
// (a token without the role). what names the thing refused, for the
// message.
func authorize(ctx context.Context, need auth.Role, what string) error {
	c := auth.From(ctx)
	switch {
	case c.Role.Allows(need):
		return nil
	case !c.Authenticated():
		return fmt.Errorf("%s needs a token with the %s role: %w", what, need, ErrUnauthenticated)
	}
	return fmt.Errorf("%w: %s needs the %s role, and this token has the %s role", ErrForbidden, what, need, c.Role)
}

// writeAccess refuses a mutation from a caller without the write role
// before any of its fields runs, so that a mutation of several fields is
// refused whole rather than field by field, and before its cost is even
// weighed. The resolvers check again: they may be reached without this
// extension.
type writeAccess struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = writeAccess{}

func (writeAccess) ExtensionName() string                   { return "WriteAccess" }
func (writeAccess) Validate(graphql.ExecutableSchema) error { return nil }

func (writeAccess) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || oc.Operation.Operation != ast.Mutation {
		return nil
	}
	if err := authorize(ctx, auth.Write, "a mutation"); err != nil {
		gqlErr := gqlerror.Errorf("%s", err)
		gqlErr.Extensions = map[string]any{"code": Code(err)}
		return gqlErr
	}
	return nil
}
