// The pages. Each takes the <main> element and the route's parameters, reads the API a bounded
// number of times (see docs/EXPLORER.md), and may return a function the router calls on `block`
// events while the page is shown.

import { get, find } from './api.js';
import { accountLink, badge, blockLink, card, el, fields, link, replace, row, short, table, time, txLink } from './dom.js';
import { fromBase64, hex, printable } from './bytes.js';
import { barChart, series } from './chart.js';
import { verifyProof } from './proof.js';

const PAGE = 20;
const CHART_BLOCKS = 50;

function coins(v) {
  return String(v);
}

function dataView(base64) {
  if (!base64) return el('span', { class: 'muted' }, '(none)');
  const bytes = fromBase64(base64);
  const text = printable(bytes);
  return el('div', null,
    text !== null ? el('pre', { class: 'data', id: 'data-text' }, text) : null,
    el('div', { class: 'mono muted' }, bytes.length + ' bytes: ' + hex(bytes)));
}

// A version 2 header's vote (SPEC 7.1): present only where the network votes; null when the block votes for nothing.
function voteView(vote) {
  if (!vote) return el('span', { class: 'muted', id: 'block-vote' }, 'none');
  return el('span', { id: 'block-vote' }, vote.authorize ? badge('add', 'ok') : badge('remove', 'bad'), ' ', accountLink(vote.candidate, vote.candidate));
}

function statusBadge(t) {
  if (t.status === 'confirmed') return badge('confirmed', 'ok');
  if (t.status === 'pending') return badge('pending', 'warn');
  return badge(t.status + (t.reason ? ': ' + t.reason : ''), 'bad');
}

function blockRow(b) {
  return row([blockLink(b.number), el('span', { class: 'mono' }, short(b.hash)), time(b.timestamp), accountLink(b.miner),
    b.inTurn ? badge('in turn', 'ok') : badge('backup'), String(b.txCount), String(b.size)]);
}
const BLOCK_HEADERS = ['number', 'hash', 'time', 'miner', '', 'txs', 'bytes'];

function txRows(txs, withBlock) {
  return txs.map(t => row([txLink(t.hash), accountLink(t.from), accountLink(t.to), coins(t.value), coins(t.fee),
    withBlock ? blockLink(t.blockNumber) : String(t.nonce)]));
}

// ---- overview ---------------------------------------------------------------------------------

export async function overview(main) {
  const [status, pool, miners, peers, recent] = await Promise.all([
    get('/status'), get('/txpool'), get('/miners'), get('/peers'), get('/blocks?limit=' + CHART_BLOCKS)]);
  let blocks = recent;
  const charts = {
    blockTime: el('div'), txs: el('div'), tps: el('div'),
  };
  const recentBody = el('tbody', { id: 'recent-blocks' });
  const minersBody = el('tbody');
  replace(main,
    el('h1', null, 'Overview'),
    el('div', { class: 'cards' },
      card('head block', blockLink(status.number), 'head-number'),
      card('sync state', status.syncState + (status.syncDetail ? ' (' + status.syncDetail + ')' : ''), 'sync-state'),
      card('peers', String(peers.peers.length), 'peer-count'),
      card('pool', String(pool.count) + ' (' + pool.readyCount + ' ready)', 'pool-count'),
      card('head age', String(status.headAge) + ' s', 'head-age'),
      card('chain id', String(status.chainId))),
    el('div', { class: 'charts' },
      el('div', { class: 'card chart' }, el('div', { class: 'label' }, 'block time (s)'), charts.blockTime),
      el('div', { class: 'card chart' }, el('div', { class: 'label' }, 'transactions per block'), charts.txs),
      el('div', { class: 'card chart' }, el('div', { class: 'label' }, 'transactions per second'), charts.tps)),
    el('h2', null, 'Authorities'),
    el('table', null, el('thead', null, el('tr', null, ['address', 'in turn', 'last block', 'recent blocks'].map(h => el('th', null, h)))), minersBody),
    el('h2', null, 'Recent blocks'),
    el('table', null, el('thead', null, el('tr', null, BLOCK_HEADERS.map(h => el('th', null, h)))), recentBody));

  const drawMiners = m => replace(minersBody, m.miners.map(x => row([accountLink(x.address, x.address),
    x.inTurn ? badge('in turn', 'ok') : '', x.lastBlock ? blockLink(x.lastBlock.number) : '—', String(x.recentBlocks)])));
  const drawBlocks = () => {
    replace(recentBody, blocks.slice(0, 10).map(blockRow));
    const s = series(blocks);
    barChart(charts.blockTime, s.blockTime, s.labels, 's');
    barChart(charts.txs, s.txs, s.labels, 'txs');
    barChart(charts.tps, s.tps, s.labels, 'tx/s');
  };
  drawMiners(miners);
  drawBlocks();

  // Live: every block event adds the block; the small status reads are refreshed at most once a second.
  let refreshing = false;
  return async (type, data) => {
    if (type === 'block') {
      blocks = [data, ...blocks.filter(b => b.number < data.number)].slice(0, CHART_BLOCKS);
      replace(document.getElementById('head-number'), blockLink(data.number));
      drawBlocks();
    } else if (type === 'reorg') {
      // the recent blocks changed branch: read them again (one call; the new head's block event follows)
      try {
        blocks = await get('/blocks?limit=' + CHART_BLOCKS);
        drawBlocks();
      } catch (e) {
        blocks = [];
      }
    }
    if (refreshing) return;
    refreshing = true;
    setTimeout(async () => {
      try {
        const [s, p, m, ps] = await Promise.all([get('/status'), get('/txpool'), get('/miners'), get('/peers')]);
        replace(document.getElementById('sync-state'), s.syncState + (s.syncDetail ? ' (' + s.syncDetail + ')' : ''));
        replace(document.getElementById('pool-count'), String(p.count) + ' (' + p.readyCount + ' ready)');
        replace(document.getElementById('peer-count'), String(ps.peers.length));
        replace(document.getElementById('head-age'), String(s.headAge) + ' s');
        drawMiners(m);
      } catch (e) {
        // The next event tries again.
      } finally {
        refreshing = false;
      }
    }, 1000);
  };
}

