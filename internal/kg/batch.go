package kg

// Local is implemented by stores whose reads are calls within the caller's
// process, each taking microseconds. For such a store, collecting the keys
// of one level of a query into one batch read saves nothing, and the time
// spent collecting them is the whole cost of a query, so readers ask it
// for each object at once.
type Local interface {
	// Local reports whether the store's reads are calls within the
	// process.
	Local() bool
}

// IsLocal reports whether s is a Local store that says its reads are local.
func IsLocal(s any) bool {
	l, ok := s.(Local)
	return ok && l.Local()
}
