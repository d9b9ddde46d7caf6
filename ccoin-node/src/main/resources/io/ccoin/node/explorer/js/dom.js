// Building the page. Every value from the chain or the API goes in as a text node: nothing here
// ever assigns HTML, so hostile data (transaction or block `data`) can only ever be shown as text.

/**
 * A new element. attrs: plain attributes (never event handlers or style); children: nodes, or
 * strings and numbers, which become text nodes; null and undefined are skipped.
 */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') || k === 'style') throw new Error('no handlers or styles in attributes: ' + k);
    e.setAttribute(k, v === true ? '' : String(v));
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const c of children) {
    if (c === null || c === undefined) continue;
    if (Array.isArray(c)) append(parent, c);
    else if (c instanceof Node) parent.appendChild(c);
    else parent.appendChild(document.createTextNode(String(c)));
  }
}

/** Replaces the children of `node` with `children`. */
export function replace(node, ...children) {
  while (node.firstChild) node.removeChild(node.firstChild);
  append(node, children);
  return node;
}

/** A link inside the explorer to a hash route, e.g. link('#/block/5', '5'). */
export function link(route, text, cls) {
  return el('a', { href: route, class: cls }, text);
}

export const blockLink = (id, text) => link('#/block/' + id, text === undefined ? String(id) : text, 'mono');
export const txLink = (hash, text) => link('#/tx/' + hash, text === undefined ? short(hash) : text, 'mono');
export const accountLink = (address, text) => link('#/account/' + address, text === undefined ? short(address) : text, 'mono');

/** The first 10 and last 6 hex digits of a long hex string. */
export function short(hex) {
  return hex && hex.length > 20 ? hex.slice(0, 10) + '…' + hex.slice(-6) : hex;
}

/** A two-column table of [label, value] rows; a value may be a node or text. */
export function fields(rows) {
  return el('table', { class: 'fields' },
    el('tbody', null, rows.filter(r => r).map(([k, v, cls]) => el('tr', null, el('th', null, k), el('td', { class: cls }, v)))));
}

/** A table with a header row and rows of cells (nodes or text). */
export function table(headers, rows, id) {
  return el('table', { id },
    el('thead', null, el('tr', null, headers.map(h => el('th', null, h)))),
    el('tbody', null, rows));
}

export function row(cells) {
  return el('tr', null, cells.map(c => el('td', null, c)));
}

export function card(label, value, id) {
  return el('div', { class: 'card' }, el('div', { class: 'label' }, label), el('div', { class: 'value', id }, value));
}

export function badge(text, kind) {
  return el('span', { class: 'badge ' + (kind || '') }, text);
}

/** A time in ms since the epoch as local date and time, and how long ago. */
export function time(ms) {
  const d = new Date(ms);
  return d.toLocaleString() + ' (' + ago(ms) + ')';
}

export function ago(ms) {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return s + ' s ago';
  if (s < 3600) return Math.floor(s / 60) + ' min ago';
  if (s < 86400) return Math.floor(s / 3600) + ' h ago';
  return Math.floor(s / 86400) + ' d ago';
}
