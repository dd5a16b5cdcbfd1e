// DOM helpers. Every string that reaches the page goes through a text node
// or an attribute set with setAttribute, never through HTML parsing: names,
// titles and sentences from the API are data, never markup.

const allowedAttrs = new Set([
  'class', 'id', 'href', 'title', 'role', 'type', 'value', 'min', 'max', 'step',
  'for', 'name', 'placeholder', 'autocomplete', 'hidden', 'lang', 'tabindex',
  'aria-label', 'aria-selected', 'aria-live', 'aria-expanded', 'aria-controls',
  'aria-current', 'aria-hidden', 'aria-activedescendant', 'data-id', 'data-kind', 'data-role', 'target', 'rel', 'open', 'disabled',
]);

// h creates an element. attrs holds attributes (only the allowed ones) and
// event handlers (keys starting with "on", given functions); children are
// nodes, strings (added as text), numbers, or arrays of those; null and
// false are skipped.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2).toLowerCase(), v);
      continue;
    }
    if (!allowedAttrs.has(k)) throw new Error(`attribute ${k} is not allowed`);
    if (k === 'href') {
      el.setAttribute(k, safeHref(String(v)));
      continue;
    }
    el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

// safeHref keeps in-page routes, relative paths and http(s) links; anything
// else (javascript:, data:) becomes an inert "#".
export function safeHref(href) {
  if (href.startsWith('#') || href.startsWith('/') || href.startsWith('./') || href.startsWith('../')) return href;
  try {
    const u = new URL(href);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  } catch {
    // not a URL
  }
  return '#';
}

// replace empties el and adds children.
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function $(sel) {
  return document.querySelector(sel);
}
