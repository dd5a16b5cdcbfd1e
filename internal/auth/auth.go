// Package auth decides who a request comes from: bearer tokens from the
// service's configuration, each with a role. It knows nothing of HTTP
// responses or GraphQL; the server and the resolvers decide what a role may
// do.
//
// Tokens are secrets: no error or String method of this package ever
// contains one.
package auth

import (
	"bufio"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"unicode"
)

// Role is what a token may do.
type Role int

// The roles, each allowing what the ones before it do.
const (
	// Anonymous is the role of a request without a token.
	Anonymous Role = iota
	// Read may run queries.
	Read
	// Write may also run mutations.
	Write
)

func (r Role) String() string {
	switch r {
	case Read:
		return "read"
	case Write:
		return "write"
	}
	return "anonymous"
}

// Allows reports whether r may do what need requires.
func (r Role) Allows(need Role) bool { return r >= need }

// MinTokenLength is the shortest token accepted in the configuration. A
// short token can be guessed; 16 characters of a random alphabet cannot.
const MinTokenLength = 16

// ErrInvalidToken means a request presented a token that is not in the
// configuration, or an Authorization header that is not a bearer token.
var ErrInvalidToken = errors.New("the bearer token is not valid")

// Tokens is a set of configured tokens, safe for concurrent use. The zero
// value (and nil) holds no tokens.
type Tokens struct {
	entries []entry
}

// entry keeps only the SHA-256 of a token: comparing fixed-length digests
// in constant time does not leak the configured tokens' lengths, and the
// tokens themselves never stay in memory to be dumped or logged.
type entry struct {
	sum  [sha256.Size]byte
	role Role
}

// Parse reads tokens from text: ROLE:TOKEN entries, ROLE being read or
// write, separated by newlines, commas or spaces. Empty entries and lines
// starting with # are skipped. source names where the text came from, for
// errors; errors name the entry by its position, never by its content.
func Parse(text, source string) (*Tokens, error) {
	t := &Tokens{}
	if err := t.add(strings.NewReader(text), source); err != nil {
		return nil, err
	}
	return t, nil
}

// Merge returns the tokens of both sets. A token in both must have the same
// role in both.
func Merge(a, b *Tokens) (*Tokens, error) {
	out := &Tokens{}
	for _, set := range []*Tokens{a, b} {
		if set == nil {
			continue
		}
		for _, e := range set.entries {
			if err := out.insert(e); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func (t *Tokens) add(r io.Reader, source string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
		for i, f := range fields {
			where := fmt.Sprintf("%s: line %d, entry %d", source, line, i+1)
			e, err := parseEntry(f)
			if err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
			if err := t.insert(e); err != nil {
				return fmt.Errorf("%s: %w", where, err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	return nil
}

func parseEntry(s string) (entry, error) {
	role, token, ok := strings.Cut(s, ":")
	if !ok {
		return entry{}, errors.New("want ROLE:TOKEN with ROLE read or write")
	}
	var e entry
	switch role {
	case "read":
		e.role = Read
	case "write":
		e.role = Write
	default:
		return entry{}, errors.New("the role must be read or write")
	}
	if len(token) < MinTokenLength {
		return entry{}, fmt.Errorf("the token is shorter than %d characters", MinTokenLength)
	}
	e.sum = sha256.Sum256([]byte(token))
	return e, nil
}

func (t *Tokens) insert(e entry) error {
	for _, have := range t.entries {
		if have.sum == e.sum {
			if have.role != e.role {
				return errors.New("the same token is configured with two roles")
			}
			return nil
		}
	}
	t.entries = append(t.entries, e)
	return nil
}

// Len returns the number of distinct tokens.
func (t *Tokens) Len() int {
	if t == nil {
		return 0
	}
	return len(t.entries)
}

// Count returns how many tokens have the role.
func (t *Tokens) Count(r Role) int {
	n := 0
	if t != nil {
		for _, e := range t.entries {
			if e.role == r {
				n++
			}
		}
	}
	return n
}

// Lookup returns the role of token, and false when it is not configured.
// It takes the same time whichever token matches, or none: every entry is
// compared, with no early exit.
func (t *Tokens) Lookup(token string) (Role, bool) {
	if t == nil {
		return Anonymous, false
	}
	sum := sha256.Sum256([]byte(token))
	role := int(Anonymous)
	found := 0
	for _, e := range t.entries {
		eq := subtle.ConstantTimeCompare(sum[:], e.sum[:])
		role = subtle.ConstantTimeSelect(eq, int(e.role), role)
		found |= eq
	}
	return Role(role), found == 1
}

// Caller is who a request comes from.
type Caller struct {
	Role Role
}

// Authenticated reports whether the caller presented a valid token.
func (c Caller) Authenticated() bool { return c.Role != Anonymous }

// Authenticate returns the caller of r from its Authorization header: no
// header is Anonymous; a bearer token is looked up in t; anything else (a
// token not configured, another scheme) is ErrInvalidToken.
func (t *Tokens) Authenticate(r *http.Request) (Caller, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return Caller{Role: Anonymous}, nil
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return Caller{}, ErrInvalidToken
	}
	role, ok := t.Lookup(strings.TrimSpace(token))
	if !ok {
		return Caller{}, ErrInvalidToken
	}
	return Caller{Role: role}, nil
}

type callerKey struct{}

// WithCaller returns a context carrying c.
func WithCaller(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// From returns the caller in ctx; without one, Anonymous.
func From(ctx context.Context) Caller {
	c, _ := ctx.Value(callerKey{}).(Caller)
	return c
}

// EnvVar is the environment variable that holds tokens, in Parse's form.
const EnvVar = "OFFICIALGRAPH_TOKENS"

// Load returns the tokens of env (the value of EnvVar) and of the file at
// path; either may be empty.
func Load(env, path string) (*Tokens, error) {
	fromEnv, err := Parse(env, EnvVar)
	if err != nil {
		return nil, err
	}
	if path == "" {
		return fromEnv, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("tokens file: %w", err)
	}
	defer f.Close()
	fromFile := &Tokens{}
	if err := fromFile.add(f, path); err != nil {
		return nil, err
	}
	return Merge(fromEnv, fromFile)
}
