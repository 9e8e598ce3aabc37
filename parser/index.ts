/**
 * parser/: decision pages (HTML or copied text) → Decision, listing pages → ListingPage; bytes →
 * text as a browser reads them (decode.ts), the parser's input edge.
 * @module
 */
export { type InputLine, type ParseLinesOptions, parseDecisionLines } from './core.js';
export { parseDecisionHtml, parseDecisionText } from './decision.js';
export { bomEncoding, charsetOf, decodeBody, decodeFile } from './decode.js';
export { ListingItem, ListingPage, parseListingHtml } from './listing.js';
export { htmlToLines } from './render.js';
export { canonicalDecisionUrl } from './url.js';
export { PARSER_VERSION } from './version.js';
