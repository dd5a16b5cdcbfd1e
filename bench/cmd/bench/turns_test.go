package main

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

// TestTurnsAlternate runs two sides of different lengths and checks that
// their steps alternate while both run, that the longer runs on alone once
// the shorter has ended, and that no step of one overlaps a step of the
// other.
func TestTurnsAlternate(t *testing.T) {
	tt := newTurns()
	var (
		mu      sync.Mutex
		order   []int
		running int
		overlap bool
	)
	step := func(side int) {
		mu.Lock()
		running++
		overlap = overlap || running > 1
		order = append(order, side)
		mu.Unlock()
		runtime.Gosched()
		mu.Lock()
		running--
		mu.Unlock()
	}
	var wg sync.WaitGroup
	for side, steps := range []int{3, 5} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer tt.end(side)
			for range steps {
				tt.take(side)
				step(side)
				tt.pass(side)
			}
		}()
	}
	wg.Wait()
	if want := []int{0, 1, 0, 1, 0, 1, 1, 1}; !slices.Equal(order, want) {
		t.Errorf("order of steps = %v, want %v", order, want)
	}
	if overlap {
		t.Error("two steps ran at once")
	}
}

// TestTurnsEndedSideFreesTheOther checks that a side that fails before its
// first turn does not leave the other waiting.
func TestTurnsEndedSideFreesTheOther(t *testing.T) {
	tt := newTurns()
	tt.end(0)
	done := make(chan struct{})
	go func() {
		for range 3 {
			tt.take(1)
			tt.pass(1)
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("side 1 still waits for a turn 10 s after side 0 ended")
	}
}
