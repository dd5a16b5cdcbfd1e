// A real-browser test of the /explore page: headless Chromium (Debian's
// chromium package), driven by playwright-core.
//
//	node web/explore/test/explore.test.mjs http://127.0.0.1:8080/
//
// The server must serve the bundled corpus. The test searches "liu fei",
// checks 刘非's network holds the seed meeting's participants, clicks 华学健
// in the drawing, checks the card shows the sentence that says he presided,
// then looks at the meeting, timeline and date-range views. It fails on any
// console error, page error, failed request or HTTP error status, and saves
// a screenshot (printed path) in test/artifacts/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const base = new URL(process.argv[2] || 'http://127.0.0.1:8080/');
const here = path.dirname(fileURLToPath(import.meta.url));
const artifacts = path.join(here, 'artifacts');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const timeout = 20000;

const problems = [];
let step = '';
const log = (msg) => console.log(`explore: ${msg}`);

function check(cond, msg) {
  if (!cond) throw new Error(`${step}: ${msg}`);
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error during "${step}": ${m.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error during "${step}": ${err.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed during "${step}": ${r.method()} ${r.url()}: ${r.failure() && r.failure().errorText}`));
  page.on('response', async (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} during "${step}": ${r.request().method()} ${r.url()}`);
    if (r.url().endsWith('/graphql') && r.status() < 400) {
      try {
        const body = await r.json();
        if (body.errors) problems.push(`GraphQL error during "${step}": ${JSON.stringify(body.errors[0])}`);
      } catch {
        // not JSON: the status check covers it
      }
    }
  });

  step = 'open /explore';
  await page.goto(new URL('explore', base).href);
  await page.waitForSelector('#q');
  check(page.url().endsWith('/explore/'), `landed on ${page.url()}, want /explore/`);

  step = 'search "liu fei"';
  await page.locator('#q').pressSequentially('liu fei', { delay: 30 });
  const hit = page.locator('#results [role=option][data-kind=official]', { hasText: '刘非' }).first();
  await hit.waitFor();
  await hit.click();

  step = "刘非's network";
  await page.waitForSelector('#graph[data-state=ready]');
  await page.locator('#node-list button', { hasText: '华学健' }).waitFor();
  const names = await page.locator('#node-list button').allInnerTexts();
  for (const want of ['刘非', '华学健', '杨懿文', '姚兵', '石艳萍']) {
    check(names.some((n) => n.startsWith(want)), `the network lacks ${want}: ${names.join(', ')}`);
  }
  check(names.length <= 51, `the first expansion drew ${names.length} officials, want at most 51`);
  const drawn = await page.evaluate(() => window.officialgraphExplore.network.cy.nodes().length);
  check(drawn === names.length, `the drawing has ${drawn} officials, the list ${names.length}`);
  check((await page.locator('#net-title').innerText()).includes('刘非'), 'the title does not name 刘非');
  log(`刘非's network: ${names.length} officials`);

  step = 'click 华学健 in the drawing';
  const huaID = await page.locator('#node-list button', { hasText: '华学健' }).getAttribute('data-id');
  const at = await page.evaluate((id) => {
    const n = window.officialgraphExplore.network.cy.getElementById(id);
    const p = n.renderedPosition();
    const r = document.getElementById('graph').getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, huaID);
  await page.mouse.click(at.x, at.y);
  await page.waitForSelector(`#side[data-state=ready][data-official="${huaID}"]`);
  const card = page.locator('#side .card');
  check((await card.locator('h2').innerText()) === '华学健', 'the card is not 华学健\'s');
  const evidence = card.locator('.meetings .evidence blockquote', { hasText: '华学健主持会议' }).first();
  await evidence.waitFor();
  const cite = await evidence.locator('cite').innerText();
  check(/统筹推进|統籌推進/.test(cite), `the evidence names the report ${JSON.stringify(cite)}, want the seed report`);
  check((await card.locator('.meetings .role-presided').count()) > 0, 'the card does not show that he presided');
  check((await card.locator('.positions li').count()) > 0, 'the card shows no position');
  mkdirSync(artifacts, { recursive: true });
  const shot = path.join(artifacts, 'explore.png');
  await page.screenshot({ path: shot });
  log(`screenshot: ${shot}`);

  step = 'colour by role';
  await page.selectOption('#colour-by', 'role');
  await page.locator('#legend', { hasText: 'presided most' }).waitFor();
  check(page.url().includes('colour=role'), 'the URL does not keep the colouring');

  step = 'the meeting view';
  await card.locator('.meetings a', { hasText: '统筹推进' }).first().click();
  await page.waitForSelector('#page-view[data-state=ready] .meeting-page');
  const presided = await page.locator('.role-group[data-role=PRESIDED] li').allInnerTexts();
  const spoke = await page.locator('.role-group[data-role=SPOKE] li').allInnerTexts();
  check(presided.some((t) => t.startsWith('华学健')), `presided: ${presided.join(' | ')}`);
  check(spoke.some((t) => t.startsWith('杨懿文')) && spoke.some((t) => t.startsWith('刘非')), `spoke: ${spoke.join(' | ')}`);
  const divisions = await page.locator('.meeting-page .divisions li').allInnerTexts();
  check(divisions.some((t) => t.startsWith('冷水江市')), `divisions that reported: ${divisions.join(' | ')}`);
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'meeting.png'), fullPage: true });

  step = 'the timeline view';
  await page.locator('.meeting-page a', { hasText: '刘非' }).first().click();
  await page.waitForSelector(`#side[data-state=ready]`);
  await page.locator('#side .actions a', { hasText: 'Timeline' }).click();
  await page.waitForSelector('#page-view[data-state=ready] .timeline-page');
  const entries = await page.locator('.timeline .entry').count();
  check(entries >= 2, `the timeline has ${entries} entries`);
  check((await page.locator('.timeline .entry-meeting a', { hasText: '统筹推进' }).count()) === 1, 'the timeline lacks the seed meeting');
  await page.screenshot({ path: path.join(artifacts, 'timeline.png'), fullPage: true });

  step = 'a date range re-queries';
  await page.goBack();
  await page.waitForSelector('#graph[data-state=ready]');
  const before = await page.locator('#node-list button').count();
  // Move the "from" slider past the seed meeting (2020-02) with the keyboard.
  const slider = page.locator('#from-slider');
  await slider.focus();
  const months = await slider.evaluate((s) => Number(s.max));
  check(months > 2, `the slider spans ${months + 1} months`);
  for (let i = 0; i < months; i++) await page.keyboard.press('ArrowRight');
  await slider.dispatchEvent('change');
  await page.waitForFunction(() => window.location.hash.includes('from='));
  await page.waitForSelector('#graph[data-state=ready]');
  await page.locator('#node-list', { hasText: 'No one shared a meeting in this range' }).waitFor();
  log(`date range: ${before} officials before, ${await page.locator('#node-list button').count()} from ${await page.locator('#from-label').innerText()}`);

  step = 'text from the API is never markup';
  await page.fill('#q', '<img src=x onerror=alert(1)>');
  await page.locator('#results li').first().waitFor();
  check((await page.locator('#results img').count()) === 0, 'search text became markup');
} catch (err) {
  failed = true;
  console.error(`explore: FAIL: ${err.message}`);
} finally {
  await browser.close();
}

if (problems.length) {
  failed = true;
  for (const p of problems) console.error(`explore: FAIL: ${p}`);
}
if (failed) process.exit(1);
log('PASS');
