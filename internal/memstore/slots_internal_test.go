package memstore

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"officialgraph/internal/kg"
	"officialgraph/internal/storetest"
)

// TestSlotsFollowWrites writes, corrects and deletes reports at random, so
// that officials come and go and their slots are freed and taken again,
// and checks after every step that each stored official holds the slot
// bySlot files it under, that no other slot is in use, and that every
// meeting's partSlots name its participants in partList's order.
func TestSlotsFollowWrites(t *testing.T) {
	ctx := t.Context()
	r := rand.New(rand.NewPCG(5, 8))
	const surnames, givens = "王李张刘陈杨黄赵", "一二三四五六七八"
	var names []string
	for _, s := range surnames {
		for _, g := range givens {
			names = append(names, string(s)+string(g))
		}
	}
	s := New()
	report := func(key string, version int) *kg.ReportFacts {
		b := storetest.Synthetic(key, "2023-12-31").Revision(fmt.Sprint(version))
		// Meetings of a shared few, so that reports claim the same
		// participations.
		for _, k := range r.Perm(12)[:1+r.IntN(3)] {
			m := b.Meeting(fmt.Sprintf("槽会%d", k), "2023-06-01", "座谈会", storetest.SynCity())
			picked := map[int]bool{}
			for range 2 + r.IntN(4) {
				if i := r.IntN(len(names)); !picked[i] {
					picked[i] = true
					b.Participant(m, b.Official(names[i], "cao"), []kg.Role{kg.RoleAttended})
				}
			}
		}
		return b.Facts()
	}
	var keys []string
	freed, retaken := 0, 0
	for step := range 400 {
		free := len(s.freeSlots)
		switch op := r.IntN(10); {
		case op < 4 || len(keys) == 0:
			key := fmt.Sprint("slots-", step)
			keys = append(keys, key)
			if _, err := s.WriteReport(ctx, report(key, 0)); err != nil {
				t.Fatalf("step %d: WriteReport() error: %v", step, err)
			}
		case op < 7:
			// A correction, with other participants.
			if _, err := s.WriteReport(ctx, report(keys[r.IntN(len(keys))], step)); err != nil {
				t.Fatalf("step %d: WriteReport() error: %v", step, err)
			}
		default:
			i := r.IntN(len(keys))
			id := storetest.Synthetic(keys[i], "2023-12-31").ReportID()
			keys = append(keys[:i], keys[i+1:]...)
			if err := s.DeleteReport(ctx, id); err != nil {
				t.Fatalf("step %d: DeleteReport() error: %v", step, err)
			}
		}
		checkSlots(t, step, s)
		if n := len(s.freeSlots); n > free {
			freed++
		} else if n < free {
			retaken++
		}
	}
	if freed == 0 || retaken == 0 {
		t.Errorf("slots were freed in %d steps and taken again in %d: the steps did not exercise both", freed, retaken)
	}
}

func checkSlots(t *testing.T, step int, s *Store) {
	t.Helper()
	used := 0
	for slot, o := range s.bySlot {
		if o == nil {
			continue
		}
		used++
		if int(o.slot) != slot {
			t.Fatalf("step %d: bySlot[%d] is %s, whose slot is %d", step, slot, o.val.ID, o.slot)
		}
		if s.officials[o.val.ID] != o {
			t.Fatalf("step %d: bySlot[%d] is %s, which the store no longer holds", step, slot, o.val.ID)
		}
	}
	if used != len(s.officials) {
		t.Fatalf("step %d: %d slots in use for %d officials", step, used, len(s.officials))
	}
	if used+len(s.freeSlots) != len(s.bySlot) {
		t.Fatalf("step %d: %d slots in use and %d free, of %d", step, used, len(s.freeSlots), len(s.bySlot))
	}
	for _, m := range s.meetings {
		if len(m.partSlots) != len(m.partList) {
			t.Fatalf("step %d: meeting %s has %d participants and %d slots", step, m.val.ID, len(m.partList), len(m.partSlots))
		}
		for i, p := range m.partList {
			if m.partSlots[i] != p.off.slot {
				t.Fatalf("step %d: meeting %s: participant %d is %s in slot %d, partSlots says %d", step, m.val.ID, i, p.off.val.ID, p.off.slot, m.partSlots[i])
			}
		}
	}
}
