/**
 * Invented English organisations for the replica. None is a real body. Names deliberately include
 * "&", commas, apostrophes and full stops. Order within each type is popularity rank: weights
 * follow a Zipf curve so a handful of county councils get many decisions and the tail gets 1–3.
 * @module
 */

export type OrgType =
  | 'county'
  | 'district'
  | 'unitary'
  | 'london'
  | 'metropolitan'
  | 'city'
  | 'care'
  | 'school'
  | 'nhs';

export interface Organisation {
  name: string;
  type: OrgType;
  /** Relative chance of being the body complained about, among bodies allowed in a subcategory. */
  weight: number;
}

/** Popularity order across all councils (rank 1 first). */
const COUNCILS: [string, OrgType][] = [
  ['Northmere County Council', 'county'],
  ['Westmarch County Council', 'county'],
  ['Eastwold County Council', 'county'],
  ['Mardenshire County Council', 'county'],
  ['London Borough of Eastford', 'london'],
  ['Greywater County Council', 'county'],
  ['Brackwell Metropolitan Borough Council', 'metropolitan'],
  ['Kingsmere City Council', 'city'],
  ['Hollinshire County Council', 'county'],
  ['Wyvern Valley Council', 'unitary'],
  ['London Borough of Kelmscott', 'london'],
  ['Ashcombe County Council', 'county'],
  ['Calderstone Metropolitan Borough Council', 'metropolitan'],
  ['Ravenford City Council', 'city'],
  ['Brightwater & Downs Council', 'unitary'],
  ['Royal Borough of Ashgrove', 'london'],
  ['Harlow Vale District Council', 'district'],
  ['Cresthaven Borough Council', 'unitary'],
  ['London Borough of Ravensbury', 'london'],
  ['Dunmere Metropolitan Borough Council', 'metropolitan'],
  ['Kingsbridge & Wold District Council', 'district'],
  ['Portbury City Council', 'city'],
  ['Marlbeck Council', 'unitary'],
  ['Southdown Vale County Council', 'county'],
  ['London Borough of Thamesreach', 'london'],
  ['Amberley Downs District Council', 'district'],
  ['Irongate Metropolitan Borough Council', 'metropolitan'],
  ['Stourfield Borough Council', 'district'],
  ['Council of the Isles of Merrow', 'unitary'],
  ['Stonecastle City Council', 'city'],
  ['London Borough of Hatherley', 'london'],
  ['North Fennick District Council', 'district'],
  ['South Oakwell District Council', 'district'],
  ['Castle Morton Borough Council', 'district'],
  ['Deanbrook District Council', 'district'],
  ['Whitmoor Borough Council', 'district'],
  ['Elmsworth District Council', 'district'],
  ['Rushcombe District Council', 'district'],
  ['Heathfield & Ryle District Council', 'district'],
  ['Saltmarsh Borough Council', 'district'],
  ['Penhallow District Council', 'district'],
  ['Lydford Vale Borough Council', 'district'],
  ['Mistley Cross District Council', 'district'],
  ['Borough Council of King’s Wenham', 'district'],
  ['Tarrow Hill District Council', 'district'],
  ['Oldcastle & Brent Vale District Council', 'district'],
  ['St. Edmund’s Fields Borough Council', 'district'],
  ['West Ashling District Council', 'district'],
  ['Copperfield Borough Council', 'district'],
  ['Hadleigh Marsh District Council', 'district'],
  ['Upper Thorne District Council', 'district'],
  ['Bramblecote District Council', 'district'],
  ['Netherfold Borough Council', 'district'],
  ['East Carrow District Council', 'district'],
  ['Wendlebury Downs District Council', 'district'],
  ['Gallowmere Borough Council', 'district'],
  ['Sedgecombe District Council', 'district'],
  ['Fairlop Heath District Council', 'district'],
  ['Little Ambridge District Council', 'district'],
  ['Coldharbour Borough Council', 'district'],
  ['Redwick District Council', 'district'],
  ['Hartswood District Council', 'district'],
  ['Barrowden Vale District Council', 'district'],
  ['Millbrook & Esk District Council', 'district'],
];

const CARE: string[] = [
  'Bluebell Homecare Limited',
  'Meadowgate Care Services Ltd.',
  'Harbour Lights Care Homes Limited',
  'Silver Birch Care (Northern) Limited',
  'Caring Hands & Hearts Ltd',
  'Oakleigh Residential Care, Ltd.',
  'The Willowbrook Group Limited',
  'Sunrise Home Support AKA Brightway Support Limited',
  'Home First Care Co. Ltd.',
  "St. Cuthbert's Care Home Limited",
  'Kindred Lane Nursing Homes Limited',
  'Greenacre & Vale Domiciliary Services Ltd',
];

const SCHOOLS: string[] = [
  "St. Anne's Primary School",
  'Holy Trinity C.E. Primary School',
  'Northmere Grammar School',
  'Oakfield Academy',
  "St. Joseph's Catholic High School",
  'The Kelmscott School',
  'Brightwater Free School',
  "Queen Eleanor's College",
];

const NHS: string[] = [
  'Ashvale Hospitals NHS Foundation Trust',
  'Northmere Community Health NHS Trust',
  'Eastford & Thamesreach Mental Health NHS Foundation Trust',
  'Kingsmere University Hospitals NHS Trust',
  'Westmarch Partnership NHS Foundation Trust',
];

/** Zipf weight for a 1-based rank. */
const zipf = (rank: number, s: number) => 1 / rank ** s;

/** Every organisation, with its weight. */
export const ORGANISATIONS: readonly Organisation[] = [
  ...COUNCILS.map(([name, type], i) => ({ name, type, weight: zipf(i + 1, 1.1) })),
  // Providers, schools and trusts compete with councils only inside their own subcategories.
  ...CARE.map((name, i) => ({ name, type: 'care' as const, weight: 0.12 * zipf(i + 1, 0.9) })),
  ...SCHOOLS.map((name, i) => ({ name, type: 'school' as const, weight: 0.2 * zipf(i + 1, 0.8) })),
  ...NHS.map((name, i) => ({ name, type: 'nhs' as const, weight: 0.6 * zipf(i + 1, 0.8) })),
];

/** How the text refers to the body: "the Council", "the Care Provider", "the School", "the Trust". */
export function bodyWord(type: OrgType): string {
  switch (type) {
    case 'care':
      return 'Care Provider';
    case 'school':
      return 'School';
    case 'nhs':
      return 'Trust';
    default:
      return 'Council';
  }
}
