# officialgraph — the two commands that matter:
#   go run .     serve GraphiQL and the API on 127.0.0.1:8080 over the bundled corpus
#   make test    every test, with a real Neo4j started and stopped around them

.PHONY: test neo4j-start neo4j-stop generate vet bench

test:
	./tools/test.sh

generate:
	go generate ./...

vet:
	go vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)

# A Neo4j for development: prints the URI to export as NEO4J_URI.
neo4j-start:
	@tools/neo4jdev/neo4jdev.sh start

neo4j-stop:
	@tools/neo4jdev/neo4jdev.sh stop

# Performance at scale (bench/README.md): SIZE generated reports, DURATION
# per system, shape and concurrency. Starts a Neo4j of its own (never the one
# in NEO4J_URI) and writes bench/results/latest.md and latest.json. More
# flags in BENCHFLAGS, e.g. BENCHFLAGS="-concurrency 1,16 -peer off".
SIZE ?= 1000
DURATION ?= 10s
BENCHFLAGS ?=

bench:
	@if command -v npm >/dev/null; then npm ci --prefix bench/peer --no-audit --no-fund --loglevel=error; fi
	env -u NEO4J_URI go run ./bench/cmd/bench -size $(SIZE) -duration $(DURATION) $(BENCHFLAGS)
