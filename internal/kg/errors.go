package kg

import "errors"

// Sentinel errors. Stores and the pipeline wrap them with context using %w;
// the GraphQL layer maps them to extensions.code in one place.
var (
	// ErrNotFound means the thing asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalidInput means the caller's input is malformed or out of bounds.
	ErrInvalidInput = errors.New("invalid input")
	// ErrUnavailable means a dependency (the database) cannot be reached now;
	// the same call may succeed later.
	ErrUnavailable = errors.New("unavailable")
)
