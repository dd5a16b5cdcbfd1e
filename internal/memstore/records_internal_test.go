package memstore

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"officialgraph/internal/kg"
)

// TestClaimsAgainstMap adds and removes claims at random, across the sizes
// where the first claim is held in the claims themselves, where a slice
// holds them and where a map does, and checks after every step that the
// claims say what a plain map of them says. It also checks that the first
// claim's place holds nothing once the list has left it: a claim left
// there would keep a removed report's facts alive.
func TestClaimsAgainstMap(t *testing.T) {
	for _, limit := range []int{2, 5, bigClaims + 10} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(limit)))
			var c claims[int]
			want := map[string]*int{}
			for step := range 5000 {
				rep := fmt.Sprintf("r%03d", r.IntN(limit))
				if r.IntN(2) == 0 {
					v := new(int)
					*v = step
					gotLeast := c.add(rep, v)
					want[rep] = v
					if wantLeast := rep == slices.Min(slices.Collect(maps.Keys(want))); gotLeast != wantLeast {
						t.Fatalf("step %d: add(%s) = %v, want %v", step, rep, gotLeast, wantLeast)
					}
				} else {
					var wantChanged bool
					if _, ok := want[rep]; ok {
						wantChanged = rep == slices.Min(slices.Collect(maps.Keys(want)))
					}
					delete(want, rep)
					if got := c.remove(rep); got != wantChanged {
						t.Fatalf("step %d: remove(%s) = %v, want %v", step, rep, got, wantChanged)
					}
				}
				checkClaims(t, step, &c, want)
			}
		})
	}
}

func checkClaims(t *testing.T, step int, c *claims[int], want map[string]*int) {
	t.Helper()
	keys := slices.Sorted(maps.Keys(want))
	var got []string
	for rep, v := range c.all() {
		if v != want[rep] {
			t.Fatalf("step %d: claim of %s = %p, want %p", step, rep, v, want[rep])
		}
		got = append(got, rep)
	}
	if !slices.Equal(got, keys) {
		t.Fatalf("step %d: claims = %v, want %v", step, got, keys)
	}
	if c.len() != len(want) || c.empty() != (len(want) == 0) {
		t.Fatalf("step %d: len() = %d, empty() = %v, want %d claims", step, c.len(), c.empty(), len(want))
	}
	if len(keys) > 0 && c.top() != *want[keys[0]] {
		t.Fatalf("step %d: top() = %d, want %d", step, c.top(), *want[keys[0]])
	}
	inOne := len(c.list) > 0 && &c.list[0] == &c.one[0]
	if !inOne && c.one != ([1]claim[int]{}) {
		t.Fatalf("step %d: one holds %+v while the list (%d claims) is elsewhere", step, c.one[0], len(c.list))
	}
}

func TestIntern(t *testing.T) {
	// Two equal strings with backing arrays of their own, as two reports'
	// extractions make them.
	a, b := strings.Clone("王小明"), strings.Clone("王小明")
	if unsafe.StringData(a) == unsafe.StringData(b) {
		t.Fatal("the test's strings share their bytes before interning")
	}
	if ia, ib := intern(a), intern(b); ia != a || unsafe.StringData(ia) != unsafe.StringData(ib) {
		t.Errorf("intern(%q) and intern(%q) do not share one copy", a, b)
	}
	if got := intern(""); got != "" {
		t.Errorf(`intern("") = %q`, got)
	}

	in := []string{strings.Clone("市长"), strings.Clone("市委副书记")}
	out := internAll(in)
	if !slices.Equal(out, in) {
		t.Fatalf("internAll(%q) = %q", in, out)
	}
	out[0] = "changed"
	if in[0] != "市长" {
		t.Errorf("changing internAll's result changed its argument: %q", in)
	}
	for _, ss := range [][]string{nil, {}} {
		if got := internAll(ss); (got == nil) != (ss == nil) || len(got) != 0 {
			t.Errorf("internAll(%#v) = %#v", ss, got)
		}
	}

	r1 := internRoles([]kg.Role{kg.RolePresided, kg.RoleSpoke})
	r2 := internRoles([]kg.Role{kg.RolePresided, kg.RoleSpoke})
	if !slices.Equal(r1, []kg.Role{kg.RolePresided, kg.RoleSpoke}) || &r1[0] != &r2[0] {
		t.Errorf("internRoles of equal sets = %v at %p and %v at %p, want one shared slice", r1, &r1[0], r2, &r2[0])
	}
	if r3 := internRoles([]kg.Role{kg.RolePresided}); len(r3) != 1 || &r3[0] == &r1[0] {
		t.Errorf("internRoles of another set = %v, shared with %v", r3, r1)
	}
	if cap(r1) != len(r1) {
		t.Errorf("internRoles returned a slice with room to append into (len %d, cap %d)", len(r1), cap(r1))
	}
}

// TestKeyDate checks that keyDate gives back the date of every precision
// from its day key.
func TestKeyDate(t *testing.T) {
	for _, s := range []string{"", "2020", "2020-01", "2020-12-31", "--03-15", "--12-01", "1000", "1000-01-01", "9999-12-31"} {
		d, err := kg.ParseDate(s)
		if err != nil {
			t.Fatalf("ParseDate(%q) error: %v", s, err)
		}
		if got := keyDate(dayKey(d)); got != d {
			t.Errorf("keyDate(dayKey(%q)) = %+v, want %+v", s, got, d)
		}
	}
}
