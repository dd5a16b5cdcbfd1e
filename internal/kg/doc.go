// Package kg holds the domain of officialgraph: officials, the positions they
// hold, the meetings they attend and in what role, the administrative
// divisions involved, the directives issued, and the reports every fact is
// read from.
//
// The package does no I/O. It defines the Store interface that every storage
// back end implements (see internal/memstore and internal/neo4jstore), the
// sentinel errors they return, the stable identifiers derived from natural
// keys, and the cursor and date helpers that make both stores give identical
// answers.
//
// Every fact carries the set of reports that support it. Writing a report adds
// that report to the support of each of its facts; deleting it removes the
// report from every support set and deletes the facts left without support.
// That is what makes re-ingesting a report a no-op and deleting it exact.
package kg
