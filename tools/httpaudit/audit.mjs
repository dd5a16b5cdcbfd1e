// Runs the graphql-http server audit (GraphQL over HTTP spec) against a
// running server and prints one line per audit. Exits 1 on any MUST failure
// or SHOULD warning; MAY notices are printed only.
//
//   node audit.mjs http://127.0.0.1:8080/graphql
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
const results = await auditServer({ url });
let mustFailed = 0;
let counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const r of results) {
  counts[r.status]++;
  const line = `${r.status.padEnd(6)} ${r.name}`;
  if (r.status === 'ok') {
    console.log(line);
    continue;
  }
  let body = '';
  try {
    body = await r.response.text();
  } catch {}
  console.log(`${line}\n       reason: ${r.reason}\n       response: ${r.response.status} ${body.slice(0, 200)}`);
  if (r.name.startsWith('MUST')) mustFailed++;
}
console.log(`audit: ${counts.ok} ok, ${counts.notice} notice, ${counts.warn} warn, ${counts.error} error; MUST failures: ${mustFailed}`);
process.exit(mustFailed > 0 || counts.warn > 0 ? 1 : 0);
