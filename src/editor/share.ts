/**
 * Share links: `#/sql?sql=<base64url of the UTF-8 text>`. Opening one fills the editor and does
 * not run it. `#sql=<…>` is accepted too, as is plain percent-encoded SQL.
 */

/** The URL hash that opens the editor with `sql`. */
export function shareHash(sql: string): string {
  return `#/sql?sql=${toBase64Url(new TextEncoder().encode(sql))}`;
}

/** The SQL a hash carries (`#/sql?sql=…`, `#sql=…`), or null when it carries none. */
export function parseShareHash(hash: string): string | null {
  const h = hash.replace(/^#/, '');
  let params: string | null = null;
  if (/^\/?sql\?/.test(h)) params = h.slice(h.indexOf('?') + 1);
  else if (/^sql=/.test(h)) params = h;
  if (params === null) return null;
  for (const part of params.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq) !== 'sql') continue;
    return decodeValue(part.slice(eq + 1));
  }
  return null;
}

function decodeValue(value: string): string | null {
  if (/^[A-Za-z0-9_-]*={0,2}$/.test(value)) {
    const bytes = fromBase64Url(value.replace(/=+$/, ''));
    if (bytes) {
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        // not UTF-8: try it as percent-encoded text below
      }
    }
  }
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url (padding optional); null when it is not valid base64. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
