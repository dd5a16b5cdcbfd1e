package memstore

import (
	"context"
	"fmt"

	"officialgraph/internal/kg"
)

// Connection implements kg.Explorer.
//
// It searches breadth first from both officials at once, one shared
// meeting at a time, each step from the side whose frontier took part in
// fewer meetings, until the two searches meet: a busy official is then
// expanded only when the other side costs more. The least of the shortest
// chains is then built greedily from fromID, taking at each step the least
// meeting that leads one step along a shortest chain and, in it, the least
// such official (see chain).
func (s *Store) Connection(ctx context.Context, fromID, toID string, maxHops int) (kg.Path, error) {
	if maxHops < 1 || maxHops > kg.MaxHops {
		return kg.Path{}, invalid("max hops %d: want 1 to %d", maxHops, kg.MaxHops)
	}
	unlock, err := s.read(ctx, "connection")
	if err != nil {
		return kg.Path{}, err
	}
	defer unlock()
	from, to := s.officials[fromID], s.officials[toID]
	if from == nil {
		return kg.Path{}, notFound("official", fromID)
	}
	if to == nil {
		return kg.Path{}, notFound("official", toID)
	}
	if from == to {
		return kg.Path{Officials: []kg.Official{from.official()}}, nil
	}

	w := s.newWalk()
	defer s.releaseWalk(w)
	fwd, back := &w.sides[0], &w.sides[1]
	fwd.begin(from)
	back.begin(to)
	for fwd.depth+back.depth < maxHops {
		if err := ctx.Err(); err != nil {
			return kg.Path{}, fmt.Errorf("memstore: connection: %w", err)
		}
		side, other := fwd, back
		if back.cost(s) < fwd.cost(s) {
			side, other = back, fwd
		}
		// chain reads no layer of the forward search when it meets the
		// other at its first step, so that step can stop at the first
		// official the other side reached.
		reached, met := side.step(s, other, side == fwd && fwd.depth == 0)
		if met {
			// As the searches had not met before this step, the
			// officials where they meet are as far from the other end as
			// the other side has searched, and every shortest chain
			// passes through them.
			return w.chain(s, from, fwd.depth+back.depth), nil
		}
		if !reached {
			return kg.Path{}, nil // nobody new: no chain at all
		}
	}
	return kg.Path{}, nil
}

// walk is the scratch space of one Connection: the search from each end,
// and the officials found on shortest chains. Its arrays, indexed by the
// officials' slots, are reused through Store.walks, so that a search
// allocates nothing in proportion to the store.
type walk struct {
	sides [2]walkSide // from the first official, from the second
	// onChain marks the officials the forward search reached that lie on
	// a shortest chain, where chain cannot tell from the backward
	// search's distances; marked lists them, to clear.
	onChain []bool
	marked  []int32
}

// walkSide is the breadth-first search from one end of a chain.
type walkSide struct {
	// dist is each official's distance from this end in meetings plus
	// one, by slot; 0 is not reached.
	dist []int8
	// reached lists the slots of the officials reached, nearest first:
	// those at distance d are reached[layers[d]:layers[d+1]], and the
	// last layer is the frontier.
	reached []int32
	layers  []int
	depth   int
	// expanded holds the meetings this side has walked through.
	expanded map[*meetingRec]struct{}
}

func (s *Store) newWalk() *walk {
	n := len(s.bySlot)
	if w, ok := s.walks.Get().(*walk); ok && len(w.onChain) >= n {
		return w
	}
	w := &walk{onChain: make([]bool, n)}
	for i := range w.sides {
		w.sides[i] = walkSide{dist: make([]int8, n), expanded: map[*meetingRec]struct{}{}}
	}
	return w
}

// releaseWalk clears what w marked and returns it to the pool. The
// meetings it expanded are dropped, so that the pool holds on to no
// deleted record.
func (s *Store) releaseWalk(w *walk) {
	for i := range w.sides {
		sd := &w.sides[i]
		for _, x := range sd.reached {
			sd.dist[x] = 0
		}
		sd.reached, sd.layers, sd.depth = sd.reached[:0], sd.layers[:0], 0
		clear(sd.expanded)
	}
	for _, x := range w.marked {
		w.onChain[x] = false
	}
	w.marked = w.marked[:0]
	s.walks.Put(w)
}