// ---- blocks -----------------------------------------------------------------------------------

export async function blocks(main, params) {
  const before = params[0];
  const page = await get('/blocks?limit=' + PAGE + (before !== undefined ? '&before=' + encodeURIComponent(before) : ''));
  const body = el('tbody', { id: 'block-rows' }, page.map(blockRow));
  const last = page.length ? page[page.length - 1].number : 0;
  replace(main,
    el('h1', null, 'Blocks'),
    el('table', null, el('thead', null, el('tr', null, BLOCK_HEADERS.map(h => el('th', null, h)))), body),
    el('div', { class: 'pager' },
      before !== undefined ? link('#/blocks', 'newest') : null,
      last > 0 && page.length === PAGE ? link('#/blocks/before/' + last, 'older →', 'older') : null));
  if (before !== undefined) return null;
  // Live on the newest page: a block replaces every row at or above its number (a reorg's new branch),
  // and a reorg event reads the page again, so no row of a dropped branch stays on screen.
  let rows = page;
  return async (type, data) => {
    if (type === 'block') {
      rows = [data, ...rows.filter(b => b.number < data.number)].slice(0, PAGE);
      replace(body, rows.map(blockRow));
    } else if (type === 'reorg') {
      rows = await get('/blocks?limit=' + PAGE);
      replace(body, rows.map(blockRow));
    }
  };
}

export async function block(main, params) {
  const b = await find('/blocks/' + encodeURIComponent(params[0]));
  if (!b) return notFound(main, 'block ' + params[0]);
  const canonical = b.confirmations > 0;
  replace(main,
    el('h1', null, 'Block ', el('span', { id: 'block-number' }, String(b.number))),
    fields([
      ['hash', b.hash, 'mono'],
      ['number', String(b.number)],
      ['status', canonical ? badge(b.confirmations + ' confirmations', 'ok') : badge('not on the canonical chain', 'bad')],
      ['parent', b.number > 0 ? blockLink(b.parentHash, b.parentHash) : '—', 'mono'],
      ['child', canonical && b.confirmations > 1 ? blockLink(b.number + 1, String(b.number + 1)) : '—'],
      ['timestamp', time(b.timestamp)],
      ['miner', accountLink(b.miner, b.miner)],
      ['in turn', b.inTurn ? 'yes (weight ' + b.weight + ')' : 'no (weight ' + b.weight + ')'],
      ['total weight', String(b.totalWeight)],
      ['chain id', String(b.chainId)],
      ['tx root', b.txRoot, 'mono'],
      ['state root', b.stateRoot, 'mono'],
      ['difficulty', String(b.difficulty)],
      ['pow nonce', b.powNonce],
      ['pow hash', b.powHash, 'mono'],
      ['size', b.size + ' bytes'],
      ['data', dataView(b.data)],
      ['miner key', b.minerKey || '—', 'mono'],
      ['signature', b.signature || '—', 'mono'],
      'vote' in b ? ['vote', voteView(b.vote)] : null,
    ]),
    el('h2', null, 'Transactions (' + b.transactions.length + ')'),
    b.transactions.length ? table(['hash', 'from', 'to', 'value', 'fee', 'nonce'], txRows(b.transactions, false), 'block-txs')
      : el('p', { class: 'muted' }, 'No transactions.'),
    el('h2', null, 'State after this block'),
    b.state ? table(['account', 'balance', 'nonce'], Object.entries(b.state).map(([a, s]) => row([accountLink(a, a), coins(s.balance), String(s.nonce)])), 'block-state')
      : el('p', { class: 'muted' }, 'Not available (a block off the canonical chain, or too far from the head and from genesis).'));
  return null;
}

