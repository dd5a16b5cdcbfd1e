package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const generated = `package graph

func (ec *executionContext) marshalA(ctx context.Context, v []A) graphql.Marshaler {
	ret := graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		return ec.marshalA1(ctx, v[i])
	})
	return ret
}

func (ec *executionContext) marshalB(ctx context.Context, v []B) graphql.Marshaler {
	ret := graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		return ec.marshalB1(ctx, v[i])
	})
	return ret
}
`

func TestRewrite(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		wantErr string
		want    string // what the file must contain afterwards
	}{
		{name: "calls", src: generated, want: "ret := marshalSlice(ctx, len(v), 0, false, func"},
		{name: "rewritten already", src: strings.ReplaceAll(generated, "graphql.MarshalSliceConcurrently(", "marshalSlice("), want: "ret := marshalSlice(ctx"},
		{name: "no call", src: "package graph\n\nfunc f() {}\n", wantErr: "no call of graphql.MarshalSliceConcurrently to replace"},
		{name: "not Go", src: "package graph\n\nfunc ( graphql.MarshalSliceConcurrently(", wantErr: "does not parse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "generated.go")
			if err := os.WriteFile(file, []byte(tt.src), 0o644); err != nil {
				t.Fatal(err)
			}
			err := rewrite(file)
			got, readErr := os.ReadFile(file)
			if readErr != nil {
				t.Fatal(readErr)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("rewrite: error %v, want one with %q", err, tt.wantErr)
				}
				if string(got) != tt.src {
					t.Errorf("the file changed although rewrite failed:\n%s", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("rewrite: %v", err)
			}
			if strings.Contains(string(got), "MarshalSliceConcurrently") {
				t.Errorf("a call is left:\n%s", got)
			}
			if n := strings.Count(string(got), tt.want); n != 2 {
				t.Errorf("%q appears %d times, want 2:\n%s", tt.want, n, got)
			}
		})
	}
}
