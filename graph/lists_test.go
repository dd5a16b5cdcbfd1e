package graph

import (
	"context"
	"fmt"
	"os"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// TestMarshalSlice checks that marshalSlice gives what gqlgen's concurrent
// marshalling gives, in order or not: each element under a field context
// of its own with its index, a panicking element as null with an error at
// its path, the others intact; and that in order it starts no goroutine
// and marshals the elements one after another.
func TestMarshalSlice(t *testing.T) {
	for _, inOrder := range []bool{true, false} {
		t.Run(map[bool]string{true: "in order", false: "concurrently"}[inOrder], func(t *testing.T) {
			ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter,
				func(ctx context.Context, r any) error { return fmt.Errorf("panic: %v", r) })
			// The list's elements select a field resolved concurrently, so
			// only the mark of a local store's operation puts them in order.
			list := &ast.Field{Name: "list", Alias: "list", SelectionSet: ast.SelectionSet{
				&ast.Field{Name: "participants", ObjectDefinition: &ast.Definition{Kind: ast.Object, Name: "Meeting"}},
			}}
			ctx = graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{Field: list, Selections: list.SelectionSet}})
			if inOrder {
				ctx = context.WithValue(ctx, inOrderKey{}, true)
			}
			const n, panics = 5, 2
			var (
				mu    sync.Mutex
				order []int
			)
			started := GoroutinesCreated()
			got := marshalSlice(ctx, n, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
				fc := graphql.GetFieldContext(ctx)
				if fc.Index == nil || *fc.Index != i {
					t.Errorf("element %d: field context index %v, want %d", i, fc.Index, i)
				}
				fc.Result = i // as the generated code does: each element's context is its own
				mu.Lock()
				order = append(order, i)
				mu.Unlock()
				if i == panics {
					panic("element fails")
				}
				return graphql.MarshalInt(i)
			})
			goroutines := GoroutinesCreated() - started

			if len(got) != n {
				t.Fatalf("got %d elements, want %d", len(got), n)
			}
			for i, m := range got {
				want := strconv.Itoa(i)
				if i == panics {
					want = "null"
				}
				if s := marshalled(m); s != want {
					t.Errorf("element %d = %s, want %s", i, s, want)
				}
			}
			errs := graphql.GetErrors(ctx)
			if len(errs) != 1 || errs[0].Path.String() != "list[2]" {
				t.Errorf("errors %v, want one at list[2]", errs)
			}
			if !inOrder {
				return
			}
			if !slices.Equal(order, []int{0, 1, 2, 3, 4}) {
				t.Errorf("marshalled in the order %v, want 0 to 4", order)
			}
			if goroutines != 0 {
				t.Errorf("started %d goroutines, want none", goroutines)
			}
		})
	}
}

// TestResolvesConcurrently checks which selections under a list keep its
// elements concurrent: those that reach a field the executor resolves in a
// goroutine of its own, through objects, fragments and abstract types.
func TestResolvesConcurrently(t *testing.T) {
	object := func(name string) *ast.Definition { return &ast.Definition{Kind: ast.Object, Name: name} }
	field := func(obj *ast.Definition, name string, sub ...ast.Selection) *ast.Field {
		return &ast.Field{Name: name, ObjectDefinition: obj, SelectionSet: sub}
	}
	official, meeting := object("Official"), object("Meeting")
	node := &ast.Definition{Kind: ast.Interface, Name: "Node"}
	tests := []struct {
		name string
		sel  ast.SelectionSet
		want bool
	}{
		{"plain fields", ast.SelectionSet{field(official, "id"), field(official, "name")}, false},
		{"a field resolved concurrently", ast.SelectionSet{field(official, "name"), field(official, "positions")}, true},
		{"one deeper", ast.SelectionSet{field(object("CoAttendee"), "official", field(official, "meetings"))}, true},
		{"the name of a concurrent field on another object", ast.SelectionSet{field(object("Chain"), "meetings", field(meeting, "id"))}, false},
		{"in an inline fragment", ast.SelectionSet{&ast.InlineFragment{TypeCondition: "Meeting", SelectionSet: ast.SelectionSet{field(meeting, "participants")}}}, true},
		{"in a fragment spread", ast.SelectionSet{&ast.FragmentSpread{Name: "F", Definition: &ast.FragmentDefinition{SelectionSet: ast.SelectionSet{field(meeting, "sources")}}}}, true},
		{"a fragment spread without fields resolved so", ast.SelectionSet{&ast.FragmentSpread{Name: "F", Definition: &ast.FragmentDefinition{SelectionSet: ast.SelectionSet{field(meeting, "name")}}}}, false},
		{"an interface's field resolved so in some object", ast.SelectionSet{field(node, "meetings")}, true},
		{"an interface's plain field", ast.SelectionSet{field(node, "id")}, false},
		{"a field not validated", ast.SelectionSet{&ast.Field{Name: "id"}}, true},
	}
	for _, tt := range tests {
		if got := resolvesConcurrently(tt.sel); got != tt.want {
			t.Errorf("%s: resolvesConcurrently = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestListsInOrderOverLocalStore checks that only a local store's requests
// are marked to marshal lists in order: over any other, the elements'
// loaders batch only if the elements resolve at once.
func TestListsInOrderOverLocalStore(t *testing.T) {
	for _, local := range []bool{true, false} {
		var marked bool
		mw := withListsInOrder(local)
		mw(context.Background(), func(ctx context.Context) graphql.ResponseHandler {
			marked = ctx.Value(inOrderKey{}) != nil
			return nil
		})
		if marked != local {
			t.Errorf("local store %v: lists marked in order %v, want %v", local, marked, local)
		}
	}
}

// marshalled is m's JSON.
func marshalled(m graphql.Marshaler) string {
	var b strings.Builder
	m.MarshalGQL(&b)
	return b.String()
}

// GoroutinesCreated is how many goroutines the process has started, for
// this package's tests and benchmarks. Each costs little, but on few cores
// each may wake a thread: a request that starts a hundred pays for it in
// the scheduler.
func GoroutinesCreated() uint64 {
	m := []metrics.Sample{{Name: "/sched/goroutines-created:goroutines"}}
	metrics.Read(m)
	return m[0].Value.Uint64()
}

// TestGeneratedListsGoThroughMarshalSlice checks that the generated code
// was rewritten after gqlgen generated it (go generate runs
// tools/listmarshal): a list it marshals itself would start its goroutines
// over every store.
func TestGeneratedListsGoThroughMarshalSlice(t *testing.T) {
	src, err := os.ReadFile("generated.go")
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(src), "graphql.MarshalSliceConcurrently("); n != 0 {
		t.Errorf("generated.go calls graphql.MarshalSliceConcurrently %d times, want none: run go generate", n)
	}
	if n := strings.Count(string(src), "marshalSlice("); n == 0 {
		t.Error("generated.go never calls marshalSlice")
	}
}
