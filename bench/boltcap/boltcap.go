// Package boltcap is a Bolt proxy that records the Cypher its clients run,
// with their parameters, so that the benchmark can profile the queries a
// program sends (the service's store, the @neo4j/graphql peer) without
// changing that program: point it at the proxy instead of the server.
//
// The proxy asks the server for Bolt 5.0 to 5.4 whatever the client
// offers, which every 5.x driver speaks and which keeps the handshake
// simple, then passes bytes through, decoding the client's RUN messages.
package boltcap

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"sync"
)

// Query is one RUN message a client sent.
type Query struct {
	Cypher string
	Params map[string]any
}

// Proxy forwards Bolt connections to a server and records queries while
// recording is on.
type Proxy struct {
	ln     net.Listener
	server string

	mu        sync.Mutex
	recording bool
	queries   []Query
	conns     map[net.Conn]bool
	closed    bool
	wg        sync.WaitGroup
}

// Listen starts a proxy on a free loopback port forwarding to server
// (host:port).
func Listen(server string) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{ln: ln, server: server, conns: map[net.Conn]bool{}}
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// Addr returns the proxy's host:port.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// Record starts recording, dropping what was recorded before.
func (p *Proxy) Record() {
	p.mu.Lock()
	p.recording, p.queries = true, nil
	p.mu.Unlock()
}

// Stop stops recording and returns the queries recorded since Record.
func (p *Proxy) Stop() []Query {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.recording = false
	q := p.queries
	p.queries = nil
	return q
}

// Close stops the proxy and closes its connections.
func (p *Proxy) Close() error {
	p.mu.Lock()
	p.closed = true
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	err := p.ln.Close()
	p.wg.Wait()
	return err
}

func (p *Proxy) track(c net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		c.Close()
		return false
	}
	p.conns[c] = true
	return true
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.serve(c)
		}()
	}
}

// handshake is what the proxy sends the server: the Bolt magic and one
// version range, 5.4 down to 5.0.
var handshake = []byte{0x60, 0x60, 0xB0, 0x17, 0x00, 0x04, 0x04, 0x05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}

func (p *Proxy) serve(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", p.server)
	if err != nil {
		return
	}
	defer server.Close()
	if !p.track(client) || !p.track(server) {
		return
	}
	defer func() {
		p.mu.Lock()
		delete(p.conns, client)
		delete(p.conns, server)
		p.mu.Unlock()
	}()
	var offer [20]byte
	if _, err := io.ReadFull(client, offer[:]); err != nil {
		return
	}
	if _, err := server.Write(handshake); err != nil {
		return
	}
	done := make(chan struct{}, 2)
	go func() {
		io.Copy(client, server)
		client.Close()
		done <- struct{}{}
	}()
	go func() {
		p.messages(client, server)
		server.Close()
		done <- struct{}{}
	}()
	<-done
	<-done
}

// messages forwards the client's chunked messages to the server, decoding
// each RUN while recording.
func (p *Proxy) messages(client io.Reader, server io.Writer) {
	var msg []byte
	var head [2]byte
	for {
		if _, err := io.ReadFull(client, head[:]); err != nil {
			return
		}
		n := int(binary.BigEndian.Uint16(head[:]))
		chunk := make([]byte, 2+n)
		copy(chunk, head[:])
		if _, err := io.ReadFull(client, chunk[2:]); err != nil {
			return
		}
		if _, err := server.Write(chunk); err != nil {
			return
		}
		if n > 0 {
			msg = append(msg, chunk[2:]...)
			continue
		}
		if len(msg) > 0 {
			p.observe(msg)
		}
		msg = msg[:0]
	}
}

// observe records a message if it is a RUN and recording is on.
func (p *Proxy) observe(msg []byte) {
	p.mu.Lock()
	rec := p.recording
	p.mu.Unlock()
	if !rec || len(msg) < 2 || msg[0]&0xF0 != 0xB0 || msg[1] != 0x10 {
		return
	}
	d := decoder{b: msg[2:]}
	cypher, err1 := d.value()
	params, err2 := d.value()
	if err := errors.Join(err1, err2); err != nil {
		return
	}
	q := Query{}
	q.Cypher, _ = cypher.(string)
	q.Params, _ = params.(map[string]any)
	p.mu.Lock()
	if p.recording {
		p.queries = append(p.queries, q)
	}
	p.mu.Unlock()
}

