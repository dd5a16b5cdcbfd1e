# officialgraph — the two commands that matter:
#   go run .     serve GraphiQL and the API on 127.0.0.1:8080 over the bundled corpus
#   make test    every test, with a real Neo4j started and stopped around them

.PHONY: test neo4j-start neo4j-stop generate vet

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
