package graph

import (
	"context"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"officialgraph/internal/kg"
)

// NewHandler returns the GraphQL HTTP handler over store: GET, POST and
// OPTIONS transports, a parsed-query cache, automatic persisted queries,
// write access, the complexity, depth and page size limits, and the
// OperationInfo the access log and the metrics read.
func NewHandler(store kg.Store, log *slog.Logger, limits Limits) *handler.Server {
	cfg := Config{Resolvers: &Resolver{Store: store, Limits: limits}, Complexity: complexity()}
	srv := handler.New(NewExecutableSchema(cfg))
	srv.AddTransport(transport.Options{AllowedMethods: []string{"GET", "POST", "OPTIONS"}})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	// Who may write is settled before any cost is weighed: a refused
	// mutation costs nothing more.
	srv.Use(writeAccess{})
	// Depth first: it is the cheaper check.
	srv.Use(depthLimit{max: limits.Depth})
	srv.Use(extension.FixedComplexityLimit(limits.Complexity))
	srv.AroundOperations(withLoaders(store))
	srv.AroundOperations(withListsInOrder(kg.IsLocal(store)))
	if limits.PageSize > 0 {
		srv.AroundFields(pageSizeLimit(min(limits.PageSize, kg.MaxPageSize)))
	}
	srv.AroundOperations(recordOperation)
	srv.AroundResponses(recordErrors)
	srv.SetErrorPresenter(ErrorPresenter(log))
	srv.SetRecoverFunc(Recover(log))
	// Parser token limit: a query of more tokens than this is refused
	// before parsing work grows with it.
	srv.SetParserTokenLimit(15000)
	return srv
}

// OperationInfo is what the handler learned of one request's operation, for
// the access log and the metrics, which are written outside it.
type OperationInfo struct {
	// Name is the operation's name; "" when it has none.
	Name string
	// Type is query, mutation or subscription; "" when the request was
	// refused before an operation was chosen (a parse error, say).
	Type string
	// Codes are the extensions.code of the response's errors, in order.
	Codes []string
}

type operationInfoKey struct{}

// WithOperationInfo returns a context in which the handler records what it
// learns of the request's operation into the returned OperationInfo.
func WithOperationInfo(ctx context.Context) (context.Context, *OperationInfo) {
	info := &OperationInfo{}
	return context.WithValue(ctx, operationInfoKey{}, info), info
}

// OperationInfoFrom returns the OperationInfo of ctx, or nil.
func OperationInfoFrom(ctx context.Context) *OperationInfo {
	info, _ := ctx.Value(operationInfoKey{}).(*OperationInfo)
	return info
}

// recordOperation notes the operation's name and type once it is chosen.
func recordOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	if info := OperationInfoFrom(ctx); info != nil {
		if op := graphql.GetOperationContext(ctx).Operation; op != nil {
			info.Name = op.Name
			info.Type = string(op.Operation)
		}
	}
	return next(ctx)
}

// recordErrors notes the codes of a response's errors. It sees the
// responses of refused requests too, which never reach recordOperation;
// when one was refused after its operation was chosen (by the depth limit,
// say), it notes the operation as well.
func recordErrors(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if info := OperationInfoFrom(ctx); info != nil && resp != nil {
		if info.Type == "" && graphql.HasOperationContext(ctx) {
			if op := graphql.GetOperationContext(ctx).Operation; op != nil {
				info.Name, info.Type = op.Name, string(op.Operation)
			}
		}
		for _, e := range resp.Errors {
			code, _ := e.Extensions["code"].(string)
			info.Codes = append(info.Codes, code)
		}
	}
	return resp
}
