// The Explorer page: search, an official's co-attendance network with a
// card per official, meeting, timeline and division pages. Routes live in
// the URL's fragment:
//
//	#/official/ID?from=YYYY-MM&to=YYYY-MM&min=N&colour=division|role
//	#/meeting/ID   #/timeline/ID   #/division/ID
import { gql, Q } from './api.js';
import { $, h, replace } from './dom.js';
import { MAX_FIRST, MAX_NODES, Network } from './network.js';
import * as V from './views.js';

const el = {
  status: $('#status'),
  home: $('#home'),
  networkView: $('#network-view'),
  pageView: $('#page-view'),
  graph: $('#graph'),
  side: $('#side'),
  title: $('#net-title'),
  colourBy: $('#colour-by'),
  range: $('#range'),
  fromSlider: $('#from-slider'),
  toSlider: $('#to-slider'),
  fromLabel: $('#from-label'),
  toLabel: $('#to-label'),
  minShared: $('#min-shared'),
  more: $('#more'),
  legend: $('#legend'),
  nodeList: $('#node-list'),
  form: $('#search'),
  q: $('#q'),
  results: $('#results'),
};

const state = {
  net: null,
  months: null, // YYYY-MM of every month from the earliest meeting to the latest
  cardSeq: 0,
  pageSeq: 0,
  searchSeq: 0,
  search: null, // the latest search, a promise of its hits
  active: -1,
};

function setStatus(msg, isError) {
  el.status.textContent = msg || '';
  el.status.classList.toggle('error', Boolean(isError));
  el.status.setAttribute('role', isError ? 'alert' : 'status');
}

function show(section) {
  for (const s of [el.home, el.networkView, el.pageView]) s.hidden = s !== section;
}

// ---- Routing ----

