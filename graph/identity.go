package graph

import (
	"context"
	"errors"
	"fmt"
	"time"

	"officialgraph/graph/model"
	"officialgraph/internal/auth"
	"officialgraph/internal/kg"
)

// errNoIdentityStore is returned by the identity fields of a store without
// kg.IdentityStore.
var errNoIdentityStore = errors.New("this store does not record identity decisions")

func (r *Resolver) identityStore() (kg.IdentityStore, error) {
	if ids, ok := r.Store.(kg.IdentityStore); ok {
		return ids, nil
	}
	return nil, errNoIdentityStore
}

// decide authorises and records an identity decision, and returns it with
// the officials it leaves (see IdentityDecisionPayload).
func (r *Resolver) decide(ctx context.Context, what string, d kg.IdentityDecision) (*model.IdentityDecisionPayload, error) {
	if err := authorize(ctx, auth.Write, what); err != nil {
		return nil, err
	}
	ids, err := r.identityStore()
	if err != nil {
		return nil, err
	}
	d, err = ids.Decide(ctx, d)
	if err != nil {
		return nil, err
	}
	want := []string{d.Keep}
	if d.Kind == kg.DecisionSplit {
		want = []string{d.Official, d.NewOfficialID}
	}
	officials := []kg.Official{}
	for _, id := range want {
		o, err := optional(r.Store.Official(ctx, id))
		if err != nil {
			return nil, err
		}
		if o != nil {
			officials = append(officials, *o)
		}
	}
	return &model.IdentityDecisionPayload{Decision: &d, Officials: officials}, nil
}

func mergeDecision(keep, merge string, note *string) kg.IdentityDecision {
	return kg.IdentityDecision{Kind: kg.DecisionMerge, Keep: keep, Merged: merge, Note: deref(note)}
}

func splitDecision(official string, reports []string, note *string) kg.IdentityDecision {
	return kg.IdentityDecision{Kind: kg.DecisionSplit, Official: official, Reports: reports, Note: deref(note)}
}

// undoDecision authorises and removes an identity decision.
func (r *Resolver) undoDecision(ctx context.Context, id string) (*model.UndoIdentityDecisionPayload, error) {
	if err := authorize(ctx, auth.Write, "undoIdentityDecision"); err != nil {
		return nil, err
	}
	if kind, ok := kg.KindOf(id); !ok || kind != kg.KindDecision {
		return nil, fmt.Errorf("%w: id: %q is not an identity decision ID", kg.ErrInvalidInput, id)
	}
	ids, err := r.identityStore()
	if err != nil {
		return nil, err
	}
	err = ids.Undo(ctx, id)
	if errors.Is(err, kg.ErrNotFound) {
		return nil, fmt.Errorf("no identity decision has the ID %q: %w", id, kg.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return &model.UndoIdentityDecisionPayload{UndoneDecisionID: id}, nil
}

// identityDecisions lists the decisions as a connection.
func (r *Resolver) identityDecisions(ctx context.Context, first *int, after *string, last *int, before *string) (*model.IdentityDecisionConnection, error) {
	p, err := pageArgs(first, after, last, before)
	if err != nil {
		return nil, err
	}
	ids, err := r.identityStore()
	if err != nil {
		return nil, err
	}
	c, err := ids.Decisions(ctx, p)
	if err != nil {
		return nil, err
	}
	return &model.IdentityDecisionConnection{
		Edges: edges(c, func(cursor string, d *kg.IdentityDecision) model.IdentityDecisionEdge {
			return model.IdentityDecisionEdge{Cursor: cursor, Node: d}
		}),
		PageInfo:   pageInfo(c.PageInfo, c.Cursors),
		TotalCount: c.TotalCount,
	}, nil
}

// nonEmpty makes an empty string null, for the fields of the other kind of
// decision.
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func decidedAt(d *kg.IdentityDecision) string { return d.DecidedAt.UTC().Format(time.RFC3339Nano) }
