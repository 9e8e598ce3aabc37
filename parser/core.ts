/**
 * The one extraction core: rendered text lines → Decision. Used by parseDecisionHtml (lines from
 * htmlToLines) and parseDecisionText (lines of a browser copy).
 *
 * ## Sections rule (stable; the replica's ground truth follows it — changing it is a MAJOR bump)
 *
 * 1. The body is every line after the header (title + Category / Decision / Decision date) up to,
 *    not including, the first end marker (sourceProfile.decisionPage.endMarkers:
 *    "Investigator's decision on behalf of the Ombudsman", "Print this page"). Lines after it are dropped.
 * 2. Every recognised heading starts a new section, flat and in page order. Sub-headings are NOT
 *    nested: "What I found" followed directly by "Law, guidance and policies" gives
 *    {heading: "What I found", text: ""} and then {heading: "Law, guidance and policies", text: "..."}.
 *    A heading is recognised when a whole line equals one of sourceProfile.decisionPage.knownHeadings
 *    (case-insensitive, optional trailing colon, ’ and ' equivalent, whitespace collapsed), or — HTML
 *    only — when it is an h2–h6 element whose text is short (≤ 100 characters, ≤ 12 words) and does
 *    not end like a sentence (. ? ! ;).
 * 3. `heading` is the heading as printed, whitespace collapsed, trailing colon removed
 *    ("The Ombudsman's final decision:" → "The Ombudsman's final decision"; apostrophes and case kept).
 * 4. `text` is the section's lines joined with "\n". Each line is whitespace-collapsed and trimmed;
 *    empty lines and furniture lines ("Back to top", "Print this page") are removed. List items keep
 *    their rendered prefix: <ol> items "1. ", "2. ", … (numbering restarts in every <ol>, honouring
 *    `start`); an <ol> nested in a list item uses "a. ", "b. ", …; a third level "i. ", "ii. ", …;
 *    <ul> items "- " at any depth. Paragraphs already numbered in the text (<p>1. …</p>) are kept as
 *    printed. A section may have empty text.
 * 5. The opening "The Ombudsman's final decision" section IS included; its text holds the summary
 *    paragraph verbatim, label included ("Summary: Mrs B says …").
 * 6. Body text before the first heading (2016 reports with plain paragraphs) becomes a section with
 *    heading "" (only when there is such text).
 * 7. The end marker itself is not part of any section; the 2016 "Ombudsman satisfied with … response:
 *    <date>" line is ordinary text of the section it falls in.
 *
 * ## Summary rule
 * - Modern: the text after "Summary:" (label removed) in the first line starting with "Summary:",
 *   plus the following lines of the same section (until the next heading), joined with "\n".
 * - 2016 reports: the text of the "Summary" section (a leading "Summary:" label is removed).
 * - None found: "" and a parse warning.
 * @module
 */
export {};
