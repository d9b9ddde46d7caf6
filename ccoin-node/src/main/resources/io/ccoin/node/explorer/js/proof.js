// Checks an account's state proof (GET /accounts/{a}/proof) in the browser, as a light client
// would (SPEC 4 and 5): hash the sealed header to its block hash, take the state root from inside
// it, and fold the proof up from its terminal with WebCrypto SHA-256. Same algorithm as
// io.ccoin.core.merkle.StateProofVerifier.

import { concat, fromBase64, fromHex, hex, sha256, u64 } from './bytes.js';
import { decode } from './msgpack.js';

const MAX_SIBLINGS = 160;

function bit(address, depth) {
  return ((address[depth >> 3] >> (7 - (depth & 7))) & 1) === 1;
}

function sharedPrefix(a, b) {
  for (let d = 0; d < 160; d++) if (bit(a, d) !== bit(b, d)) return d;
  return 160;
}

/**
 * The result: {ok, number, blockHash, stateRoot, computedRoot, account: {balance, nonce} the proof
 * shows for the address, problems: [text]}. Never throws for bad proof content: it is a problem.
 */
export async function verifyProof(proof, address) {
  const problems = [];
  const result = { ok: false, number: null, blockHash: null, stateRoot: null, computedRoot: null, account: null, problems };
  try {
    const sealedBytes = fromBase64(proof.sealedHeader);
    const blockHash = hex(await sha256(sealedBytes));
    result.blockHash = blockHash;
    if (blockHash !== proof.blockHash) problems.push('the sealed header hashes to ' + blockHash + ', not to the block hash ' + proof.blockHash);
    const sealed = decode(sealedBytes);
    if (!Array.isArray(sealed) || sealed.length !== 3 || !Array.isArray(sealed[0])) throw new Error('the sealed header is not [header, minerKey, signature]');
    const header = sealed[0];
    const version = Number(header[0]);
    if (!((version === 1 && header.length === 11) || (version === 2 && header.length === 12))) throw new Error('the header is neither version 1 (11 fields) nor version 2 (12 fields)');
    if (!(header[7] instanceof Uint8Array) || header[7].length !== 32) throw new Error('the header has no 32-byte stateRoot');
    result.number = Number(header[2]);
    result.stateRoot = hex(header[7]);
    if (result.number !== proof.number) problems.push('the sealed header is block ' + result.number + ', the proof says ' + proof.number);

    const a = fromHex(address);
    const siblings = proof.siblings.map(fromHex);
    if (siblings.length > MAX_SIBLINGS) throw new Error('a proof has at most 160 siblings, this one has ' + siblings.length);
    let h;
    const t = proof.terminal;
    if (t.type === 'leaf') {
      const leafAddress = fromHex(t.address);
      if (BigInt(t.balance) === 0n && BigInt(t.nonce) === 0n) problems.push('the terminal leaf holds balance 0 and nonce 0, an account that cannot exist');
      if (sharedPrefix(a, leafAddress) < siblings.length) problems.push('the terminal leaf ' + t.address + ' does not share the first ' + siblings.length + ' bits of the address');
      h = await sha256(concat(Uint8Array.of(0), leafAddress, u64(t.balance), u64(t.nonce)));
      result.account = t.address === address ? { balance: String(t.balance), nonce: Number(t.nonce) } : { balance: '0', nonce: 0 };
    } else if (t.type === 'empty') {
      h = new Uint8Array(32);
      result.account = { balance: '0', nonce: 0 };
    } else {
      throw new Error('unknown terminal type ' + t.type);
    }
    for (let depth = siblings.length - 1; depth >= 0; depth--) {
      const s = siblings[depth];
      h = await sha256(bit(a, depth) ? concat(Uint8Array.of(1), s, h) : concat(Uint8Array.of(1), h, s));
    }
    result.computedRoot = hex(h);
    if (result.computedRoot !== result.stateRoot) problems.push('the proof leads to state root ' + result.computedRoot + ', but the sealed header of block ' + result.number + ' commits to ' + result.stateRoot);
  } catch (e) {
    problems.push('the proof could not be read: ' + e.message);
  }
  result.ok = problems.length === 0;
  return result;
}
