// Views: functions that turn API data into elements. All text goes through
// h, which adds it as text, never as markup.
import { h } from './dom.js';
import { ROLES, ROLE_COLOUR } from './network.js';

export const ROLE_NAME = {
  PRESIDED: ['presided', '主持'],
  SPOKE: ['spoke', '讲话'],
  REPORTED: ['reported', '汇报'],
  ATTENDED: ['attended', '出席'],
};

const LEVEL_NAME = { PROVINCE: 'province', CITY: 'city', COUNTY: 'county' };

export const officialHref = (id) => `#/official/${encodeURIComponent(id)}`;
export const meetingHref = (id) => `#/meeting/${encodeURIComponent(id)}`;
export const timelineHref = (id) => `#/timeline/${encodeURIComponent(id)}`;
export const divisionHref = (id) => `#/division/${encodeURIComponent(id)}`;

export function roleBadges(roles) {
  return h('span', { class: 'roles' }, roles.map((r) => h('span', { class: `role role-${r.toLowerCase()}`, title: ROLE_NAME[r][1] }, ROLE_NAME[r][0])));
}

function dateText(d) {
  return d || 'date unknown';
}

// evidenceList shows the sentences a fact was read from, each with its
// report's title.
export function evidenceList(evidence) {
  if (!evidence || !evidence.length) return null;
  return h('div', { class: 'evidence' }, evidence.map((e) => h('blockquote', {},
    h('p', {}, e.sentence),
    h('footer', {}, '— ', h('cite', {}, e.report.title),
      e.report.publishedAt ? ` · ${e.report.publishedAt}` : null,
      e.report.synthetic ? h('span', { class: 'tag', title: 'an invented report, written for tests' }, 'synthetic') : null))));
}

function collapsedEvidence(evidence) {
  if (!evidence || !evidence.length) return null;
  return h('details', { class: 'evidence-more' },
    h('summary', {}, evidence.length === 1 ? 'evidence' : `evidence (${evidence.length})`),
    evidenceList(evidence));
}

// officialCard shows an official: positions over time, meetings with roles
// and the sentences that tell of them, directives. actions is an element of
// buttons for the network, or null.
export function officialCard(o, range, actions, onMoreMeetings) {
  const names = [o.pinyin, ...o.aliases].filter(Boolean).join(' · ');
  const meetings = o.meetings;
  const rangeText = range.from || range.to ? ` ${range.from || '…'} – ${range.to || '…'}` : '';
  return h('article', { class: 'card', 'aria-label': `Official ${o.name}` },
    h('header', {},
      h('h2', {}, o.name),
      names ? h('p', { class: 'sub' }, names) : null,
      o.garbled ? h('p', { class: 'note' }, 'A character of this name was lost in the source; it is kept apart from everyone else.') : null,
      h('div', { class: 'actions' }, actions, h('a', { href: timelineHref(o.id), class: 'button' }, 'Timeline'))),
    h('section', {},
      h('h3', {}, `Positions (${o.positions.length})`),
      o.positions.length ? h('ol', { class: 'positions' }, o.positions.map((p) => h('li', {},
        h('strong', {}, p.position.title), ' ', p.position.organization,
        p.position.division ? [' · ', h('a', { href: divisionHref(p.position.division.id) }, p.position.division.name)] : null,
        h('span', { class: 'dates' }, spanText(p.firstSeen, p.lastSeen)),
        collapsedEvidence(p.evidence)))) : h('p', { class: 'empty' }, 'No position seen.')),
    h('section', {},
      h('h3', {}, `Meetings${rangeText} (${meetings.totalCount})`),
      meetingList(meetings.edges),
      meetings.pageInfo.hasNextPage ? h('button', { type: 'button', class: 'more-meetings', onclick: (ev) => onMoreMeetings(ev.target, meetings.pageInfo.endCursor) }, 'More meetings') : null),
    h('section', {},
      h('h3', {}, `Directives (${o.directives.totalCount})`),
      o.directives.edges.length ? h('ol', { class: 'directives' }, o.directives.edges.map(({ node: d }) => h('li', {},
        h('p', {}, d.text),
        h('p', { class: 'meta' }, h('time', {}, dateText(d.meeting.date)), ' ', h('a', { href: meetingHref(d.meeting.id) }, d.meeting.name)),
        collapsedEvidence(d.evidence)))) : h('p', { class: 'empty' }, 'No directive issued.'),
      o.directives.totalCount > o.directives.edges.length ? h('p', { class: 'meta' }, `Showing ${o.directives.edges.length}; the timeline and meeting pages show the rest.`) : null));
}

