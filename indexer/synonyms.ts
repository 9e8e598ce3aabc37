/**
 * Search synonyms: the abbreviations and long forms that decisions, reporters and parents use
 * for the same thing. Each group is mutual (every term finds every other term): query.ts expands
 * a spelling found in a query (punctuation ignored) to every spelling of its group; a spelling of
 * several words matches the text as a phrase, punctuation included, so a comma'd spelling is listed
 * beside the plain one. Terms are lowercase; Meilisearch normalises queries the same way.
 * @module
 */

export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Education
  // Plurals and the comma'd spellings are listed: a spelling of several words matches as a phrase.
  [
    'ehcp',
    'ehcps',
    'ehc plan',
    'ehc plans',
    'education health and care plan',
    'education health and care plans',
    'education, health and care plan',
    'education, health and care plans',
  ],
  ['send', 'sen', 'special educational needs', 'special educational needs and disabilities'],
  ['senco', 'special educational needs coordinator'],
  ['sendist', 'send tribunal'],
  [
    'ehc needs assessment',
    'ehc assessment',
    'education health and care needs assessment',
    'education, health and care needs assessment',
  ],
  ['section 19', 's19'],
  // Housing and benefits
  ['dfg', 'disabled facilities grant'],
  ['hb', 'housing benefit'],
  ['ctr', 'council tax reduction', 'council tax support'],
  ['hmo', 'house in multiple occupation'],
  ['pcn', 'penalty charge notice', 'parking ticket'],
  ['asb', 'anti-social behaviour', 'antisocial behaviour'],
  ['b&b', 'bed and breakfast'],
  // Adult social care and health
  ['asc', 'adult social care'],
  ['dols', 'deprivation of liberty safeguards', 'deprivation of liberty'],
  ['s117', 'section 117', 's.117', 'section 117 aftercare'],
  ['chc', 'continuing healthcare', 'nhs continuing healthcare'],
  ['dp', 'direct payments', 'direct payment'],
  ['mca', 'mental capacity act'],
  ['lpa', 'lasting power of attorney'],
  ['phso', 'parliamentary and health service ombudsman'],
  // Children's services
  ['sgo', 'special guardianship order', 'special guardianship'],
  ['lac', 'looked after child', 'looked after children'],
  ['cin', 'child in need'],
  ['lgsco', 'local government and social care ombudsman', 'lgo', 'local government ombudsman'],
];

/** The groups as Meilisearch's `synonyms` setting: each term → the other terms of its group. */
export const SYNONYMS: Record<string, string[]> = (() => {
  const out: Record<string, string[]> = {};
  for (const group of SYNONYM_GROUPS) {
    for (const term of group) {
      const others = group.filter((t) => t !== term);
      out[term] = [...new Set([...(out[term] ?? []), ...others])];
    }
  }
  return out;
})();
