// The co-attendance network: officials joined by the meetings they shared,
// drawn with cytoscape. It grows by expansion (an official's co-attendees,
// a page at a time) and is bounded, so that drawing stays interactive on a
// large corpus.
import cytoscape from 'cytoscape';
import { gql, Q } from './api.js';

// PAGE is how many co-attendees one expansion adds; the API's coAttendees
// returns at most MAX_FIRST, so an official gives at most two pages.
export const PAGE = 50;
export const MAX_FIRST = 100;
// MAX_NODES bounds the officials drawn at once.
export const MAX_NODES = 400;
// DETAILS_BATCH is how many officials one details query asks about.
const DETAILS_BATCH = 50;

export const ROLES = ['PRESIDED', 'SPOKE', 'REPORTED', 'ATTENDED'];
export const ROLE_LABEL = { PRESIDED: 'presided', SPOKE: 'spoke', REPORTED: 'reported', ATTENDED: 'attended' };
export const ROLE_COLOUR = { PRESIDED: '#c0392b', SPOKE: '#e67e22', REPORTED: '#2e86c1', ATTENDED: '#7f8c8d' };
const PALETTE = ['#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#ff7f0e', '#393b79'];
const OTHER_COLOUR = '#b0b7bf';
const PENDING_COLOUR = '#dde1e5';

export class Network {
  // container is the element to draw in; on is {select(id), selectEdge(data),
  // change()} callbacks.
  constructor(container, on) {
    this.on = on;
    this.colourBy = 'division';
    this.range = { from: null, to: null };
    this.minShared = 1;
    this.focus = null;
    // expanded maps an official's ID to how many co-attendees were asked
    // for and how many came, in the order they were expanded.
    this.expanded = new Map();
    this.details = new Map();
    this.divisionColours = new Map();
    this.generation = 0;
    this.notice = '';
    this.cy = cytoscape({
      container,
      style: stylesheet(),
      minZoom: 0.2,
      maxZoom: 3,
      boxSelectionEnabled: false,
    });
    this.cy.on('tap', 'node', (ev) => this.on.select(ev.target.id()));
    this.cy.on('tap', 'edge', (ev) => this.on.selectEdge(ev.target.data()));
    this.cy.on('dbltap', 'node', (ev) => this.expand(ev.target.id()));
  }

  // centre starts afresh from one official.
  async centre(id) {
    this.generation++;
    this.focus = id;
    this.expanded = new Map();
    this.cy.elements().remove();
    this.notice = '';
    return this.expand(id);
  }

  // expand adds an official's co-attendees; a second call adds the next
  // page. It returns false when there is nothing more to add.
  async expand(id) {
    const prev = this.expanded.get(id);
    if (prev && (prev.asked >= MAX_FIRST || prev.got < prev.asked)) return false;
    const asked = prev ? Math.min(prev.asked + PAGE, MAX_FIRST) : PAGE;
    const gen = this.generation;
    const added = await this.load(id, asked, gen);
    if (added === null) return false;
    this.restyle();
    this.layout(added);
    this.on.change();
    // Draw first, colour after: the details take longer on a large store.
    await this.loadDetails(added, gen);
    if (gen !== this.generation) return true;
    this.relayoutStar();
    this.on.change();
    return true;
  }

  // capped reports whether id's co-attendees were cut at the most the API
  // returns: there may be others, who shared fewer meetings.
  capped(id) {
    const e = this.expanded.get(id);
    return Boolean(e) && e.got >= MAX_FIRST;
  }

  // hasMore reports whether expanding id again could add officials.
  hasMore(id) {
    const e = this.expanded.get(id);
    return !e || (e.got >= e.asked && e.asked < MAX_FIRST);
  }

  // reload redraws the network with the current date range and minimum,
  // expanding the same officials as deep as before.
  async reload() {
    const gen = ++this.generation;
    const plan = [...this.expanded.entries()].map(([id, e]) => [id, e.asked]);
    this.expanded = new Map();
    this.details = new Map();
    this.notice = '';
    this.cy.elements().remove();
    for (const [id, asked] of plan) {
      if (gen !== this.generation) return;
      if (id !== this.focus && !this.cy.getElementById(id).length) continue;
      await this.load(id, asked, gen);
    }
    if (gen !== this.generation) return;
    this.restyle();
    this.layout(null);
    this.on.change();
    await this.loadDetails(this.cy.nodes().map((n) => n.id()), gen);
    if (gen !== this.generation) return;
    this.relayoutStar();
    this.on.change();
  }