function spanText(first, last) {
  if (!first && !last) return '';
  if (first === last || !last) return ` seen ${first}`;
  return ` seen ${first || '?'} – ${last}`;
}

// meetingList lists meetings as one official took part in them.
export function meetingList(edges) {
  if (!edges.length) return h('p', { class: 'empty' }, 'No meeting in this range.');
  return h('ol', { class: 'meetings' }, edges.map(meetingItem));
}

export function meetingItem(e) {
  return h('li', {},
    h('div', { class: 'line' },
      h('time', {}, dateText(e.node.date)), ' ',
      h('a', { href: meetingHref(e.node.id) }, e.node.name), ' ',
      roleBadges(e.roles)),
    e.titlesAtTheTime.length ? h('p', { class: 'meta' }, `as ${e.titlesAtTheTime.join('、')}`) : null,
    evidenceList(e.evidence));
}

// meetingPage shows a meeting: participants grouped by role, the divisions
// that reported, directives and sources.
export function meetingPage(m) {
  const groups = new Map(ROLES.map((r) => [r, []]));
  for (const p of m.participants) {
    const first = ROLES.find((r) => p.roles.includes(r)) || 'ATTENDED';
    groups.get(first).push(p);
  }
  const divGroups = new Map(ROLES.map((r) => [r, []]));
  for (const d of m.divisions) divGroups.get(d.role).push(d);
  return h('article', { class: 'page meeting-page', 'aria-label': `Meeting ${m.name}` },
    h('p', { class: 'kicker' }, 'Meeting', m.kind ? ` · ${m.kind}` : ''),
    h('h2', {}, m.name),
    h('p', { class: 'meta' }, h('time', {}, dateText(m.date)),
      m.division ? [' · ', h('a', { href: divisionHref(m.division.id) }, m.division.name)] : null),
    h('section', {},
      h('h3', {}, `Participants by role (${m.participants.length})`),
      [...groups].filter(([, ps]) => ps.length).map(([role, ps]) => h('div', { class: 'role-group', 'data-role': role },
        h('h4', {}, swatch(ROLE_COLOUR[role]), `${ROLE_NAME[role][0]} ${ROLE_NAME[role][1]} (${ps.length})`),
        h('ul', { class: 'participants' }, ps.map((p) => h('li', {},
          h('a', { href: officialHref(p.official.id) }, p.official.name), ' ',
          p.roles.length > 1 ? roleBadges(p.roles) : null,
          p.titlesAtTheTime.length ? h('span', { class: 'meta' }, ` ${p.titlesAtTheTime.join('、')}`) : null,
          collapsedEvidence(p.evidence))))))),
    h('section', {},
      h('h3', {}, `Divisions that reported or attended (${m.divisions.length})`),
      m.divisions.length ? [...divGroups].filter(([, ds]) => ds.length).map(([role, ds]) => h('div', { class: 'role-group' },
        h('h4', {}, `${ROLE_NAME[role][0]} ${ROLE_NAME[role][1]} (${ds.length})`),
        h('ul', { class: 'divisions' }, ds.map((d) => h('li', {},
          h('a', { href: divisionHref(d.division.id) }, d.division.name),
          h('span', { class: 'meta' }, ` ${LEVEL_NAME[d.division.level] || ''}`),
          collapsedEvidence(d.evidence)))))) : h('p', { class: 'empty' }, 'No division named.')),
    h('section', {},
      h('h3', {}, `Directives (${m.directives.length})`),
      m.directives.length ? h('ol', { class: 'directives' }, m.directives.map((d) => h('li', {},
        h('p', {}, h('strong', {}, d.issuer ? h('a', { href: officialHref(d.issuer.id) }, d.issuer.name) : 'The meeting'), ': ', d.text),
        collapsedEvidence(d.evidence)))) : h('p', { class: 'empty' }, 'No directive.')),
    h('section', {},
      h('h3', {}, `Sources (${m.sources.length})`),
      h('ul', { class: 'sources' }, m.sources.map((r) => h('li', {},
        h('cite', {}, r.title),
        r.publishedAt ? ` · ${r.publishedAt}` : null,
        r.journalists.length ? ` · ${r.journalists.join('、')}` : null,
        r.synthetic ? h('span', { class: 'tag' }, 'synthetic') : null,
        r.url ? [' · ', h('a', { href: r.url, rel: 'noopener noreferrer', target: '_blank' }, 'original')] : null)))));
}

