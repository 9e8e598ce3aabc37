/**
 * Bytes → text for parsing, by the charset in Content-Type (UTF-8 when absent or unknown). The
 * archive keeps the bytes; this is only how they are read.
 * @module
 */

export function charsetOf(contentType: string | null | undefined): string | undefined {
  const m = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

export function decodeBody(body: Buffer, contentType?: string | null): string {
  const charset = charsetOf(contentType) ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