// ---- transaction ------------------------------------------------------------------------------

export async function transaction(main, params) {
  const t = await find('/transactions/' + encodeURIComponent(params[0]));
  if (!t) return notFound(main, 'transaction ' + params[0] + ' (not on the canonical chain, not in the pool, not recently dropped)');
  replace(main,
    el('h1', null, 'Transaction'),
    fields([
      ['hash', t.hash, 'mono'],
      ['status', el('span', { id: 'tx-status' }, statusBadge(t))],
      t.status === 'dropped' ? ['dropped', time(t.droppedAt)] : null,
      t.status === 'confirmed' ? ['block', blockLink(t.blockNumber, t.blockNumber + ' (index ' + t.index + ')')] : null,
      t.status === 'confirmed' ? ['confirmations', String(t.confirmations)] : null,
      ['from', accountLink(t.from, t.from)],
      ['to', accountLink(t.to, t.to)],
      ['value', coins(t.value)],
      ['fee', coins(t.fee)],
      ['nonce', String(t.nonce)],
      ['chain id', String(t.chainId)],
      ['data', dataView(t.data)],
      ['public key', t.publicKey, 'mono'],
      ['signature', t.signature, 'mono'],
    ]));
  return null;
}

// ---- account ----------------------------------------------------------------------------------

export async function account(main, params) {
  const address = params[0];
  const before = params[1];
  const [a, proof, txs] = await Promise.all([
    get('/accounts/' + encodeURIComponent(address)),
    get('/accounts/' + encodeURIComponent(address) + '/proof'),
    get('/accounts/' + encodeURIComponent(address) + '/transactions?limit=' + PAGE + (before ? '&before=' + encodeURIComponent(before) : ''))]);
  const verdict = el('div', { id: 'proof-result', class: 'verified' }, 'checking the state proof…');
  const last = txs.length ? txs[txs.length - 1] : null;
  replace(main,
    el('h1', null, 'Account'),
    fields([
      ['address', a.address, 'mono'],
      ['balance', el('span', { id: 'balance' }, coins(a.balance))],
      ['nonce', String(a.nonce)],
      ['pending nonce', String(a.pendingNonce)],
    ]),
    verdict,
    el('h2', null, 'Transactions'),
    txs.length ? table(['hash', 'from', 'to', 'value', 'fee', 'block'], txRows(txs, true), 'account-txs')
      : el('p', { class: 'muted' }, 'No transactions.'),
    el('div', { class: 'pager' },
      before ? link('#/account/' + address, 'newest') : null,
      last && txs.length === PAGE ? link('#/account/' + address + '/before/' + last.blockNumber + '-' + last.index, 'older →', 'older') : null));

  const r = await verifyProof(proof, address);
  if (r.ok) {
    verdict.className = 'verified ok';
    replace(verdict, 'State proof verified against block ' + r.number + ' (state root ' + short(r.stateRoot) + '): balance ' + r.account.balance + ', nonce ' + r.account.nonce + '.');
  } else {
    verdict.className = 'verified bad';
    replace(verdict, 'The state proof does NOT match' + (r.number !== null ? ' block ' + r.number : '') + ':', el('ul', null, r.problems.map(p => el('li', null, p))));
  }
  return null;
}

// ---- miners and peers -------------------------------------------------------------------------