  // relayoutStar lays a star out again once the sizes are known; it is
  // cheap, unlike the force-directed layout of a larger network.
  relayoutStar() {
    if (this.expanded.size <= 1) this.layout(null);
  }

  // load asks for an official's co-attendees and adds them; it returns the
  // IDs of the officials it added, or null when superseded.
  async load(id, asked, gen) {
    const data = await gql(Q.coAttendees, {
      id, first: asked, minShared: this.minShared, from: this.range.from, to: this.range.to,
    });
    if (gen !== this.generation) return null;
    const o = data.official;
    if (!o) throw new Error('No such official.');
    const added = [];
    const elements = [];
    let room = MAX_NODES - this.cy.nodes().length;
    if (!this.cy.getElementById(o.id).length) {
      elements.push(nodeElement(o));
      added.push(o.id);
      room--;
    }
    let skipped = 0;
    for (const c of o.coAttendees) {
      const other = c.official;
      if (!this.cy.getElementById(other.id).length && !added.includes(other.id)) {
        if (room <= 0) {
          skipped++;
          continue;
        }
        elements.push(nodeElement(other));
        added.push(other.id);
        room--;
      }
      const [a, b] = o.id < other.id ? [o.id, other.id] : [other.id, o.id];
      const eid = `${a}|${b}`;
      if (!this.cy.getElementById(eid).length && !elements.some((e) => e.data.id === eid)) {
        elements.push({
          group: 'edges',
          data: {
            id: eid, source: a, target: b, shared: c.sharedCount,
            meetings: c.sharedMeetings, width: edgeWidth(c.sharedCount),
          },
        });
      }
    }
    this.cy.add(elements);
    this.expanded.set(o.id, { asked, got: o.coAttendees.length });
    this.cy.getElementById(o.id).addClass('expanded');
    if (o.id === this.focus) this.cy.getElementById(o.id).addClass('focus');
    if (skipped) {
      this.notice = `${skipped} more co-attendees not drawn: the network holds at most ${MAX_NODES} officials. Centre on one to start afresh.`;
    }
    return added;
  }

  // loadDetails fetches the colour and size data of new officials, then
  // restyles the drawing.
  async loadDetails(ids, gen) {
    const todo = ids.filter((id) => !this.details.has(id));
    for (let i = 0; i < todo.length; i += DETAILS_BATCH) {
      const batch = todo.slice(i, i + DETAILS_BATCH);
      const data = await gql(Q.details, { ids: batch, from: this.range.from, to: this.range.to });
      if (gen !== this.generation) return;
      for (const o of data.nodes) {
        if (!o || !o.id) continue;
        this.details.set(o.id, summarise(o));
      }
    }
    this.restyle();
  }

  setColourBy(by) {
    this.colourBy = by;
    this.restyle();
    this.on.change();
  }