// decoder reads PackStream values.
type decoder struct {
	b []byte
}

var errShort = errors.New("boltcap: message ends inside a value")

func (d *decoder) take(n int) ([]byte, error) {
	if n < 0 || len(d.b) < n {
		return nil, errShort
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out, nil
}

func (d *decoder) size(marker byte, tiny, b8, b16, b32 byte) (int, bool, error) {
	switch {
	case marker&0xF0 == tiny:
		return int(marker & 0x0F), true, nil
	case marker == b8:
		b, err := d.take(1)
		if err != nil {
			return 0, true, err
		}
		return int(b[0]), true, nil
	case marker == b16:
		b, err := d.take(2)
		if err != nil {
			return 0, true, err
		}
		return int(binary.BigEndian.Uint16(b)), true, nil
	case marker == b32:
		b, err := d.take(4)
		if err != nil {
			return 0, true, err
		}
		return int(binary.BigEndian.Uint32(b)), true, nil
	}
	return 0, false, nil
}

// value decodes one PackStream value: null, booleans, integers, floats,
// bytes, strings, lists and maps. Structures (temporal and spatial values,
// which the benchmark's queries never pass) are an error.
func (d *decoder) value() (any, error) {
	mb, err := d.take(1)
	if err != nil {
		return nil, err
	}
	m := mb[0]
	switch {
	case m < 0x80:
		return int64(m), nil
	case m >= 0xF0:
		return int64(int8(m)), nil
	case m == 0xC0:
		return nil, nil
	case m == 0xC2:
		return false, nil
	case m == 0xC3:
		return true, nil
	case m == 0xC1:
		b, err := d.take(8)
		if err != nil {
			return nil, err
		}
		return math.Float64frombits(binary.BigEndian.Uint64(b)), nil
	case m >= 0xC8 && m <= 0xCB:
		b, err := d.take(1 << (m - 0xC8))
		if err != nil {
			return nil, err
		}
		switch len(b) {
		case 1:
			return int64(int8(b[0])), nil
		case 2:
			return int64(int16(binary.BigEndian.Uint16(b))), nil
		case 4:
			return int64(int32(binary.BigEndian.Uint32(b))), nil
		}
		return int64(binary.BigEndian.Uint64(b)), nil
	case m >= 0xCC && m <= 0xCE:
		n := 0
		switch m {
		case 0xCC:
			b, err := d.take(1)
			if err != nil {
				return nil, err
			}
			n = int(b[0])
		case 0xCD:
			b, err := d.take(2)
			if err != nil {
				return nil, err
			}
			n = int(binary.BigEndian.Uint16(b))
		default:
			b, err := d.take(4)
			if err != nil {
				return nil, err
			}
			n = int(binary.BigEndian.Uint32(b))
		}
		b, err := d.take(n)
		return append([]byte(nil), b...), err
	}
	if n, ok, err := d.size(m, 0x80, 0xD0, 0xD1, 0xD2); ok {
		if err != nil {
			return nil, err
		}
		b, err := d.take(n)
		return string(b), err
	}
	if n, ok, err := d.size(m, 0x90, 0xD4, 0xD5, 0xD6); ok {
		if err != nil {
			return nil, err
		}
		out := make([]any, 0, min(n, 1024))
		for range n {
			v, err := d.value()
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	if n, ok, err := d.size(m, 0xA0, 0xD8, 0xD9, 0xDA); ok {
		if err != nil {
			return nil, err
		}
		out := make(map[string]any, min(n, 1024))
		for range n {
			k, err := d.value()
			if err != nil {
				return nil, err
			}
			key, ok := k.(string)
			if !ok {
				return nil, fmt.Errorf("boltcap: map key of type %T", k)
			}
			v, err := d.value()
			if err != nil {
				return nil, err
			}
			out[key] = v
		}
		return out, nil
	}
	return nil, fmt.Errorf("boltcap: unsupported PackStream marker %#x", m)
}
