// A strict decoder for the msgpack subset of SPEC 1 (uints, bin, arrays, booleans, str): enough to
// read a sealed header. Integers come back as BigInt, bin as Uint8Array.

export function decode(bytes) {
  const r = { b: bytes, at: 0 };
  const v = value(r);
  if (r.at !== bytes.length) throw new Error('trailing bytes after the msgpack value');
  return v;
}

function need(r, n) {
  if (r.at + n > r.b.length) throw new Error('truncated msgpack');
}

function uint(r, n) {
  need(r, n);
  let v = 0n;
  for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(r.b[r.at++]);
  return v;
}

function bin(r, n) {
  need(r, n);
  const out = r.b.slice(r.at, r.at + n);
  r.at += n;
  return out;
}

function array(r, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(value(r));
  return out;
}

function value(r) {
  need(r, 1);
  const t = r.b[r.at++];
  if (t <= 0x7f) return BigInt(t);
  if (t >= 0x90 && t <= 0x9f) return array(r, t & 0x0f);
  if (t >= 0xa0 && t <= 0xbf) return new TextDecoder().decode(bin(r, t & 0x1f));
  switch (t) {
    case 0xc2: return false;
    case 0xc3: return true;
    case 0xc4: return bin(r, Number(uint(r, 1)));
    case 0xc5: return bin(r, Number(uint(r, 2)));
    case 0xc6: return bin(r, Number(uint(r, 4)));
    case 0xcc: return uint(r, 1);
    case 0xcd: return uint(r, 2);
    case 0xce: return uint(r, 4);
    case 0xcf: return uint(r, 8);
    case 0xdc: return array(r, Number(uint(r, 2)));
    case 0xdd: return array(r, Number(uint(r, 4)));
    default: throw new Error('msgpack type 0x' + t.toString(16) + ' is not used by ccoin');
  }
}
