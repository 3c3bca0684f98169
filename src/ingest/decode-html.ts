import { isUtf8 } from 'node:buffer';
import { decodeBuffer, getEncoding } from 'encoding-sniffer';

/**
 * Decodes an HTML document the way browsers do (WHATWG encoding sniffing): a byte order mark,
 * else the Content-Type charset, else a `<meta charset>` or `<meta http-equiv>` in the first
 * 1024 bytes, else UTF-8. encoding-sniffer implements that prescan and decodes every WHATWG
 * encoding (windows-1252 for "iso-8859-1", as browsers do); TextDecoder alone decodes but does
 * not find the declaration, and a hand-written meta regex misses the spec's edge cases.
 *
 * Returns null when the document is, by declaration or default, UTF-8 but not valid UTF-8 and
 * `strictUtf8` asks to know (files); pages from the web decode leniently, as a browser would.
 */
export function decodeHtml(bytes: Buffer, transportCharset: string | null, strictUtf8 = false): string | null {
  const options = { defaultEncoding: 'utf-8', ...(transportCharset ? { transportLayerEncodingLabel: transportCharset } : {}) };
  if (strictUtf8 && getEncoding(bytes, options) === 'UTF-8' && !isUtf8(bytes)) return null;
  return decodeBuffer(bytes, options);
}
