// A minimal GraphQL server over @neo4j/graphql: the peer the benchmark
// compares the service with, on the same Neo4j and the same data.
//
//   NEO4J_URI=bolt://127.0.0.1:7687 PORT=0 node server.mjs
//
// It serves POST /graphql (JSON: query, variables) and GET /healthz, and
// prints "LISTENING <port>" on stdout once it accepts requests. Parsed and
// validated documents are cached by query text, as the usual servers
// (Apollo, Yoga) do, so that the comparison is about executing queries.
import { readFileSync } from "node:fs";
import http from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { execute, parse, validate } from "graphql";
import neo4j from "neo4j-driver";

const here = new URL(".", import.meta.url);
const shared = sections(readFileSync(new URL("shared.cypher", here), "utf8"));
let typeDefs = readFileSync(new URL("typedefs.graphql", here), "utf8");
for (const [name, statement] of Object.entries(shared)) {
  // Block strings keep the statement as written; a statement never holds """.
  typeDefs = typeDefs.replace(`"#${name.toUpperCase()}#"`, `"""\n${statement}\n"""`);
}

const uri = process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687";
const user = process.env.NEO4J_USER ?? "";
const auth = user ? neo4j.auth.basic(user, process.env.NEO4J_PASSWORD ?? "") : undefined;
const driver = neo4j.driver(uri, auth, { maxConnectionPoolSize: 100 });
const database = process.env.NEO4J_DATABASE || "neo4j";

const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();

const documents = new Map();

function document(query) {
  let entry = documents.get(query);
  if (!entry) {
    try {
      const doc = parse(query);
      const errors = validate(schema, doc);
      entry = errors.length ? { errors } : { doc };
    } catch (err) {
      entry = { errors: [err] };
    }
    if (documents.size < 1000) documents.set(query, entry);
  }
  return entry;
}

async function graphql(body) {
  const { query, variables, operationName } = JSON.parse(body);
  const entry = document(query);
  if (entry.errors) {
    return { errors: entry.errors.map((e) => ({ message: e.message })) };
  }
  const result = await execute({
    schema,
    document: entry.doc,
    variableValues: variables,
    operationName,
    contextValue: { sessionConfig: { database } },
  });
  if (result.errors) {
    result.errors = result.errors.map((e) => ({ message: e.message, path: e.path }));
  }
  return result;
}

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/healthz") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"status":"ok"}');
    return;
  }
  if (req.method !== "POST" || req.url !== "/graphql") {
    res.writeHead(404);
    res.end();
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    let out;
    try {
      out = await graphql(Buffer.concat(chunks).toString("utf8"));
    } catch (err) {
      out = { errors: [{ message: String(err?.message ?? err) }] };
    }
    const body = JSON.stringify(out);
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 120_000;

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});

async function stop() {
  server.close();
  await driver.close();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

// sections splits shared.cypher into its statements: each starts with a
// line "// name: NAME" and runs to the next such line.
function sections(text) {
  const out = {};
  let name = null;
  let lines = [];
  for (const line of text.split("\n")) {
    const m = /^\/\/ name: (\w+)\s*$/.exec(line);
    if (m) {
      if (name) out[name] = lines.join("\n").trim();
      name = m[1];
      lines = [];
    } else if (name && !line.startsWith("//")) {
      lines.push(line);
    }
  }
  if (name) out[name] = lines.join("\n").trim();
  return out;
}
