// The node's own JSON API; the explorer reads nothing else.

const BASE = 'api/v1';

/** An answer of the API that was not 2xx: status and the SPEC 11 error code and message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * How long one API request may take. Pages handle live events one at a time, so a request that
 * never answered would hold every later update of the page; it fails instead (code `timeout`).
 */
const REQUEST_TIMEOUT_MS = 15000;

/** GET `path` under /api/v1, as JSON. Throws ApiError for an error answer or after REQUEST_TIMEOUT_MS. */
export async function get(path) {
  let r;
  try {
    r = await fetch(BASE + path, {
      headers: { Accept: 'application/json' }, credentials: 'omit', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
    });
  } catch (e) {
    if (e && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
      throw new ApiError(0, 'timeout', 'the node did not answer within ' + REQUEST_TIMEOUT_MS / 1000 + ' s');
    }
    throw e;
  }
  let body = null;
  try {
    body = await r.json();
  } catch (e) {
    throw new ApiError(r.status, 'not_json', 'the node answered ' + r.status + ' with something that is not JSON');
  }
  if (!r.ok) {
    const e = body && body.error ? body.error : { code: 'http_' + r.status, message: 'HTTP ' + r.status };
    throw new ApiError(r.status, e.code, e.message);
  }
  return body;
}

/** Like get, but null for a 404. */
export async function find(path) {
  try {
    return await get(path);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** The live event stream; `on(type, data)` for every `block`, `tx`, `reorg` and `authorities` event. */
export function events(on, onState) {
  const source = new EventSource(BASE + '/events');
  for (const type of ['block', 'tx', 'reorg', 'authorities']) {
    source.addEventListener(type, m => {
      let data;
      try {
        data = JSON.parse(m.data);
      } catch (e) {
        return;
      }
      on(type, data);
    });
  }
  source.onopen = () => onState(true);
  source.onerror = () => onState(false);
  return source;
}
