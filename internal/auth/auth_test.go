package auth

import (
	"context"
	"errors"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	writeToken = "w-0123456789abcdef"
	readToken  = "r-0123456789abcdef"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		wantRead  int
		wantWrite int
		wantErr   string // substring; "" for success
	}{
		{name: "empty", text: ""},
		{name: "one per line", text: "write:" + writeToken + "\nread:" + readToken + "\n", wantRead: 1, wantWrite: 1},
		{name: "comma separated", text: "write:" + writeToken + ",read:" + readToken, wantRead: 1, wantWrite: 1},
		{name: "comments and blanks", text: "# the ingest job\n\n  write:" + writeToken + "  \n", wantWrite: 1},
		{name: "duplicate with the same role", text: "read:" + readToken + " read:" + readToken, wantRead: 1},
		{name: "no role", text: writeToken, wantErr: "want ROLE:TOKEN"},
		{name: "unknown role", text: "admin:" + writeToken, wantErr: "read or write"},
		{name: "short token", text: "read:tiny1", wantErr: "shorter than 16"},
		{name: "two roles", text: "read:" + readToken + "\nwrite:" + readToken, wantErr: "two roles"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.text, "test")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Parse = %v, want an error containing %q", err, tt.wantErr)
				}
				// Errors name the entry, never the token.
				for _, secret := range []string{writeToken, readToken, "tiny1"} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("error %q shows a token", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Count(Read) != tt.wantRead || got.Count(Write) != tt.wantWrite {
				t.Errorf("read %d, write %d; want %d, %d", got.Count(Read), got.Count(Write), tt.wantRead, tt.wantWrite)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	toks, err := Parse("write:"+writeToken+"\nread:"+readToken, "test")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		token  string
		want   Role
		wantOK bool
	}{
		{writeToken, Write, true},
		{readToken, Read, true},
		{"", Anonymous, false},
		{writeToken + "x", Anonymous, false},
		{writeToken[:len(writeToken)-1], Anonymous, false},
	}
	for _, tt := range tests {
		role, ok := toks.Lookup(tt.token)
		if role != tt.want || ok != tt.wantOK {
			t.Errorf("Lookup(%q) = %v, %v; want %v, %v", tt.token, role, ok, tt.want, tt.wantOK)
		}
	}
	var none *Tokens
	if _, ok := none.Lookup(writeToken); ok {
		t.Error("a nil Tokens found a token")
	}
}

func TestAuthenticate(t *testing.T) {
	toks, err := Parse("write:"+writeToken+"\nread:"+readToken, "test")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		header  string
		want    Role
		wantErr error
	}{
		{"", Anonymous, nil},
		{"Bearer " + writeToken, Write, nil},
		{"bearer " + readToken, Read, nil},
		{"Bearer nope-nope-nope-nope", Anonymous, ErrInvalidToken},
		{"Basic " + writeToken, Anonymous, ErrInvalidToken},
		{"Bearer", Anonymous, ErrInvalidToken},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("POST", "/graphql", nil)
		if tt.header != "" {
			r.Header.Set("Authorization", tt.header)
		}
		c, err := toks.Authenticate(r)
		if !errors.Is(err, tt.wantErr) || c.Role != tt.want {
			t.Errorf("Authenticate(%q) = %v, %v; want %v, %v", tt.header, c.Role, err, tt.want, tt.wantErr)
		}
	}
}

func TestRoleAllows(t *testing.T) {
	tests := []struct {
		have, need Role
		want       bool
	}{
		{Write, Write, true},
		{Write, Read, true},
		{Read, Write, false},
		{Read, Read, true},
		{Anonymous, Read, false},
		{Anonymous, Anonymous, true},
	}
	for _, tt := range tests {
		if got := tt.have.Allows(tt.need); got != tt.want {
			t.Errorf("%v.Allows(%v) = %v, want %v", tt.have, tt.need, got, tt.want)
		}
	}
}

func TestLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tokens")
	if err := os.WriteFile(path, []byte("# ingest\nwrite:"+writeToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	toks, err := Load("read:"+readToken, path)
	if err != nil {
		t.Fatal(err)
	}
	if toks.Count(Read) != 1 || toks.Count(Write) != 1 {
		t.Errorf("Load: read %d, write %d; want 1, 1", toks.Count(Read), toks.Count(Write))
	}
	if _, err := Load("", filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("Load of a missing file succeeded")
	}
	if _, err := Load("write:"+readToken, path+"x"); err == nil {
		t.Error("Load of a missing file succeeded")
	}
}

func TestContext(t *testing.T) {
	ctx := context.Background()
	if From(ctx).Authenticated() {
		t.Error("an empty context is authenticated")
	}
	ctx = WithCaller(ctx, Caller{Role: Write})
	if got := From(ctx); got.Role != Write || !got.Authenticated() {
		t.Errorf("From = %+v, want a write caller", got)
	}
}
