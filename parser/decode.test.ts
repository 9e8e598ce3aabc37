/**
 * Decoding as browsers do: a byte order mark names the encoding (and beats Content-Type), and is
 * not part of the text.
 */
import { describe, expect, it } from 'vitest';
import { bomEncoding, decodeBody, decodeFile } from './decode.js';

const TEXT = 'Decision: 24 019 223 — Mrs X’s complaint, £1,250 paid';
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
};
const withBom = {
  'utf-8': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]),
  'utf-16le': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]),
  'utf-16be': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]),
} as const;

describe('decoding by byte order mark', () => {
  it('reads UTF-8, UTF-16LE and UTF-16BE files by their BOM, without the BOM', () => {
    for (const [enc, bytes] of Object.entries(withBom)) {
      expect(bomEncoding(bytes), enc).toBe(enc);
      expect(decodeFile(bytes), enc).toBe(TEXT);
    }
  });

  it('lets the BOM win over the Content-Type charset, as browsers do', () => {
    expect(decodeBody(withBom['utf-16le'], 'text/html; charset=utf-8')).toBe(TEXT);
    expect(decodeBody(withBom['utf-16be'], 'text/html; charset=iso-8859-1')).toBe(TEXT);
    expect(decodeBody(withBom['utf-8'], 'text/html; charset=windows-1252')).toBe(TEXT);
  });

  it('without a BOM: the Content-Type charset, else UTF-8', () => {
    expect(bomEncoding(Buffer.from(TEXT))).toBeUndefined();
    expect(decodeFile(Buffer.from(TEXT))).toBe(TEXT);
    expect(decodeBody(Buffer.from([0xa3, 0x35]), 'text/html; charset=windows-1252')).toBe('£5');
    expect(decodeBody(Buffer.from('£5'), 'text/html; charset=nonsense')).toBe('£5');
  });
});
