// Bytes: hex, base64 and SHA-256 (WebCrypto).

export function hex(bytes) {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** 40 or 64 lowercase hex digits (the API's form) to bytes; throws on anything else. */
export function fromHex(text) {
  if (!/^([0-9a-f]{2})*$/.test(text)) throw new Error('not lowercase hex: ' + text);
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.substr(2 * i, 2), 16);
  return out;
}

export function fromBase64(text) {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

export function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An unsigned 64-bit integer (a decimal string or number) as 8 big-endian bytes. */
export function u64(value) {
  let v = BigInt(value);
  const out = new Uint8Array(8);
  for (let i = 7; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Data bytes as text when they are printable UTF-8, else null. */
export function printable(bytes) {
  try {
    const s = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return /^[\P{C}\n\r\t]*$/u.test(s) ? s : null;
  } catch (e) {
    return null;
  }
}
