// Package graph is the GraphQL layer: gqlgen's generated executor, thin
// resolvers over kg.Store, and the helpers they share.
package graph

import "officialgraph/internal/kg"

// Resolver holds the resolvers' dependencies. It is created once per process
// and shared by all requests.
type Resolver struct {
	Store kg.Store
	// Limits bound what one request may ask for; ingestReport reads
	// ReportBytes.
	Limits Limits
}
