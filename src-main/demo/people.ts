/**
 * Demo customers and the hidden personas behind them. A persona (sizes, activities, colours,
 * brands, budget) is what makes a customer's year of orders coherent, so the recommender and the
 * "M in 7 of 9 tops" profile have real signal. Personas are never stored; only what they bought is.
 */
import { BRANDS, SIZES, type Tier } from './catalog-data';
import { STORES } from './catalog';
import type { Rng } from './random';

export type Activity = 'hiking' | 'camping' | 'running' | 'everyday' | 'winter';

export interface Kid {
  gender: 'girl' | 'boy';
  size: string;
  shoe: string;
}

export interface Persona {
  gender: 'women' | 'men';
  topSize: string;
  /** women's UK trouser/dress size, or the waist in inches for men */
  bottomSize: string;
  shoeSize: string;
  sockSize: string;
  activities: Activity[];
  favouriteColours: string[];
  dislikedColour: string;
  brandAffinity: string[];
  budget: Tier;
  ordersPerYear: number;
  /** 0..1: the part of the year the customer has been shopping with us */
  activeFrom: number;
  wideFit: boolean;
  woolAllergy: boolean;
  tall: boolean;
  kids: Kid[];
  homeStore: string;
}

export interface DemoCustomer {
  externalId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  loyaltyId: string | null;
  city: string;
  country: string;
  acceptsEmail: boolean;
  acceptsSms: boolean;
  consentPersonalization: boolean;
  tags: string;
  note: string | null;
}

export interface PersonRecord {
  customer: DemoCustomer;
  persona: Persona;
}

const WOMEN_NAMES = [
  'Isla',
  'Olivia',
  'Emily',
  'Sophie',
  'Amelia',
  'Ava',
  'Grace',
  'Freya',
  'Ella',
  'Charlotte',
  'Lucy',
  'Eilidh',
  'Morag',
  'Fiona',
  'Catriona',
  'Kirsty',
  'Rachel',
  'Hannah',
  'Sarah',
  'Laura',
  'Claire',
  'Nicola',
  'Gemma',
  'Joanne',
  'Heather',
  'Alison',
  'Ruth',
  'Anna',
  'Zara',
  'Priya',
  'Aisha',
  'Maja',
  'Zofia',
  'Chloe',
  'Megan',
  'Rebecca',
  'Helen',
  'Jennifer',
  'Katie',
  'Niamh',
  'Mhairi',
  'Shona',
  'Beth',
  'Rosie',
  'Harriet',
  'Imogen',
  'Yasmin',
  'Mei',
  'Siobhan',
  'Louise',
];
const MEN_NAMES = [
  'Jack',
  'James',
  'Lewis',
  'Callum',
  'Euan',
  'Fraser',
  'Hamish',
  'Ruaridh',
  'Alasdair',
  'Angus',
  'Iain',
  'Craig',
  'Stuart',
  'Graham',
  'Neil',
  'David',
  'Andrew',
  'Michael',
  'Thomas',
  'Daniel',
  'Matthew',
  'Ben',
  'Sam',
  'Oliver',
  'Harry',
  'George',
  'Liam',
  'Ryan',
  'Kieran',
  'Jamie',
  'Mohammed',
  'Arjun',
  'Omar',
  'Tomasz',
  'Piotr',
  'Chris',
  'Mark',
  'Paul',
  'Gareth',
  'Owen',
  'Rhys',
  'Finlay',
  'Ross',
  'Scott',
  'Duncan',
  'Malcolm',
  'Kwame',
  'Wei',
  'Patrick',
  'Connor',
];
const SURNAMES = [
  'Smith',
  'Brown',
  'Wilson',
  'Campbell',
  'Stewart',
  'Thomson',
  'Robertson',
  'Anderson',
  'MacDonald',
  'Scott',
  'Reid',
  'Murray',
  'Taylor',
  'Clark',
  'Ross',
  'Watson',
  'Morrison',
  'Paterson',
  'Young',
  'Mitchell',
  'Walker',
  'Fraser',
  'Henderson',
  'MacLeod',
  'Mackenzie',
  'Gray',
  'Hamilton',
  'Graham',
  'Kerr',
  'Ferguson',
  'Johnston',
  'Hughes',
  'Davies',
  'Evans',
  'Jones',
  'Roberts',
  'Wright',
  'Green',
  'Hall',
  'Wood',
  'Harrison',
  'Baker',
  'Khan',
  'Patel',
  'Ahmed',
  'Singh',
  'Hussain',
  'Nowak',
  'Kowalski',
  'Chen',
  'Okafor',
  'Mensah',
  "O'Neill",
  'Doyle',
  'Byrne',
  'Kelly',
  'Sinclair',
  'Munro',
  'Sutherland',
  'Cameron',
  'Grant',
  'Duncan',
  'Bell',
  'Burns',
  'Lindsay',
  'Baird',
];
const CITIES: Record<string, string[]> = {
  S1: [
    'Edinburgh',
    'Edinburgh',
    'Edinburgh',
    'Leith',
    'Musselburgh',
    'Dalkeith',
    'Livingston',
    'Penicuik',
    'North Berwick',
    'Dunfermline',
  ],
  S2: [
    'Glasgow',
    'Glasgow',
    'Glasgow',
    'Paisley',
    'Milngavie',
    'East Kilbride',
    'Stirling',
    'Hamilton',
    'Bearsden',
    'Helensburgh',
  ],
  S3: [
    'Manchester',
    'Manchester',
    'Manchester',
    'Stockport',
    'Salford',
    'Altrincham',
    'Bolton',
    'Sale',
    'Didsbury',
    'Macclesfield',
  ],
};
const ACTIVITIES: Activity[] = ['hiking', 'camping', 'running', 'everyday', 'winter'];
const ACTIVITY_TAG: Record<Activity, string> = {
  hiking: 'hiker',
  camping: 'camper',
  running: 'runner',
  everyday: 'lifestyle',
  winter: 'winter walker',
};
const TASTE_COLOURS = [
  'Black',
  'Navy',
  'Forest Green',
  'Red',
  'Yellow',
  'Blue',
  'Grey',
  'Charcoal',
  'Olive',
  'Burgundy',
  'Teal',
  'Orange',
  'Purple',
  'Pink',
  'Sky Blue',
];

