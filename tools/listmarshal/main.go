// Command listmarshal makes gqlgen's generated executor marshal lists of
// objects through the graph package's marshalSlice, which may marshal them
// in order, instead of graphql.MarshalSliceConcurrently, which starts a
// goroutine per element (graph/lists.go says why). gqlgen has no setting
// for it, so go generate runs this after gqlgen:
//
//	listmarshal FILE
//
// It rewrites FILE in place, replacing every call and nothing else: the
// two functions take the same arguments. A FILE without such a call is an
// error, so that a gqlgen that names its helper otherwise is noticed
// rather than left concurrent.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
)

const (
	from = "graphql.MarshalSliceConcurrently("
	to   = "marshalSlice("
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: listmarshal FILE")
		os.Exit(2)
	}
	if err := rewrite(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "listmarshal:", err)
		os.Exit(1)
	}
}

// rewrite replaces the calls in file, writing it whole or not at all.
func rewrite(file string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	out, n, err := replaceCalls(src)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if n == 0 {
		if bytes.Contains(src, []byte(to)) {
			return nil // rewritten already
		}
		return fmt.Errorf("%s: no call of %s to replace", file, from[:len(from)-1])
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".listmarshal-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(out); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	info, err := os.Stat(file)
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), info.Mode().Perm()); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

// replaceCalls returns src with every call replaced, gofmt-ed, and how many
// it replaced.
func replaceCalls(src []byte) ([]byte, int, error) {
	n := bytes.Count(src, []byte(from))
	if n == 0 {
		return src, 0, nil
	}
	out, err := format.Source(bytes.ReplaceAll(src, []byte(from), []byte(to)))
	if err != nil {
		return nil, 0, fmt.Errorf("the rewritten source does not parse: %w", err)
	}
	return out, n, nil
}