// timelinePage shows an official's positions and meetings in date order.
export function timelinePage(o) {
  return h('article', { class: 'page timeline-page', 'aria-label': `Timeline of ${o.name}` },
    h('p', { class: 'kicker' }, 'Timeline'),
    h('h2', {}, o.name, ' ', h('span', { class: 'sub' }, o.pinyin)),
    h('p', {}, h('a', { href: officialHref(o.id), class: 'button' }, 'Network and card')),
    o.timeline.length ? h('ol', { class: 'timeline' }, o.timeline.map((t) => h('li', { class: `entry entry-${t.kind.toLowerCase()}` },
      h('time', {}, dateText(t.date)),
      h('div', { class: 'body' },
        t.kind === 'MEETING' && t.meeting ? h('p', {},
          h('a', { href: meetingHref(t.meeting.id) }, t.meeting.name), ' ', roleBadges(t.roles),
          t.titlesAtTheTime.length ? h('span', { class: 'meta' }, ` as ${t.titlesAtTheTime.join('、')}`) : null) : null,
        t.kind === 'POSITION' && t.position ? h('p', {},
          'First seen as ', h('strong', {}, t.position.title), ' ', t.position.organization,
          t.position.division ? [' · ', h('a', { href: divisionHref(t.position.division.id) }, t.position.division.name)] : null) : null,
        collapsedEvidence(t.evidence))))) : h('p', { class: 'empty' }, 'Nothing on the timeline.'));
}

// divisionPage shows a division's officials and meetings.
export function divisionPage(d, onMoreMeetings) {
  return h('article', { class: 'page division-page', 'aria-label': `Division ${d.name}` },
    h('p', { class: 'kicker' }, 'Division · ', LEVEL_NAME[d.level] || d.level, d.code ? ` · ${d.code}` : ''),
    h('h2', {}, d.name),
    d.parent ? h('p', { class: 'meta' }, 'in ', h('a', { href: divisionHref(d.parent.id) }, d.parent.name)) : null,
    h('section', {},
      h('h3', {}, `Officials (${d.officials.totalCount})`),
      h('ul', { class: 'chips' }, d.officials.edges.map(({ node: o }) => h('li', {}, h('a', { href: officialHref(o.id), title: o.pinyin }, o.name)))),
      d.officials.totalCount > d.officials.edges.length ? h('p', { class: 'meta' }, `Showing ${d.officials.edges.length}; search finds the others.`) : null),
    h('section', {},
      h('h3', {}, `Meetings (${d.meetings.totalCount})`),
      h('ol', { class: 'meetings' }, d.meetings.edges.map(divisionMeeting)),
      d.meetings.pageInfo.hasNextPage ? h('button', { type: 'button', onclick: (ev) => onMoreMeetings(ev.target, d.meetings.pageInfo.endCursor) }, 'More meetings') : null));
}

export function divisionMeeting({ node: m }) {
  return h('li', {}, h('time', {}, dateText(m.date)), ' ', h('a', { href: meetingHref(m.id) }, m.name), m.kind ? h('span', { class: 'meta' }, ` ${m.kind}`) : null);
}

export function swatch(colour) {
  const s = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  s.style.backgroundColor = colour;
  return s;
}

// searchHit renders one search result for the list under the search box.
export function searchHit(hit) {
  const n = hit.node;
  switch (n.__typename) {
    case 'Official':
      return { href: officialHref(n.id), kind: 'official', label: n.name, detail: [n.pinyin, ...n.aliases].join(' · ') };
    case 'Meeting':
      return { href: meetingHref(n.id), kind: 'meeting', label: n.name, detail: n.date || '' };
    case 'Division':
      return { href: divisionHref(n.id), kind: 'division', label: n.name, detail: LEVEL_NAME[n.level] || '' };
    case 'Directive':
      return { href: meetingHref(n.meeting.id), kind: 'directive', label: n.text, detail: n.meeting.name };
    default:
      return null;
  }
}
