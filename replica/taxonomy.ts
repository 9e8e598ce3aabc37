/**
 * Categories and subcategories of the replica (LGSCO-SOURCE.md §2), with how common each is and
 * which kinds of organisation appear in it. Slugs come from core/source-profile `slugify`.
 * @module
 */
import { slugify } from '../core/source-profile.js';
import type { OrgType } from './organisations.js';

export interface Subcategory {
  category: string;
  name: string;
  catSlug: string;
  slug: string;
  /** Relative frequency among all decisions. */
  weight: number;
  /** Organisation types that can be complained about here. */
  orgTypes: readonly OrgType[];
  /** Earliest decision date (COVID-19 complaints start in 2020). */
  from?: string;
}

const ALL_COUNCILS: readonly OrgType[] = ['county', 'district', 'unitary', 'london', 'metropolitan', 'city'];
const SOCIAL: readonly OrgType[] = ['county', 'unitary', 'london', 'metropolitan', 'city'];
const LOCAL: readonly OrgType[] = ['district', 'unitary', 'london', 'metropolitan', 'city'];

const table: [category: string, name: string, weight: number, orgTypes: readonly OrgType[], from?: string][] =
  [
    ['Adult care services', 'Assessment and care plan', 7, [...SOCIAL, 'care']],
    ['Adult care services', 'Charging', 5, [...SOCIAL, 'care']],
    ['Adult care services', 'Direct payments', 2, SOCIAL],
    ['Adult care services', 'Disabled facilities grants', 2, LOCAL],
    ['Adult care services', 'Domiciliary care', 3, [...SOCIAL, 'care']],
    ['Adult care services', 'Residential care', 4, [...SOCIAL, 'care']],
    ['Adult care services', 'Safeguarding', 3, [...SOCIAL, 'care']],
    ['Benefits and tax', 'Council tax', 5, LOCAL],
    ['Benefits and tax', 'COVID-19', 1.2, LOCAL, '2020-04-01'],
    ['Benefits and tax', 'Housing benefit and council tax benefit', 3, LOCAL],
    ["Children's care services", 'Friends and family carers', 3, SOCIAL],
    ['Education', 'Special educational needs', 14, SOCIAL],
    ['Education', 'Alternative provision', 2.5, SOCIAL],
    ['Education', 'School admissions', 3, [...SOCIAL, 'school']],
    ['Environment and regulation', 'Noise', 3, LOCAL],
    ['Environment and regulation', 'Refuse and recycling', 2.5, LOCAL],
    ['Transport and highways', 'Parking and other penalties', 4, ALL_COUNCILS],
    ['Housing', 'Allocations', 6, LOCAL],
    ['Housing', 'Homelessness', 7, LOCAL],
    ['Planning', 'Planning applications', 9, LOCAL],
    ['Planning', 'Enforcement', 4, LOCAL],
    ['Health', 'Other', 1.5, ['nhs', ...SOCIAL]],
    ['Other categories', 'Councillor conduct and standards', 2, ALL_COUNCILS],
  ];

/** Every subcategory the replica publishes, in display order. */
export const SUBCATEGORIES: readonly Subcategory[] = table.map(
  ([category, name, weight, orgTypes, from]) => ({
    category,
    name,
    catSlug: slugify(category),
    slug: slugify(name),
    weight,
    orgTypes,
    ...(from !== undefined && { from }),
  }),
);

/** Distinct categories in display order. */
export const CATEGORIES: readonly string[] = [...new Set(SUBCATEGORIES.map((s) => s.category))];

/** Finds a subcategory by its two URL slugs. */
export function subcategoryBySlugs(catSlug: string, slug: string): Subcategory | undefined {
  return SUBCATEGORIES.find((s) => s.catSlug === catSlug && s.slug === slug);
}