function parseRoute() {
  const m = window.location.hash.match(/^#\/(official|meeting|timeline|division)\/([^?/]+)(?:\?(.*))?$/);
  if (!m) return { view: 'home' };
  return { view: m[1], id: decodeURIComponent(m[2]), params: new URLSearchParams(m[3] || '') };
}

async function route() {
  const r = parseRoute();
  closeResults();
  setStatus('');
  try {
    switch (r.view) {
      case 'official':
        await showNetwork(r.id, r.params);
        break;
      case 'meeting':
        await showPage(Q.meeting, { id: r.id }, (d) => d.meeting && V.meetingPage(d.meeting), 'meeting');
        break;
      case 'timeline':
        await showPage(Q.timeline, { id: r.id }, (d) => d.official && V.timelinePage(d.official), 'official');
        break;
      case 'division':
        await showPage(Q.division, { id: r.id }, (d) => d.division && V.divisionPage(d.division, moreDivisionMeetings(r.id)), 'division');
        break;
      default:
        show(el.home);
        document.title = 'officialgraph Explorer';
    }
  } catch (err) {
    setStatus(err.message, true);
    el.graph.dataset.state = 'error';
  }
}

async function showPage(query, vars, render, what) {
  const seq = ++state.pageSeq;
  show(el.pageView);
  el.pageView.dataset.state = 'loading';
  replace(el.pageView, h('p', { class: 'loading' }, 'Loading…'));
  const data = await gql(query, vars);
  if (seq !== state.pageSeq) return;
  const page = render(data);
  if (!page) {
    replace(el.pageView, h('p', { class: 'empty' }, `No such ${what}.`));
  } else {
    replace(el.pageView, page);
    document.title = `${page.querySelector('h2').textContent} · officialgraph Explorer`;
  }
  el.pageView.dataset.state = 'ready';
  window.scrollTo(0, 0);
}

function moreDivisionMeetings(id) {
  return async (button, after) => {
    button.disabled = true;
    try {
      const d = (await gql(Q.division, { id, after })).division;
      button.previousElementSibling.append(...d.meetings.edges.map(V.divisionMeeting));
      if (d.meetings.pageInfo.hasNextPage) {
        button.replaceWith(h('button', { type: 'button', onclick: (ev) => moreDivisionMeetings(id)(ev.target, d.meetings.pageInfo.endCursor) }, 'More meetings'));
      } else {
        button.remove();
      }
    } catch (err) {
      setStatus(err.message, true);
      button.disabled = false;
    }
  };
}

// ---- The network ----

function ensureNetwork() {
  if (state.net) return state.net;
  state.net = new Network(el.graph, {
    select: (id) => showCard(id),
    selectEdge: (data) => showEdge(data),
    change: () => renderNetworkChrome(),
  });
  // Tests and the curious can reach the drawing from the console.
  window.officialgraphExplore = { network: state.net };
  return state.net;
}

async function ensureMonths() {
  if (state.months) return state.months;
  const d = await gql(Q.dateSpan);
  const first = d.earliest.edges[0] && d.earliest.edges[0].node.date;
  const last = d.latest.edges[0] && d.latest.edges[0].node.date;
  state.months = [];
  if (first && last && /^\d{4}/.test(last)) {
    let [y, m] = [Number(first.slice(0, 4)), Number(first.slice(5, 7)) || 1];
    const [ly, lm] = [Number(last.slice(0, 4)), Number(last.slice(5, 7)) || 12];
    while (y < ly || (y === ly && m <= lm)) {
      state.months.push(`${y}-${String(m).padStart(2, '0')}`);
      m++;
      if (m > 12) {
        y++;
        m = 1;
      }
    }
  }
  const n = state.months.length;
  el.range.hidden = n < 2;
  for (const s of [el.fromSlider, el.toSlider]) {
    s.min = 0;
    s.max = Math.max(n - 1, 0);
  }
  el.fromSlider.value = 0;
  el.toSlider.value = Math.max(n - 1, 0);
  updateRangeLabels();
  return state.months;
}

// rangeFromSliders gives the dates the sliders select; a slider at its end
// leaves that side open, so that meetings of unknown date still count.
function rangeFromSliders() {
  const months = state.months || [];
  const lo = Number(el.fromSlider.value);
  const hi = Number(el.toSlider.value);
  return {
    from: lo > 0 ? months[lo] : null,
    to: hi < months.length - 1 ? months[hi] : null,
  };
}

function updateRangeLabels() {
  const months = state.months || [];
  el.fromLabel.textContent = months[Number(el.fromSlider.value)] || '';
  el.toLabel.textContent = months[Number(el.toSlider.value)] || '';
}

function setSliders(from, to) {
  const months = state.months || [];
  const i = from ? months.indexOf(from) : 0;
  const j = to ? months.indexOf(to) : months.length - 1;
  el.fromSlider.value = i >= 0 ? i : 0;
  el.toSlider.value = j >= 0 ? j : months.length - 1;
  updateRangeLabels();
}

function networkHash(id) {
  const net = state.net;
  const p = new URLSearchParams();
  if (net.range.from) p.set('from', net.range.from);
  if (net.range.to) p.set('to', net.range.to);
  if (net.minShared > 1) p.set('min', String(net.minShared));
  if (net.colourBy !== 'division') p.set('colour', net.colourBy);
  const qs = p.toString();
  return V.officialHref(id) + (qs ? `?${qs}` : '');
}

async function showNetwork(id, params) {
  show(el.networkView);
  const net = ensureNetwork();
  await ensureMonths();
  net.colourBy = params.get('colour') === 'role' ? 'role' : 'division';
  el.colourBy.value = net.colourBy;
  setSliders(params.get('from'), params.get('to'));
  const range = rangeFromSliders();
  const min = Math.max(1, Number.parseInt(params.get('min') || '1', 10) || 1);
  el.minShared.value = min;
  const changed = range.from !== net.range.from || range.to !== net.range.to || min !== net.minShared;
  net.range = range;
  net.minShared = min;
  el.graph.dataset.state = 'loading';
  if (net.focus !== id) {
    setStatus('Loading the network…');
    replace(el.side, h('p', { class: 'empty' }, 'Click an official for their card, or a line for the meetings it stands for.'));
    delete el.side.dataset.official;
    await net.centre(id);
    setStatus('');
  } else if (changed) {
    await reloadNetwork();
  } else {
    net.restyle();
    renderNetworkChrome();
  }
  el.graph.dataset.state = 'ready';
  net.cy.resize();
  await showCard(id);
}

async function reloadNetwork() {
  const net = state.net;
  el.graph.dataset.state = 'loading';
  setStatus('Loading the network…');
  await net.reload();
  setStatus('');
  el.graph.dataset.state = 'ready';
  if (el.side.dataset.official) await showCard(el.side.dataset.official);
}

// onControlsChanged re-queries the network for the range and minimum the
// controls now show, once they have been still for a moment.
let controlsTimer = 0;
function onControlsChanged() {
  clearTimeout(controlsTimer);
  controlsTimer = setTimeout(applyControls, 200);
}

function applyControls() {
  const net = state.net;
  if (!net || !net.focus) return;
  const range = rangeFromSliders();
  const min = Math.max(1, Number.parseInt(el.minShared.value, 10) || 1);
  if (range.from === net.range.from && range.to === net.range.to && min === net.minShared) return;
  net.range = range;
  net.minShared = min;
  window.history.replaceState(null, '', networkHash(net.focus));
  reloadNetwork().catch((err) => setStatus(err.message, true));
}

// renderNetworkChrome draws what goes around the drawing: title, legend,
// the "more" control, the list of officials.
function renderNetworkChrome() {
  const net = state.net;
  const focus = net.cy.getElementById(net.focus);
  const name = focus.length ? focus.data('name') : '';
  replace(el.title, name ? `${name}: who shared meetings` : 'Network');
  document.title = `${name} · officialgraph Explorer`;
  el.more.disabled = !net.hasMore(net.focus) || net.cy.nodes().length >= MAX_NODES;
  if (net.hasMore(net.focus)) el.more.textContent = 'More co-attendees';
  else if (net.capped(net.focus)) el.more.textContent = `Top ${MAX_FIRST} drawn`;
  else el.more.textContent = 'All co-attendees drawn';
  const capped = net.capped(net.focus)
    ? `Showing the ${MAX_FIRST} officials who shared most meetings with ${name}; raise “Shared at least” or narrow the dates to see others.`
    : null;
  replace(el.legend, net.legend().map((l) => h('span', { class: 'legend-item' }, V.swatch(l.colour), l.label || '—')),
    h('span', { class: 'legend-item hint' }, 'Edge width: shared meetings. Double-click an official to expand.'));
  const officials = net.officials();
  const edges = net.cy.edges().length;
  replace(el.nodeList,
    h('h3', {}, `Officials in the network (${officials.length}), ${edges} link${edges === 1 ? '' : 's'}`),
    net.notice ? h('p', { class: 'note' }, net.notice) : null,
    capped ? h('p', { class: 'note' }, capped) : null,
    officials.length <= 1 ? h('p', { class: 'empty' }, 'No one shared a meeting in this range.') : null,
    h('ol', { class: 'chips' }, officials.map((o) => h('li', {},
      h('button', {
        type: 'button', 'data-id': o.id, class: o.expanded ? 'expanded' : null,
        title: `${o.pinyin}: ${o.shared} shared meeting${o.shared === 1 ? '' : 's'} with the officials drawn`,
        onclick: () => {
          net.select(o.id);
          showCard(o.id);
        },
      }, V.swatch(colourOf(o.id)), o.name, h('span', { class: 'count' }, String(o.shared)))))));
}

function colourOf(id) {
  return state.net.cy.getElementById(id).data('colour');
}

// showCard opens an official's card beside the network.
async function showCard(id) {
  const seq = ++state.cardSeq;
  const net = state.net;
  el.side.dataset.official = id;
  el.side.dataset.state = 'loading';
  net.select(id);
  const data = await gql(Q.card, { id, from: net.range.from, to: net.range.to }).catch((err) => {
    setStatus(err.message, true);
    return null;
  });
  if (seq !== state.cardSeq || !data) return;
  if (!data.official) {
    replace(el.side, h('p', { class: 'empty' }, 'No such official.'));
    el.side.dataset.state = 'ready';
    return;
  }
  replace(el.side, V.officialCard(data.official, net.range, cardActions(id), moreCardMeetings(id)));
  el.side.dataset.state = 'ready';
  el.side.scrollTop = 0;
}

function cardActions(id) {
  const net = state.net;
  const drawn = net.cy.getElementById(id).length > 0;
  const out = [];
  if (drawn && net.hasMore(id)) {
    const expanded = net.expanded.has(id);
    out.push(h('button', {
      type: 'button',
      class: 'expand',
      onclick: async (ev) => {
        ev.target.disabled = true;
        setStatus('Loading co-attendees…');
        try {
          await net.expand(id);
          setStatus('');
        } catch (err) {
          setStatus(err.message, true);
        }
        showCard(id);
      },
    }, expanded ? 'More co-attendees from here' : 'Expand network from here'));
  }
  if (id !== net.focus) out.push(h('a', { href: networkHash(id), class: 'button' }, 'Centre network here'));
  return out;
}

function moreCardMeetings(id) {
  return async (button, after) => {
    button.disabled = true;
    try {
      const net = state.net;
      const m = (await gql(Q.cardMeetings, { id, from: net.range.from, to: net.range.to, after })).official.meetings;
      button.previousElementSibling.append(...m.edges.map(V.meetingItem));
      if (m.pageInfo.hasNextPage) {
        button.replaceWith(h('button', { type: 'button', class: 'more-meetings', onclick: (ev) => moreCardMeetings(id)(ev.target, m.pageInfo.endCursor) }, 'More meetings'));
      } else {
        button.remove();
      }
    } catch (err) {
      setStatus(err.message, true);
      button.disabled = false;
    }
  };
}

// showEdge shows the meetings two officials shared.
function showEdge(data) {
  state.cardSeq++;
  const cy = state.net.cy;
  const a = cy.getElementById(data.source).data('name');
  const b = cy.getElementById(data.target).data('name');
  delete el.side.dataset.official;
  replace(el.side, h('article', { class: 'card' },
    h('header', {}, h('h2', {}, `${a} — ${b}`), h('p', { class: 'sub' }, `${data.shared} shared meeting${data.shared === 1 ? '' : 's'}`)),
    h('ol', { class: 'meetings' }, data.meetings.map((m) => h('li', {},
      h('time', {}, m.date || 'date unknown'), ' ', h('a', { href: V.meetingHref(m.id) }, m.name)))),
    data.meetings.length < data.shared ? h('p', { class: 'meta' }, `Showing ${data.meetings.length}.`) : null));
  el.side.dataset.state = 'ready';
}

// ---- Search ----

function closeResults() {
  el.results.hidden = true;
  el.q.setAttribute('aria-expanded', 'false');
  state.active = -1;
}

function runSearch() {
  const q = el.q.value.trim();
  const seq = ++state.searchSeq;
  if (!q) {
    state.search = null;
    closeResults();
    return null;
  }
  state.search = gql(Q.search, { q, first: 12 }).then((d) => {
    if (seq !== state.searchSeq) return null;
    renderResults(d.search);
    return d.search;
  }, (err) => {
    if (seq === state.searchSeq) {
      replace(el.results, h('li', { class: 'error' }, `Search failed: ${err.message}`));
      el.results.hidden = false;
    }
    return null;
  });
  return state.search;
}

function renderResults(hits) {
  const items = hits.map(V.searchHit).filter(Boolean);
  state.active = items.length ? 0 : -1;
  replace(el.results, items.length ? items.map((it, i) => h('li', { role: 'option', id: `hit-${i}`, 'aria-selected': i === 0 ? 'true' : 'false', 'data-kind': it.kind },
    h('a', { href: it.href, tabindex: '-1', onclick: () => closeResults() },
      h('span', { class: 'kind' }, it.kind),
      h('span', { class: 'label' }, it.label),
      it.detail ? h('span', { class: 'detail' }, it.detail) : null))) : h('li', { class: 'empty' }, 'Nothing found.'));
  el.results.hidden = false;
  el.q.setAttribute('aria-expanded', 'true');
}

function moveActive(delta) {
  const opts = [...el.results.querySelectorAll('[role=option]')];
  if (!opts.length) return;
  state.active = (state.active + delta + opts.length) % opts.length;
  opts.forEach((o, i) => o.setAttribute('aria-selected', i === state.active ? 'true' : 'false'));
  el.q.setAttribute('aria-activedescendant', opts[state.active].id);
}

let searchTimer = 0;
el.q.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(runSearch, 180);
});
el.q.addEventListener('keydown', (ev) => {
  if (ev.key === 'ArrowDown') moveActive(1);
  else if (ev.key === 'ArrowUp') moveActive(-1);
  else if (ev.key === 'Escape') closeResults();
  else return;
  ev.preventDefault();
});
el.form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearTimeout(searchTimer);
  if (!state.search || el.results.hidden) runSearch();
  await state.search;
  const opt = el.results.querySelectorAll('[role=option] a')[Math.max(state.active, 0)];
  if (opt) {
    closeResults();
    window.location.hash = opt.getAttribute('href');
  }
});
document.addEventListener('click', (ev) => {
  if (!el.form.contains(ev.target)) closeResults();
});
for (const a of document.querySelectorAll('[data-example]')) {
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    el.q.value = a.textContent;
    el.q.focus();
    runSearch();
  });
}

// ---- Network controls ----

el.colourBy.addEventListener('change', () => {
  state.net.setColourBy(el.colourBy.value);
  window.history.replaceState(null, '', networkHash(state.net.focus));
});
for (const s of [el.fromSlider, el.toSlider]) {
  s.addEventListener('input', () => {
    if (Number(el.fromSlider.value) > Number(el.toSlider.value)) {
      if (s === el.fromSlider) el.toSlider.value = el.fromSlider.value;
      else el.fromSlider.value = el.toSlider.value;
    }
    updateRangeLabels();
  });
  s.addEventListener('change', onControlsChanged);
}
el.minShared.addEventListener('change', onControlsChanged);
el.more.addEventListener('click', async () => {
  el.more.disabled = true;
  setStatus('Loading co-attendees…');
  try {
    await state.net.expand(state.net.focus);
    setStatus('');
  } catch (err) {
    setStatus(err.message, true);
  }
  renderNetworkChrome();
});
$('#fit').addEventListener('click', () => state.net && state.net.cy.fit(undefined, 40));

window.addEventListener('hashchange', route);
route();