  // restyle sets every node's colour and size from its details.
  restyle() {
    let maxMeetings = 1;
    for (const d of this.details.values()) maxMeetings = Math.max(maxMeetings, d.meetings);
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        const d = this.details.get(n.id());
        if (!d) {
          n.data({ colour: PENDING_COLOUR, size: 22 });
          return;
        }
        n.data({
          colour: this.colourBy === 'role' ? ROLE_COLOUR[d.role] : this.divisionColour(d.divisionId),
          size: 18 + 30 * Math.sqrt(d.meetings / maxMeetings),
          meetings: d.meetings,
        });
      });
    });
  }

  divisionColour(id) {
    if (!id) return OTHER_COLOUR;
    if (!this.divisionColours.has(id)) {
      const n = this.divisionColours.size;
      this.divisionColours.set(id, n < PALETTE.length ? PALETTE[n] : OTHER_COLOUR);
    }
    return this.divisionColours.get(id);
  }

  // legend lists the colours in use: [{colour, label}].
  legend() {
    if (this.colourBy === 'role') {
      return ROLES.map((r) => ({ colour: ROLE_COLOUR[r], label: r === 'ATTENDED' ? 'attended only' : `${ROLE_LABEL[r]} most` }));
    }
    const seen = new Map();
    let other = false;
    this.cy.nodes().forEach((n) => {
      const d = this.details.get(n.id());
      if (!d) return;
      const colour = this.divisionColour(d.divisionId);
      if (colour === OTHER_COLOUR) other = true;
      else if (!seen.has(d.divisionId)) seen.set(d.divisionId, { colour, label: d.divisionName });
    });
    const out = [...seen.values()];
    if (other) out.push({ colour: OTHER_COLOUR, label: 'other or unknown' });
    return out;
  }

  // layout places the officials: all of them at first, or only those just
  // added, around the official they came from.
  layout(added) {
    const fresh = !added || this.cy.nodes().length === added.length;
    if (!fresh && added.length) {
      const known = this.cy.nodes().filter((n) => !added.includes(n.id()));
      const anchor = known.length ? known.boundingBox() : { x1: 0, y1: 0, w: 0, h: 0 };
      added.forEach((id, i) => {
        const angle = (2 * Math.PI * i) / added.length;
        this.cy.getElementById(id).position({
          x: anchor.x1 + anchor.w / 2 + Math.cos(angle) * (anchor.w / 2 + 120),
          y: anchor.y1 + anchor.h / 2 + Math.sin(angle) * (anchor.h / 2 + 120),
        });
      });
    }
    if (this.expanded.size <= 1) {
      // One official and their co-attendees: a star, the most shared
      // nearest the middle.
      this.cy.layout({
        name: 'concentric',
        animate: false,
        concentric: (n) => (n.hasClass('focus') ? 1000 : n.connectedEdges().reduce((s, e) => s + e.data('shared'), 0)),
        levelWidth: () => 1,
        minNodeSpacing: 28,
        nodeDimensionsIncludeLabels: true,
        fit: true,
        padding: 40,
      }).run();
      return;
    }
    this.cy.layout({
      name: 'cose',
      animate: false,
      randomize: fresh,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => 110,
      nodeRepulsion: () => 9000,
      numIter: this.cy.nodes().length > 150 ? 600 : 1000,
      fit: true,
      padding: 40,
    }).run();
  }

  // officials lists the drawn officials, expanded first, then by name.
  officials() {
    const list = this.cy.nodes().map((n) => {
      const d = this.details.get(n.id()) || {};
      const shared = n.connectedEdges().reduce((s, e) => s + e.data('shared'), 0);
      return { id: n.id(), name: n.data('name'), pinyin: n.data('pinyin'), shared, expanded: this.expanded.has(n.id()), ...d };
    });
    list.sort((a, b) => (b.expanded - a.expanded) || (b.shared - a.shared) || a.name.localeCompare(b.name, 'zh'));
    return list;
  }

  select(id) {
    this.cy.elements().unselect();
    this.cy.getElementById(id).select();
  }
}

function nodeElement(o) {
  return { group: 'nodes', data: { id: o.id, name: o.name, pinyin: o.pinyin, colour: PENDING_COLOUR, size: 22 } };
}

function edgeWidth(shared) {
  return Math.min(1.5 + 1.5 * Math.log2(shared), 9);
}

// summarise turns an official's details into what the drawing needs: the
// division of the latest position, the most frequent specific role, the
// number of meetings in range.
function summarise(o) {
  let division = null;
  let latest = '';
  for (const p of o.positions) {
    const seen = p.lastSeen || p.firstSeen || '';
    if (p.position.division && (division === null || seen >= latest)) {
      division = p.position.division;
      latest = seen;
    }
  }
  const counts = { PRESIDED: o.presided.totalCount, SPOKE: o.spoke.totalCount, REPORTED: o.reported.totalCount };
  let role = 'ATTENDED';
  for (const r of ['PRESIDED', 'SPOKE', 'REPORTED']) {
    if (counts[r] > 0 && (role === 'ATTENDED' || counts[r] > counts[role])) role = r;
  }
  return {
    divisionId: division ? division.id : null,
    divisionName: division ? division.name : null,
    role,
    counts,
    meetings: o.all.totalCount,
  };
}

function stylesheet() {
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(name)',
        'font-size': 13,
        'font-family': '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif',
        color: '#1d2733',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.75,
        'text-background-padding': 1,
        'border-width': 1,
        'border-color': '#ffffff',
      },
    },
    { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#34495e' } },
    { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#111111', 'font-weight': 'bold' } },
    { selector: 'node:selected', style: { 'underlay-color': '#f1c40f', 'underlay-opacity': 0.7, 'underlay-padding': 7, 'underlay-shape': 'ellipse' } },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': '#9aa5b1',
        opacity: 0.55,
        'curve-style': 'haystack',
      },
    },
    { selector: 'edge:selected', style: { 'line-color': '#f39c12', opacity: 1 } },
  ];
}
