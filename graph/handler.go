package graph

import (
	"log/slog"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"officialgraph/internal/kg"
)

// NewHandler returns the GraphQL HTTP handler over store: GET, POST and
// OPTIONS transports, a parsed-query cache, automatic persisted queries,
// and the complexity and depth limits.
func NewHandler(store kg.Store, log *slog.Logger, limits Limits) *handler.Server {
	cfg := Config{Resolvers: &Resolver{Store: store}, Complexity: complexity()}
	srv := handler.New(NewExecutableSchema(cfg))
	srv.AddTransport(transport.Options{AllowedMethods: []string{"GET", "POST", "OPTIONS"}})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	// Depth first: it is the cheaper check.
	srv.Use(depthLimit{max: limits.Depth})
	srv.Use(extension.FixedComplexityLimit(limits.Complexity))
	srv.AroundOperations(withLoaders(store))
	srv.SetErrorPresenter(ErrorPresenter(log))
	srv.SetRecoverFunc(Recover(log))
	// Parser token limit: a query of more tokens than this is refused
	// before parsing work grows with it.
	srv.SetParserTokenLimit(15000)
	return srv
}
