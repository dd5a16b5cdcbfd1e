package main

import "sync"

// turns lets the two Neo4j ingests, the floor's and the service's, run
// one at a time, by turns of pipelineChunk reports: the machine's speed
// drifts over a run of many minutes (other tenants, the CPU's clock), and
// ingests that ran one after the other took that drift into their ratio.
// Taking turns spreads both over the whole run. Each side times only its
// own turns.
//
// A side that finishes, or fails, ends its turns, and the other then runs
// on alone. A nil *turns runs a side without waiting.
type turns struct {
	mu    sync.Mutex
	moved *sync.Cond
	next  int     // the side whose turn it is
	ended [2]bool // the sides that take no more turns
}

// newTurns returns turns in which side 0 goes first.
func newTurns() *turns {
	t := &turns{}
	t.moved = sync.NewCond(&t.mu)
	return t
}

// take waits for side's turn: until the other side passes or ends.
func (t *turns) take(side int) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for t.next != side && !t.ended[1-side] {
		t.moved.Wait()
	}
}

// pass gives the turn to the other side.
func (t *turns) pass(side int) { t.hand(side, false) }

// end takes side out of the turns, passing the turn for good.
func (t *turns) end(side int) { t.hand(side, true) }

// hand gives the turn to the other side, and with ending takes side out of
// the turns.
func (t *turns) hand(side int, ending bool) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.ended[side] = t.ended[side] || ending
	t.next = 1 - side
	t.moved.Broadcast()
}
