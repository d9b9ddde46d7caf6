// The router: hash routes (#/block/5) to pages, the search box, and the live event stream.

import { events } from './api.js';
import { el, replace } from './dom.js';
import * as pages from './pages.js';

const routes = [
  [/^#?\/?$/, pages.overview],
  [/^#\/blocks$/, pages.blocks],
  [/^#\/blocks\/before\/([0-9]{1,19})$/, pages.blocks],
  [/^#\/block\/([0-9]{1,19}|[0-9a-f]{64})$/, pages.block],
  [/^#\/tx\/([0-9a-f]{64})$/, pages.transaction],
  [/^#\/account\/([0-9a-f]{40})$/, pages.account],
  [/^#\/account\/([0-9a-f]{40})\/before\/([0-9]{1,19}-[0-9]{1,10})$/, pages.account],
  [/^#\/miners$/, pages.miners],
  [/^#\/peers$/, pages.peers],
];

const main = document.getElementById('page');
let onEvent = null;
let generation = 0;

async function show() {
  const hash = location.hash;
  const mine = ++generation;
  onEvent = null;
  for (const [pattern, page] of routes) {
    const m = pattern.exec(hash);
    if (m) {
      // The page renders into a detached container, shown only if no later navigation started
      // meanwhile: a slow page never overwrites the one the user went to after it.
      const target = document.createElement('div');
      try {
        const handler = await page(target, m.slice(1).filter(x => x !== undefined));
        if (mine !== generation) return;
        replace(main, target);
        onEvent = handler || null;
        document.body.dataset.page = page.name;
      } catch (e) {
        if (mine === generation) replace(main, el('h1', null, 'Error'), el('p', { class: 'error', id: 'error' }, e.message));
      }
      return;
    }
  }
  pages.notFound(main, 'page ' + hash);
}

document.getElementById('search').addEventListener('submit', async e => {
  e.preventDefault();
  const input = document.getElementById('search-input');
  const q = input.value;
  try {
    const route = await pages.resolve(q);
    if (route) {
      input.value = '';
      if (location.hash === route) show();
      else location.hash = route;
    } else {
      generation++;
      onEvent = null;
      pages.notFound(main, 'block, transaction or account for "' + q.trim() + '"');
    }
  } catch (err) {
    replace(main, el('h1', null, 'Error'), el('p', { class: 'error', id: 'error' }, err.message));
  }
});

// Events reach the page one at a time, in the order the node sent them: a handler that reads the API
// (a reorg's re-read of the newest blocks) finishes before the next event is handled, so a block that
// arrives meanwhile is added after the re-read instead of being overwritten by it.
let handled = Promise.resolve();
const live = document.getElementById('live');
events((type, data) => {
  if (type === 'block') live.textContent = 'live · head #' + data.number;
  const mine = generation;
  handled = handled.then(() => {
    if (onEvent && mine === generation) return onEvent(type, data);
    return null;
  }).catch(() => {
    // the page keeps what it shows; the next event (or a reload) brings it up to date
  });
}, on => {
  live.className = on ? 'live on' : 'live';
  if (!on) live.textContent = 'reconnecting…';
  else if (!live.textContent.startsWith('live')) live.textContent = 'live';
});

window.addEventListener('hashchange', show);
show();
