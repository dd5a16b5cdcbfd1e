package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// peerProc is a running @neo4j/graphql server (bench/peer/server.mjs).
type peerProc struct {
	cmd  *exec.Cmd
	URL  string
	mu   sync.Mutex
	logs bytes.Buffer
	done chan struct{}
}

// peerReady reports whether the peer can run: its packages are installed,
// or, with CI=true, can be installed from the lock file. The reason says
// why not.
func peerReady(ctx context.Context, dir string) (bool, string) {
	if _, err := exec.LookPath("node"); err != nil {
		return false, "node is not installed"
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@neo4j", "graphql")); err == nil {
		return true, ""
	}
	if os.Getenv("CI") != "true" {
		return false, "bench/peer/node_modules is missing (run npm ci --prefix bench/peer)"
	}
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return false, fmt.Sprintf("npm ci in bench/peer failed: %v", err)
	}
	return true, ""
}

// peerVersion returns the installed @neo4j/graphql version.
func peerVersion(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, "node_modules", "@neo4j", "graphql", "package.json"))
	if err != nil {
		return ""
	}
	var p struct {
		Version string `json:"version"`
	}
	json.Unmarshal(b, &p)
	return "@neo4j/graphql " + p.Version
}

// startPeer starts the peer against the Neo4j at uri and waits until it
// listens.
func startPeer(dir, uri, database string) (*peerProc, error) {
	p := &peerProc{done: make(chan struct{})}
	p.cmd = exec.Command("node", "server.mjs")
	p.cmd.Dir = dir
	p.cmd.Env = append(os.Environ(), "NEO4J_URI="+uri, "NEO4J_DATABASE="+database, "PORT=0")
	p.cmd.Stderr = &lockedWriter{mu: &p.mu, w: &p.logs}
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	watch(rolePeer, p.cmd.Process.Pid)
	port := make(chan string, 1)
	go func() {
		s := bufio.NewScanner(out)
		for s.Scan() {
			if rest, ok := strings.CutPrefix(s.Text(), "LISTENING "); ok {
				port <- rest
			}
		}
	}()
	go func() {
		p.cmd.Wait()
		close(p.done)
	}()
	select {
	case pt := <-port:
		p.URL = "http://127.0.0.1:" + pt + "/graphql"
		return p, nil
	case <-p.done:
		return nil, fmt.Errorf("the peer exited: %s", p.log())
	case <-time.After(90 * time.Second):
		p.stop()
		return nil, fmt.Errorf("the peer did not listen within 90 s: %s", p.log())
	}
}

func (p *peerProc) log() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return trim(p.logs.String(), 2000)
}

// stop stops the peer: SIGTERM, then SIGKILL after five seconds.
func (p *peerProc) stop() {
	if p == nil || p.cmd.Process == nil {
		return
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (w *lockedWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.w.Len() > 1<<20 {
		return len(b), nil
	}
	return w.w.Write(b)
}
