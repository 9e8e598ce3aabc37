/**
 * Bytes → text for parsing, as browsers do (WHATWG Encoding, "decode"): a byte order mark wins
 * (UTF-8 EF BB BF, UTF-16LE FF FE, UTF-16BE FE FF) and is dropped; without one, the charset in
 * Content-Type (UTF-8 when absent or unknown). The archive keeps the bytes; this is only how they
 * are read. Saved files (`lgsco parse`) have no Content-Type: a BOM, else UTF-8.
 * @module
 */

export type BomEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding a byte order mark at the start of `bytes` names, if there is one. */
export function bomEncoding(bytes: Uint8Array): BomEncoding | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

export function charsetOf(contentType: string | null | undefined): string | undefined {
  const m = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

export function decodeBody(body: Uint8Array, contentType?: string | null): string {
  const charset = bomEncoding(body) ?? charsetOf(contentType) ?? 'utf-8';
  try {
    // The BOM of the chosen encoding is skipped by the decoder itself (ignoreBOM: false).
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

/** A saved page or text copy (no Content-Type): by its BOM, else UTF-8. */
export function decodeFile(bytes: Uint8Array): string {
  return decodeBody(bytes, undefined);
}