func (sd *walkSide) begin(end *officialRec) {
	sd.dist[end.slot] = 1
	sd.reached = append(sd.reached, end.slot)
	sd.layers = append(sd.layers, 0, 1)
}

// layer returns the slots of the officials at distance d.
func (sd *walkSide) layer(d int) []int32 {
	return sd.reached[sd.layers[d]:sd.layers[d+1]]
}

// cost is what the next step costs: the meetings of the frontier.
func (sd *walkSide) cost(s *Store) int {
	n := 0
	for _, x := range sd.layer(sd.depth) {
		n += len(s.bySlot[x].parts.parts)
	}
	return n
}

// step reaches the officials one meeting beyond the frontier. It reports
// whether it reached any, and whether it reached one the other side has
// reached; with stopAtMeet it stops at the first such, leaving the new
// layer incomplete.
func (sd *walkSide) step(s *Store, other *walkSide, stopAtMeet bool) (reached, met bool) {
	met = sd.reach(s, other, stopAtMeet)
	sd.layers = append(sd.layers, len(sd.reached))
	sd.depth++
	return len(sd.layer(sd.depth)) > 0, met
}

// reach is step's walk, and reports whether it met the other side.
func (sd *walkSide) reach(s *Store, other *walkSide, stopAtMeet bool) (met bool) {
	d := int8(sd.depth + 2)
	for _, o := range sd.layer(sd.depth) {
		for _, pr := range s.bySlot[o].parts.parts {
			if _, ok := sd.expanded[pr.mtg]; ok {
				continue
			}
			sd.expanded[pr.mtg] = struct{}{}
			for _, x := range pr.mtg.partSlots {
				if sd.dist[x] == 0 {
					sd.dist[x] = d
					sd.reached = append(sd.reached, x)
					if other.dist[x] > 0 {
						if met = true; stopAtMeet {
							return met
						}
					}
				}
			}
		}
	}
	return met
}

// chain builds the least chain of hops meetings from the forward search's
// end, once the searches have met. An official one meeting further along
// lies on a shortest chain when its distance to the other end is hops less
// its distance from this one. The backward search knows that distance up
// to its depth; nearer the start, the officials on shortest chains are
// found by walking back from the first layer where it knows it.
func (w *walk) chain(s *Store, from *officialRec, hops int) kg.Path {
	fwd, back := &w.sides[0], &w.sides[1]
	known := hops - back.depth // the forward distance from which back.dist tells
	if known > 1 {
		var layer []int32
		for _, x := range fwd.layer(known) {
			if back.dist[x] == int8(back.depth+1) {
				layer = append(layer, x)
			}
		}
		for d := known - 1; d >= 1; d-- {
			var prev []int32
			for _, y := range layer {
				for _, pr := range s.bySlot[y].parts.parts {
					for _, x := range pr.mtg.partSlots {
						if fwd.dist[x] == int8(d+1) && !w.onChain[x] {
							w.onChain[x] = true
							w.marked = append(w.marked, x)
							prev = append(prev, x)
						}
					}
				}
			}
			layer = prev
		}
	}

	p := kg.Path{Officials: []kg.Official{from.official()}}
	cur := from
	for d := 1; d <= hops; d++ {
		// A marked official one meeting from cur may lie nearer the
		// start than d.
		onChain := func(x int32) bool { return w.onChain[x] && fwd.dist[x] == int8(d+1) }
		if d >= known {
			want := int8(hops - d + 1)
			onChain = func(x int32) bool { return back.dist[x] == want }
		}
		// The least meeting of cur that holds an official at distance d
		// on a shortest chain, and the least such official in it.
		var bestM *meetingRec
		var bestO *officialRec
		for _, pr := range cur.parts.parts {
			m := pr.mtg
			if bestM != nil && m.val.ID >= bestM.val.ID {
				continue
			}
			var o *officialRec
			for _, x := range m.partSlots {
				if onChain(x) {
					if c := s.bySlot[x]; o == nil || c.val.ID < o.val.ID {
						o = c
					}
				}
			}
			if o != nil {
				bestM, bestO = m, o
			}
		}
		p.Meetings = append(p.Meetings, bestM.val)
		p.Officials = append(p.Officials, bestO.official())
		cur = bestO
	}
	return p
}
