// A small SVG bar chart, built with DOM calls (no library, nothing inline for the CSP).

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.appendChild(document.createTextNode(text));
  return e;
}

/**
 * Draws `values` (oldest first, numbers) as bars into `container` (emptied first); `labels` are
 * the x values (block numbers) shown in each bar's tooltip, `unit` follows the y maximum.
 */
export function barChart(container, values, labels, unit) {
  while (container.firstChild) container.removeChild(container.firstChild);
  const W = 600, H = 120, left = 40, bottom = 14;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: 'none', role: 'img' });
  const max = Math.max(1e-9, ...values);
  const n = Math.max(values.length, 1);
  const bw = (W - left) / n;
  root.appendChild(svg('line', { x1: left, y1: H - bottom, x2: W, y2: H - bottom, class: 'axis' }));
  root.appendChild(svg('text', { x: 2, y: 10 }, format(max) + ' ' + unit));
  root.appendChild(svg('text', { x: 2, y: H - bottom }, '0'));
  if (labels.length) {
    root.appendChild(svg('text', { x: left, y: H - 2 }, '#' + labels[0]));
    root.appendChild(svg('text', { x: W - 40, y: H - 2 }, '#' + labels[labels.length - 1]));
  }
  values.forEach((v, i) => {
    const h = (H - bottom - 12) * (v / max);
    const bar = svg('rect', { x: left + i * bw + 1, y: H - bottom - h, width: Math.max(1, bw - 2), height: Math.max(0, h), class: 'bar' });
    bar.appendChild(svg('title', {}, '#' + labels[i] + ': ' + format(v) + ' ' + unit));
    root.appendChild(bar);
  });
  container.appendChild(root);
}

function format(v) {
  return Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1);
}

/**
 * From block summaries (newest first): per block, seconds since its parent, its transactions, and
 * its transactions per second. Returns arrays oldest first, without the oldest block (no parent).
 */
export function series(summaries) {
  const old = [...summaries].sort((a, b) => a.number - b.number);
  const out = { labels: [], blockTime: [], txs: [], tps: [] };
  for (let i = 1; i < old.length; i++) {
    if (old[i].number !== old[i - 1].number + 1) continue;
    const dt = Math.max(0, (old[i].timestamp - old[i - 1].timestamp) / 1000);
    out.labels.push(old[i].number);
    out.blockTime.push(dt);
    out.txs.push(old[i].txCount);
    out.tps.push(dt > 0 ? old[i].txCount / dt : 0);
  }
  return out;
}