export async function miners(main) {
  const m = await get('/miners');
  const byAddress = new Map(m.miners.map(x => [x.address, x]));
  const voteRow = (what, authorize, candidate) => row([what, authorize ? badge('add', 'ok') : badge('remove', 'bad'), accountLink(candidate, candidate)]);
  const voting = 'epoch' in m;
  replace(main,
    el('h1', null, 'Miners'),
    el('p', { class: 'muted' }, 'The authorities in force after block ' + m.number + ', and how many of the last ' + m.window + ' blocks each sealed.'),
    table(['address', 'in turn', 'last block', 'last block time', 'recent blocks'], m.miners.map(x => row([
      accountLink(x.address, x.address), x.inTurn ? badge('in turn', 'ok') : '', x.lastBlock ? blockLink(x.lastBlock.number) : '—',
      x.lastBlock ? time(x.lastBlock.timestamp) : '—', String(x.recentBlocks)])), 'miner-rows'),
    el('h2', null, 'Turn order'),
    el('p', { class: 'muted' }, 'Who is in turn, from the next block on, while every authority mines in its turn.'),
    table(['#', 'address', 'last block'], (m.turnOrder || []).map((a, i) => row([String(i + 1), accountLink(a, a),
      byAddress.get(a) && byAddress.get(a).lastBlock ? blockLink(byAddress.get(a).lastBlock.number) : '—'])), 'turn-order'),
    voting ? [
      el('h2', null, 'Votes'),
      el('p', { class: 'muted', id: 'voting' }, 'This network votes on its authorities: a vote passes when more than half of the ' + m.miners.length
        + ' authorities vote alike. Epoch ' + m.epoch + ' blocks; the checkpoint at block ' + m.nextCheckpoint + ' forgets the votes that did not pass by then.'),
      m.votes.length ? table(['voter', 'vote', 'candidate'], m.votes.map(v => voteRow(accountLink(v.voter, v.voter), v.authorize, v.candidate)), 'vote-rows')
        : el('p', { id: 'no-votes' }, 'No pending votes.'),
      el('h2', null, "This node's proposals"),
      m.proposals.length ? table(['', 'vote', 'candidate'], m.proposals.map((p, i) => voteRow(String(i + 1), p.authorize, p.candidate)), 'proposal-rows')
        : el('p', { id: 'no-proposals' }, 'None: this node casts no vote.')]
      : el('p', { class: 'muted', id: 'voting' }, 'This network does not vote on its authorities (no epoch in its genesis): they are the genesis miners.'));
  return (type) => {
    // the set changed: show the new one
    if (type === 'authorities') miners(main);
  };
}

export async function peers(main) {
  const [p, status] = await Promise.all([get('/peers'), get('/status')]);
  const until = list => list.map(x => row([el('span', { class: 'mono' }, x.address || x.nodeId), time(x.until)]));
  replace(main,
    el('h1', null, 'Peers'),
    el('p', { class: 'muted' }, status.nodeId ? 'This node: ' + status.nodeId + (status.p2p ? ' at ' + status.p2p : '') : 'This node has no P2P network.'),
    p.peers.length ? table(['node id', 'address', 'direction', 'head', 'total weight', 'agent'], p.peers.map(x => row([
      el('span', { class: 'mono' }, short(x.nodeId)), x.address, x.direction, blockLink(x.headNumber), String(x.totalWeight), x.agent])), 'peer-rows')
      : el('p', { id: 'no-peers' }, 'No peers.'),
    p.discouraged.length ? [el('h2', null, 'Discouraged addresses'), table(['address', 'until'], until(p.discouraged))] : null,
    p.refusedNodeIds.length ? [el('h2', null, 'Refused node ids'), table(['node id', 'until'], until(p.refusedNodeIds))] : null,
    p.bans.length ? [el('h2', null, 'Bans'), table(['address', 'until'], until(p.bans))] : null);
  return null;
}

// ---- search -----------------------------------------------------------------------------------

/** Where a search key leads: a route, or null when nothing matches (after asking the API). */
export async function resolve(q) {
  const key = q.trim().toLowerCase().replace(/^0x/, '');
  if (/^[0-9]{1,19}$/.test(key)) return '#/block/' + key;
  if (/^[0-9a-f]{40}$/.test(key)) return '#/account/' + key;
  if (/^[0-9a-f]{64}$/.test(key)) {
    if (await find('/blocks/' + key)) return '#/block/' + key;
    if (await find('/transactions/' + key)) return '#/tx/' + key;
  }
  return null;
}

export function notFound(main, what) {
  replace(main, el('h1', null, 'Not found'), el('p', { id: 'not-found' }, 'No ' + what + '.'));
  return null;
}
