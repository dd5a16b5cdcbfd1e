package boltcap

import (
	"context"
	"encoding/binary"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"officialgraph/internal/neo4jtest"
)

// pack writes PackStream values, enough of them for the tests.
func pack(v any) []byte {
	switch x := v.(type) {
	case nil:
		return []byte{0xC0}
	case bool:
		if x {
			return []byte{0xC3}
		}
		return []byte{0xC2}
	case int64:
		if x >= -16 && x < 128 {
			return []byte{byte(int8(x))}
		}
		b := make([]byte, 9)
		b[0] = 0xCB
		binary.BigEndian.PutUint64(b[1:], uint64(x))
		return b
	case string:
		var out []byte
		if len(x) < 16 {
			out = []byte{0x80 | byte(len(x))}
		} else {
			out = []byte{0xD0, byte(len(x))}
		}
		return append(out, x...)
	case []any:
		out := []byte{0x90 | byte(len(x))}
		for _, e := range x {
			out = append(out, pack(e)...)
		}
		return out
	case map[string]any:
		out := []byte{0xA0 | byte(len(x))}
		for k, e := range x {
			out = append(out, pack(k)...)
			out = append(out, pack(e)...)
		}
		return out
	}
	panic("pack: unsupported value")
}

func TestDecodeRun(t *testing.T) {
	params := map[string]any{
		"id": "off_abcdefghijklmnop", "first": int64(20), "big": int64(1) << 40, "neg": int64(-3),
		"roles": []any{"spoke", "attended"}, "ok": true, "none": nil,
		"nested": map[string]any{"k": []any{int64(1), "甲乙丙丁"}},
	}
	msg := append([]byte{0xB3, 0x10}, pack("MATCH (o:Official {id: $id}) RETURN o LIMIT $first")...)
	msg = append(msg, pack(params)...)
	msg = append(msg, pack(map[string]any{})...)

	p := &Proxy{recording: true}
	p.observe(msg)
	if len(p.queries) != 1 {
		t.Fatalf("recorded %d queries, want 1", len(p.queries))
	}
	q := p.queries[0]
	if q.Cypher != "MATCH (o:Official {id: $id}) RETURN o LIMIT $first" {
		t.Errorf("cypher %q", q.Cypher)
	}
	if !reflect.DeepEqual(q.Params, params) {
		t.Errorf("params %#v, want %#v", q.Params, params)
	}

	// Other messages and messages outside recording are not recorded.
	p.observe([]byte{0xB1, 0x3F, 0xA0}) // PULL
	p.recording = false
	p.observe(msg)
	if len(p.queries) != 1 {
		t.Errorf("recorded %d queries, want 1", len(p.queries))
	}
}

// TestProxy runs a query through the proxy against the Neo4j of NEO4J_URI.
func TestProxy(t *testing.T) {
	uri := neo4jURI(t)
	host := strings.TrimPrefix(uri, "bolt://")
	p, err := Listen(host)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	d, err := neo4j.NewDriverWithContext("bolt://"+p.Addr(), neo4j.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	if err := d.VerifyConnectivity(ctx); err != nil {
		t.Fatal(err)
	}
	p.Record()
	res, err := neo4j.ExecuteQuery(ctx, d, "RETURN $x + 1 AS y, $s AS s", map[string]any{"x": int64(41), "s": "娄底"}, neo4j.EagerResultTransformer)
	qs := p.Stop()
	if err != nil {
		t.Fatal(err)
	}
	if y, _ := res.Records[0].Get("y"); y != int64(42) {
		t.Errorf("y = %v through the proxy, want 42", y)
	}
	if len(qs) != 1 || qs[0].Cypher != "RETURN $x + 1 AS y, $s AS s" || qs[0].Params["x"] != int64(41) || qs[0].Params["s"] != "娄底" {
		t.Errorf("recorded %+v", qs)
	}
}

func neo4jURI(t *testing.T) string {
	t.Helper()
	uri := neo4jtest.URI(t)
	if !strings.HasPrefix(uri, "bolt://") {
		t.Skipf("NEO4J_URI %s is not a bolt:// URI", uri)
	}
	return uri
}
