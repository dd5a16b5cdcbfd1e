package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"officialgraph/internal/kg"
	"officialgraph/internal/requestid"
)

// Error codes in extensions.code. This file is the one place that maps
// domain errors to them.
const (
	CodeNotFound        = "NOT_FOUND"
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeForbidden       = "FORBIDDEN"
	CodeUnavailable     = "UNAVAILABLE"
	CodeInternal        = "INTERNAL"
	// CodeRateLimited is the code of a request refused by the HTTP layer
	// because its client sent too many; no domain error maps to it.
	CodeRateLimited = "RATE_LIMITED"
)

// ErrorPresenter returns a gqlgen error presenter that gives every error an
// extensions.code and never shows internals: an unexpected error becomes
// INTERNAL with the request ID, and its details go to the log only.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		var gqlErr *gqlerror.Error
		if errors.As(err, &gqlErr) && gqlErr.Err == nil {
			// Parse and validation errors from gqlgen itself: already safe,
			// and already carrying their own code.
			return gqlErr
		}
		out := graphql.DefaultErrorPresenter(ctx, err)
		code := Code(err)
		if out.Extensions == nil {
			out.Extensions = map[string]any{}
		}
		out.Extensions["code"] = code
		switch code {
		case CodeInternal:
			id := requestid.From(ctx)
			log.ErrorContext(ctx, "request failed", "request_id", id, "path", out.Path.String(), "err", err)
			out.Message = "internal error; the request ID identifies it in the service log"
			out.Extensions["requestId"] = id
		case CodeUnavailable:
			log.WarnContext(ctx, "store unavailable", "request_id", requestid.From(ctx), "err", err)
			out.Message = "the database is unavailable; try again shortly"
			if errors.Is(err, context.DeadlineExceeded) {
				// The request's own deadline, not the database, is what
				// ran out: a smaller query may succeed at once.
				out.Message = "the request ran past the server's time limit; ask for less or try again shortly"
			}
			out.Extensions["requestId"] = requestid.From(ctx)
		}
		return out
	}
}

// Code maps an error to its extensions.code.
func Code(err error) string {
	switch {
	case errors.Is(err, kg.ErrInvalidInput):
		return CodeBadUserInput
	case errors.Is(err, kg.ErrNotFound):
		return CodeNotFound
	case errors.Is(err, kg.ErrUnavailable), errors.Is(err, context.DeadlineExceeded):
		return CodeUnavailable
	case errors.Is(err, ErrUnauthenticated):
		return CodeUnauthenticated
	case errors.Is(err, ErrForbidden):
		return CodeForbidden
	}
	return CodeInternal
}

// Errors about the caller's credentials, for the write operations.
var (
	ErrUnauthenticated = errors.New("authentication required: send an Authorization: Bearer token")
	ErrForbidden       = errors.New("this token may not do that")
)

// Recover turns a panic in a resolver into an INTERNAL error instead of a
// dropped connection.
func Recover(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "request_id", requestid.From(ctx), "panic", fmt.Sprint(p))
		return errors.New("panic in resolver")
	}
}