function shoeSizeFor(gender: 'women' | 'men', rng: Rng): string {
  const list = gender === 'women' ? SIZES.shoesWomen : SIZES.shoesMen;
  // a bell around the middle of the range
  const mid = (list.length - 1) / 2;
  const idx = Math.round(
    Math.min(list.length - 1, Math.max(0, mid + (rng.next() + rng.next() + rng.next() - 1.5) * 3.2)),
  );
  return list[idx]!;
}

export function sockSizeForShoe(shoe: string): string {
  const n = Number(shoe.replace('UK ', '').replace('K', ''));
  if (shoe.endsWith('K') || n < 6) return 'S';
  if (n < 9) return 'M';
  if (n < 12) return 'L';
  return 'XL';
}

export function generatePeople(rng: Rng, count: number): PersonRecord[] {
  const people: PersonRecord[] = [];
  const usedPhones = new Set<number>();
  const usedEmails = new Set<string>();
  const usedLoyalty = new Set<number>();
  for (let i = 0; i < count; i++) {
    const gender = rng.chance(0.5) ? 'women' : 'men';
    const firstName = rng.pick(gender === 'women' ? WOMEN_NAMES : MEN_NAMES);
    const lastName = rng.pick(SURNAMES);
    const homeStore = rng.weighted(STORES, (s) => s.stockFactor).id;
    const topSize =
      gender === 'women'
        ? rng.weighted(['XS', 'S', 'M', 'L', 'XL'], (s) => ({ XS: 8, S: 30, M: 35, L: 20, XL: 7 })[s]!)
        : rng.weighted(['S', 'M', 'L', 'XL', 'XXL'], (s) => ({ S: 10, M: 32, L: 35, XL: 18, XXL: 5 })[s]!);
    const bottomSize =
      gender === 'women'
        ? ({ XS: '8', S: '10', M: '12', L: '14', XL: '16' } as Record<string, string>)[topSize]!
        : ({ S: '30', M: '32', L: '34', XL: '36', XXL: '38' } as Record<string, string>)[topSize]!;
    const shoeSize = shoeSizeFor(gender, rng);
    const nActs = rng.weighted([1, 2, 3], (n) => [4, 4, 2][n - 1]!);
    const activities = rng.sample(ACTIVITIES, nActs).sort((a, b) => ACTIVITIES.indexOf(a) - ACTIVITIES.indexOf(b));
    const favouriteColours = rng.sample(TASTE_COLOURS, rng.int(2, 3));
    const dislikedColour = rng.pick(TASTE_COLOURS.filter((c) => !favouriteColours.includes(c)));
    const budget = rng.weighted(['budget', 'mid', 'premium'] as Tier[], (t) => ({ budget: 3, mid: 5, premium: 2 })[t]);
    const brandAffinity = rng
      .sample(
        BRANDS.filter((b) => b.tier === budget || rng.chance(0.3)),
        rng.int(1, 2),
      )
      .map((b) => b.code);
    const ordersPerYear = rng.weighted(
      [1, 2, 3, 4, 6, 8, 10, 14, 20, 30],
      (n) => ({ 1: 10, 2: 12, 3: 12, 4: 12, 6: 14, 8: 14, 10: 10, 14: 8, 20: 5, 30: 3 })[n]!,
    );
    const activeFrom = rng.chance(0.7) ? 0 : rng.next() * 0.9;
    const kids: Kid[] = [];
    if (rng.chance(0.22)) {
      for (let k = rng.int(1, 2); k > 0; k--) {
        const age = rng.int(0, SIZES.kidsAge.length - 1);
        kids.push({
          gender: rng.chance(0.5) ? 'girl' : 'boy',
          size: SIZES.kidsAge[age]!,
          shoe: SIZES.kidsShoes[Math.min(SIZES.kidsShoes.length - 1, age + rng.int(0, 1))]!,
        });
      }
    }
    const persona: Persona = {
      gender,
      topSize,
      bottomSize,
      shoeSize,
      sockSize: sockSizeForShoe(shoeSize),
      activities,
      favouriteColours,
      dislikedColour,
      brandAffinity,
      budget,
      ordersPerYear,
      activeFrom,
      wideFit: rng.chance(0.08),
      woolAllergy: rng.chance(0.03),
      tall: rng.chance(0.15),
      kids,
      homeStore,
    };

    let phone: string | null = null;
    if (rng.chance(0.78)) {
      let n: number;
      do n = rng.int(0, 999);
      while (usedPhones.has(n) && usedPhones.size < 1000);
      usedPhones.add(n);
      phone = `+447700900${String(n).padStart(3, '0')}`;
    }
    let email: string | null = null;
    if (rng.chance(0.92)) {
      const base = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
      const domain = rng.pick(['example.com', 'example.com', 'example.net', 'example.org']);
      email = `${base}@${domain}`;
      for (let k = 2; usedEmails.has(email); k++) email = `${base}${k}@${domain}`;
      usedEmails.add(email);
    }
    let loyaltyId: string | null = null;
    if (rng.chance(0.7)) {
      let n: number;
      do n = rng.int(100000, 999999);
      while (usedLoyalty.has(n));
      usedLoyalty.add(n);
      loyaltyId = `LOY-${n}`;
    }
    const tags = activities.map((a) => ACTIVITY_TAG[a]);
    if (kids.length) tags.push('family');
    const notes: string[] = [];
    if (persona.wideFit) notes.push('Prefers wide-fit boots.');
    if (persona.woolAllergy) notes.push('Allergic to wool — no merino or lambswool.');
    if (persona.tall) notes.push('Tall — check sleeve and leg lengths.');
    if (rng.chance(0.06))
      notes.push(
        rng.pick([
          'Training for the West Highland Way in May.',
          'Duke of Edinburgh leader; often buys for the group.',
          'Likes to try on in store, sometimes orders online after.',
          'Runs with a club on Saturday mornings.',
          'Prefers zips over buttons.',
          'Planning a trip to Skye this summer.',
          `Does not like ${dislikedColour.toLowerCase()}.`,
          'Walks the dog every day, goes through socks quickly.',
        ]),
      );
    const customer: DemoCustomer = {
      externalId: `C${10001 + i}`,
      firstName,
      lastName,
      email,
      phone,
      loyaltyId,
      city: rng.pick(CITIES[homeStore]!),
      country: 'GB',
      acceptsEmail: email !== null && rng.chance(0.55),
      acceptsSms: phone !== null && rng.chance(0.3),
      consentPersonalization: !rng.chance(0.08),
      tags: tags.join(', '),
      note: notes.length ? notes.join(' ') : null,
    };
    people.push({ customer, persona });
  }
  return people;
}
