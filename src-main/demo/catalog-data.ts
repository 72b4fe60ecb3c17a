/**
 * The vocabulary of the demo retailer: brands, colours, sizes and the product types it sells.
 * Edit here to change what the demo store stocks; the generator only combines these.
 */

export type Gender = 'women' | 'men' | 'unisex' | 'kids';
export type Tier = 'budget' | 'mid' | 'premium';
export type Shape =
  | 'shell' | 'puffer' | 'fleece' | 'tee' | 'shirt' | 'jumper' | 'trousers' | 'shorts' | 'dress'
  | 'boot' | 'shoe' | 'sandal' | 'sock' | 'beanie' | 'glove' | 'pack' | 'bag' | 'tent' | 'mat'
  | 'torch' | 'bottle' | 'canister';
/** Which of a customer's sizes a product is bought in. */
export type SizeDomain = 'tops' | 'womenUk' | 'waist' | 'shoes' | 'kids' | 'kidsShoes' | 'socks' | 'none';

export interface Brand {
  name: string;
  code: string;
  tier: Tier;
  blurb: string;
}

export const BRANDS: Brand[] = [
  { name: 'Northwynd', code: 'NWD', tier: 'premium', blurb: 'technical mountain kit, built for Scottish winters' },
  { name: 'Cairn Ridge', code: 'CRG', tier: 'mid', blurb: 'dependable hillwalking clothing' },
  { name: 'Peakline', code: 'PKL', tier: 'budget', blurb: 'good-value outdoor basics' },
  { name: 'Ullapool Outdoor', code: 'ULO', tier: 'budget', blurb: 'family outdoor clothing and kit' },
  { name: 'Merrow Merino', code: 'MRW', tier: 'premium', blurb: 'merino wool layers and socks' },
  { name: 'Torridon Footwear', code: 'TRF', tier: 'premium', blurb: 'hand-lasted leather walking boots' },
  { name: 'Saltire Trail', code: 'SLT', tier: 'mid', blurb: 'walking and trail footwear' },
  { name: 'Fellrunner', code: 'FLR', tier: 'mid', blurb: 'kit for running off-road' },
  { name: 'Stag & Heather', code: 'SAH', tier: 'premium', blurb: 'heritage country clothing' },
  { name: 'Kestrel Packs', code: 'KST', tier: 'mid', blurb: 'rucksacks and daypacks' },
  { name: 'Glenmore Gear', code: 'GLG', tier: 'mid', blurb: 'tents, sleeping bags and camp kit' },
  { name: 'Lumen Hill', code: 'LMH', tier: 'budget', blurb: 'headtorches, bottles and trail essentials' },
  { name: 'Bothy & Burn', code: 'BNB', tier: 'mid', blurb: 'relaxed outdoor lifestyle clothing' },
];

export interface Colour {
  name: string;
  code: string;
  hex: string;
}

export const COLOURS: Colour[] = [
  { name: 'Black', code: 'BLK', hex: '#222326' },
  { name: 'Navy', code: 'NVY', hex: '#1f2d4d' },
  { name: 'Forest Green', code: 'FGN', hex: '#2f5d3a' },
  { name: 'Red', code: 'RED', hex: '#b3262e' },
  { name: 'Yellow', code: 'YEL', hex: '#e3b21f' },
  { name: 'Blue', code: 'BLU', hex: '#2e6fb5' },
  { name: 'Grey', code: 'GRY', hex: '#80848b' },
  { name: 'Charcoal', code: 'CHR', hex: '#3b3e44' },
  { name: 'Olive', code: 'OLV', hex: '#6b6b3a' },
  { name: 'Burgundy', code: 'BRG', hex: '#6d1f31' },
  { name: 'Teal', code: 'TEA', hex: '#1f7a7a' },
  { name: 'Orange', code: 'ORG', hex: '#e06a1b' },
  { name: 'Purple', code: 'PUR', hex: '#5b3a8a' },
  { name: 'Pink', code: 'PNK', hex: '#d96a93' },
  { name: 'Sand', code: 'SND', hex: '#c9b48a' },
  { name: 'Brown', code: 'BRN', hex: '#6b4a2f' },
  { name: 'Tan', code: 'TAN', hex: '#b08552' },
  { name: 'White', code: 'WHT', hex: '#f3f3ef' },
  { name: 'Sky Blue', code: 'SKY', hex: '#7fb2dc' },
  { name: 'Mustard', code: 'MST', hex: '#c9962a' },
];

export const colourByName = new Map(COLOURS.map((c) => [c.name, c]));

const APPAREL_COLOURS = ['Black', 'Navy', 'Forest Green', 'Red', 'Yellow', 'Blue', 'Grey', 'Charcoal', 'Olive', 'Burgundy', 'Teal', 'Orange', 'Purple', 'Pink', 'Sky Blue'];
const EARTHY_COLOURS = ['Black', 'Navy', 'Forest Green', 'Grey', 'Charcoal', 'Olive', 'Burgundy', 'Sand', 'Brown', 'Mustard', 'Teal'];
const FOOTWEAR_COLOURS = ['Brown', 'Black', 'Grey', 'Olive', 'Tan', 'Navy', 'Charcoal', 'Burgundy'];
const RUN_COLOURS = ['Black', 'Blue', 'Orange', 'Teal', 'Grey', 'Red', 'Purple', 'Pink', 'Yellow'];
const GEAR_COLOURS = ['Forest Green', 'Orange', 'Grey', 'Sand', 'Red', 'Blue', 'Olive', 'Yellow'];
const BASIC_COLOURS = ['Black', 'Navy', 'Grey', 'Charcoal', 'White', 'Forest Green', 'Burgundy', 'Sky Blue', 'Olive'];

/** Sizes in the order a size chart lists them. */
export const SIZES = {
  lettersWomen: ['XS', 'S', 'M', 'L', 'XL'],
  lettersMen: ['S', 'M', 'L', 'XL', 'XXL'],
  lettersUnisex: ['XS', 'S', 'M', 'L', 'XL', 'XXL'],
  womenUk: ['8', '10', '12', '14', '16', '18'],
  waist: ['28', '30', '32', '34', '36', '38', '40'],
  shoesWomen: ['UK 3', 'UK 4', 'UK 4.5', 'UK 5', 'UK 5.5', 'UK 6', 'UK 6.5', 'UK 7', 'UK 7.5', 'UK 8'],
  shoesMen: ['UK 6', 'UK 7', 'UK 7.5', 'UK 8', 'UK 8.5', 'UK 9', 'UK 9.5', 'UK 10', 'UK 10.5', 'UK 11', 'UK 12'],
  shoesUnisex: ['UK 3', 'UK 4', 'UK 5', 'UK 6', 'UK 7', 'UK 8', 'UK 9', 'UK 10', 'UK 11', 'UK 12'],
  kidsAge: ['3-4Y', '5-6Y', '7-8Y', '9-10Y', '11-12Y', '13-14Y'],
  kidsShoes: ['UK 10K', 'UK 11K', 'UK 12K', 'UK 13K', 'UK 1', 'UK 2', 'UK 3'],
  socksWomen: ['S', 'M', 'L'],
  socksMen: ['M', 'L', 'XL'],
  socksUnisex: ['S', 'M', 'L', 'XL'],
  gloves: ['S', 'M', 'L', 'XL'],
  bagLength: ['Regular', 'Long'],
  matLength: ['Regular', 'Long'],
} as const;

/** UK → EU shoe sizes, as printed on the box; kept in variant options so "EU 42" can be matched. */
export const UK_TO_EU: Record<string, string> = {
  'UK 10K': '28', 'UK 11K': '29', 'UK 12K': '30.5', 'UK 13K': '32', 'UK 1': '33', 'UK 2': '34',
  'UK 3': '35.5', 'UK 3.5': '36', 'UK 4': '37', 'UK 4.5': '37.5', 'UK 5': '38', 'UK 5.5': '38.5',
  'UK 6': '39', 'UK 6.5': '40', 'UK 7': '40.5', 'UK 7.5': '41', 'UK 8': '42', 'UK 8.5': '42.5',
  'UK 9': '43', 'UK 9.5': '44', 'UK 10': '44.5', 'UK 10.5': '45', 'UK 11': '46', 'UK 11.5': '46.5', 'UK 12': '47',
};

/** What shoe sizes each sock size fits, for complements ("socks for her UK 6 boots"). */
export const SOCK_FITS: Record<string, string> = {
  S: 'UK 3-5.5',
  M: 'UK 6-8.5',
  L: 'UK 9-11.5',
  XL: 'UK 12-14',
};

export interface ProductType {
  key: string;
  category: string;
  path: string;
  /** product nouns, e.g. "Waterproof Jacket"; the title is "<Brand> <Model> <Women's> <noun>" */
  nouns: string[];
  counts: Partial<Record<Gender, number>>;
  sizes: Partial<Record<Gender, readonly string[]>>;
  sizeDomain: SizeDomain;
  /** price range in whole pounds for adults; kids pay about 55% */
  price: [number, number];
  colours: readonly string[];
  colourCount: [number, number];
  materials: string[];
  features: string[];
  /** words people use for it, for search */
  words: string[];
  uses: string[];
  shape: Shape;
  brands: string[];
  season?: 'winter' | 'summer';
  consumable?: boolean;
  /** true when only one variant per colour exists and "One Size"-like sizes are per product */
  sizePerProduct?: readonly string[];
}

const b = (...codes: string[]) => codes;

/**
 * Some product types mix items for opposite seasons (a sun hat and a bobble hat are both Hats); these
 * nouns carry their own uses and features, so a "warm hat for winter" never finds a sun hat.
 */
export const NOUN_TRAITS: Record<string, { uses: string[]; features: string[] }> = {
  'Sun Hat': { uses: ['summer', 'hiking', 'travel'], features: ['UPF 50 sun protection', 'Wide brim shades the neck', 'Packs flat'] },
  'Peaked Cap': { uses: ['summer', 'walking', 'running'], features: ['UPF 50 sun protection', 'Breathable mesh panels'] },
  'Merino Beanie': { uses: ['winter', 'hiking', 'walking'], features: ['Soft and warm', 'Naturally odour resistant'] },
  'Bobble Hat': { uses: ['winter', 'walking', 'everyday'], features: ['Soft and warm', 'Fleece-lined band over the ears'] },
  'Fleece Beanie': { uses: ['winter', 'walking', 'camping'], features: ['Soft and warm', 'Quick drying'] },
};

export const PRODUCT_TYPES: ProductType[] = [
  {
    key: 'waterproof-jacket', category: 'Waterproof Jackets', path: 'Clothing > Jackets > Waterproof Jackets',
    nouns: ['Waterproof Jacket', 'Waterproof Jacket', 'Rain Jacket', 'Mountain Shell Jacket'],
    counts: { women: 12, men: 12, kids: 4 },
    sizes: { women: SIZES.lettersWomen, men: SIZES.lettersMen, kids: SIZES.kidsAge },
    sizeDomain: 'tops', price: [90, 380], colours: APPAREL_COLOURS, colourCount: [2, 3],
    materials: ['Stormweave 3L recycled nylon', 'HydroBloc 2.5L recycled polyester', 'AquaGuard 2L nylon with mesh lining'],
    features: ['Fully waterproof and breathable membrane', 'Fully taped seams', 'Adjustable hood with wired peak', 'Pit zips for venting on the climb', 'Hand pockets placed above a hip belt', 'PFC-free water-repellent finish', 'Packs into its own pocket', 'Storm flap over a two-way front zip'],
    words: ['waterproof', 'rain', 'raincoat', 'shell', 'coat', 'jacket', 'breathable', 'hooded'],
    uses: ['hiking', 'walking', 'rain', 'hillwalking', 'travel'], shape: 'shell',
    brands: b('NWD', 'CRG', 'PKL', 'ULO', 'FLR'),
  },
  {
    key: 'insulated-jacket', category: 'Insulated Jackets', path: 'Clothing > Jackets > Insulated Jackets',
    nouns: ['Down Jacket', 'Insulated Jacket', 'Down Hoody', 'Synthetic Insulated Jacket', 'Down Parka'],
    counts: { women: 9, men: 9, kids: 2 },
    sizes: { women: SIZES.lettersWomen, men: SIZES.lettersMen, kids: SIZES.kidsAge },
    sizeDomain: 'tops', price: [85, 340], colours: APPAREL_COLOURS, colourCount: [2, 3],
    materials: ['700 fill responsibly sourced down, recycled nylon shell', '800 fill goose down, Pertex-style ripstop shell', 'PrimaWarm recycled synthetic insulation'],
    features: ['Warm for its weight', 'Baffled construction keeps the fill in place', 'Packs into a stuff sack', 'Water-resistant shell for drizzle', 'Elasticated cuffs and hem', 'Zipped hand pockets lined with brushed tricot', 'Warmth rating: warm'],
    words: ['down', 'puffer', 'insulated', 'warm', 'jacket', 'coat', 'packable', 'winter coat'],
    uses: ['winter', 'camping', 'travel', 'everyday'], shape: 'puffer', season: 'winter',
    brands: b('NWD', 'CRG', 'PKL', 'ULO'),
  },
  {
    key: 'fleece', category: 'Fleeces', path: 'Clothing > Mid Layers > Fleeces',
    nouns: ['Fleece Jacket', 'Half-Zip Fleece', 'Grid Fleece Hoody', 'Pile Fleece Jacket'],
    counts: { women: 8, men: 8, kids: 4 },
    sizes: { women: SIZES.lettersWomen, men: SIZES.lettersMen, kids: SIZES.kidsAge },
    sizeDomain: 'tops', price: [35, 120], colours: APPAREL_COLOURS, colourCount: [2, 3],
    materials: ['recycled polyester fleece', '100-weight grid fleece', 'sherpa pile fleece'],
    features: ['Warm, quick-drying mid layer', 'Grid back traps heat and breathes', 'Zipped chest pocket', 'Flat seams under a rucksack', 'Thumb loops'],
    words: ['fleece', 'midlayer', 'mid layer', 'warm', 'half zip', 'pullover'],
    uses: ['hiking', 'walking', 'camping', 'everyday'], shape: 'fleece',
    brands: b('CRG', 'PKL', 'ULO', 'BNB'),
  },
  {
    key: 'softshell', category: 'Softshell Jackets', path: 'Clothing > Jackets > Softshell Jackets',
    nouns: ['Softshell Jacket', 'Softshell Hoody'],
    counts: { women: 5, men: 5 },
    sizes: { women: SIZES.lettersWomen, men: SIZES.lettersMen },
    sizeDomain: 'tops', price: [70, 200], colours: APPAREL_COLOURS, colourCount: [2, 3],
    materials: ['stretch nylon/elastane softshell', 'brushed-back windproof softshell'],
    features: ['Windproof and water-resistant', 'Four-way stretch for scrambling', 'Brushed inner for warmth', 'Harness-compatible pockets'],
    words: ['softshell', 'windproof', 'stretch', 'jacket'],
    uses: ['hiking', 'climbing', 'winter', 'walking'], shape: 'shell',
    brands: b('NWD', 'CRG'),
  },
  {
    key: 'base-layer', category: 'Base Layers', path: 'Clothing > Base Layers',
    nouns: ['Merino Base Layer Top', 'Merino Long Sleeve Crew', 'Merino Zip Neck Base Layer', 'Merino Leggings', 'Thermal Base Layer Top'],
    counts: { women: 8, men: 8, unisex: 2 },
    sizes: { women: SIZES.lettersWomen, men: SIZES.lettersMen, unisex: SIZES.lettersUnisex },
    sizeDomain: 'tops', price: [30, 95], colours: BASIC_COLOURS, colourCount: [2, 3],
    materials: ['merino wool 200gsm', 'merino wool 150gsm', 'merino/Tencel blend', 'recycled polyester thermal'],
    features: ['Naturally odour resistant', 'Soft next to skin', 'Warm even when damp', 'Flatlock seams that do not chafe', 'Long body that stays tucked in'],
    words: ['base layer', 'baselayer', 'thermal', 'merino', 'wool', 'long sleeve', 'thermals'],
    uses: ['hiking', 'winter', 'skiing', 'running', 'camping'], shape: 'tee', season: 'winter',
    brands: b('MRW', 'NWD', 'PKL'),
  },
  {
    key: 't-shirt', category: 'T-Shirts', path: 'Clothing > Tops > T-Shirts',
    nouns: ['Tech T-Shirt', 'Organic Cotton T-Shirt', 'Merino T-Shirt', 'Graphic T-Shirt', 'Running T-Shirt'],
    counts: { women: 8, men: 8, kids: 3 },
    sizes: { women: SIZES.lettersWomen, men: SIZES.lettersMen, kids: SIZES.kidsAge },
    sizeDomain: 'tops', price: [18, 60], colours: BASIC_COLOURS, colourCount: [2, 3],
    materials: ['organic cotton', 'recycled polyester', 'merino wool blend 150gsm'],
    features: ['Wicks sweat and dries fast', 'Soft organic cotton', 'Relaxed fit', 'UPF 30 sun protection'],
    words: ['t-shirt', 'tshirt', 'tee', 'top', 'short sleeve'],
    uses: ['walking', 'running', 'travel', 'everyday', 'summer'], shape: 'tee',
    brands: b('PKL', 'BNB', 'MRW', 'FLR', 'ULO', 'CRG'),
  },
  {
    key: 'shirt', category: 'Shirts', path: 'Clothing > Tops > Shirts',
    nouns: ['Check Shirt', 'Flannel Shirt', 'Trek Shirt', 'Long Sleeve Shirt'],
    counts: { women: 5, men: 7 },
    sizes: { women: SIZES.lettersWomen, men: SIZES.lettersMen },
    sizeDomain: 'tops', price: [35, 95], colours: EARTHY_COLOURS, colourCount: [2, 3],
    materials: ['brushed cotton flannel', 'cotton/polyester ripstop', 'organic cotton poplin'],
    features: ['Roll-up sleeves with tabs', 'Two button-down chest pockets', 'Quick-drying fabric for travel', 'Brushed for warmth'],
    words: ['shirt', 'check', 'flannel', 'button'],
    uses: ['travel', 'everyday', 'walking'], shape: 'shirt',
    brands: b('SAH', 'BNB', 'CRG'),
  },
  {
    key: 'jumper', category: 'Jumpers', path: 'Clothing > Knitwear > Jumpers',
    nouns: ['Lambswool Jumper', 'Merino Crew Jumper', 'Cable Knit Jumper', 'Quarter-Zip Jumper'],
    counts: { women: 6, men: 6 },
    sizes: { women: SIZES.lettersWomen, men: SIZES.lettersMen },
    sizeDomain: 'tops', price: [55, 150], colours: EARTHY_COLOURS, colourCount: [2, 3],
    materials: ['Scottish lambswool', 'merino wool', 'organic cotton knit'],
    features: ['Knitted in Scotland', 'Classic crew neck', 'Ribbed cuffs and hem', 'Warm and breathable'],
    words: ['jumper', 'sweater', 'knit', 'knitwear', 'wool', 'pullover'],
    uses: ['everyday', 'winter', 'travel'], shape: 'jumper', season: 'winter',
    brands: b('SAH', 'MRW', 'BNB'),
  },
  {
    key: 'walking-trousers', category: 'Walking Trousers', path: 'Clothing > Bottoms > Walking Trousers',
    nouns: ['Walking Trousers', 'Stretch Hiking Trousers', 'Convertible Trousers', 'Winter Trousers'],
    counts: { women: 9, men: 9, kids: 2 },
    sizes: { women: SIZES.womenUk, men: SIZES.waist, kids: SIZES.kidsAge },
    sizeDomain: 'waist', price: [40, 140], colours: EARTHY_COLOURS, colourCount: [2, 3],
    materials: ['stretch polyamide', 'recycled nylon ripstop', 'organic cotton canvas', 'fleece-backed softshell'],
    features: ['Four-way stretch', 'Water-repellent finish', 'Zipped thigh pocket', 'Articulated knees', 'Adjustable hem for boots'],
    words: ['trousers', 'pants', 'walking trousers', 'hiking pants', 'bottoms'],
    uses: ['hiking', 'walking', 'travel'], shape: 'trousers',
    brands: b('CRG', 'NWD', 'PKL', 'SAH', 'ULO'),
  },
  {
    key: 'waterproof-trousers', category: 'Waterproof Trousers', path: 'Clothing > Bottoms > Waterproof Trousers',
    nouns: ['Waterproof Overtrousers', 'Waterproof Trousers'],
    counts: { women: 4, men: 4 },
    sizes: { women: SIZES.lettersWomen, men: SIZES.lettersMen },
    sizeDomain: 'tops', price: [45, 180], colours: ['Black', 'Navy', 'Charcoal', 'Grey'], colourCount: [1, 2],
    materials: ['Stormweave 3L recycled nylon', 'HydroBloc 2.5L recycled polyester'],
    features: ['Fully taped seams', 'Full-length side zips to pull on over boots', 'Elasticated waist with drawcord', 'Packs small'],
    words: ['waterproof trousers', 'overtrousers', 'rain trousers', 'waterproof pants'],
    uses: ['hiking', 'rain', 'walking'], shape: 'trousers',
    brands: b('NWD', 'CRG', 'PKL'),
  },
  {
    key: 'shorts', category: 'Shorts', path: 'Clothing > Bottoms > Shorts',
    nouns: ['Walking Shorts', 'Trail Running Shorts', 'Canvas Shorts'],
    counts: { women: 6, men: 6 },
    sizes: { women: SIZES.womenUk, men: SIZES.waist },
    sizeDomain: 'waist', price: [25, 70], colours: EARTHY_COLOURS, colourCount: [2, 3],
    materials: ['stretch polyamide', 'organic cotton canvas', 'recycled polyester'],
    features: ['Quick-drying', 'Zipped pockets', 'Built-in brief (running styles)', 'Stretch waistband'],
    words: ['shorts'],
    uses: ['walking', 'running', 'summer', 'travel'], shape: 'shorts', season: 'summer',
    brands: b('CRG', 'PKL', 'FLR', 'BNB'),
  },
  {
    key: 'leggings', category: 'Leggings', path: 'Clothing > Bottoms > Leggings',
    nouns: ['Trail Leggings', 'Hiking Leggings', 'Running Tights'],
    counts: { women: 6, men: 2 },
    sizes: { women: SIZES.lettersWomen, men: SIZES.lettersMen },
    sizeDomain: 'tops', price: [35, 85], colours: ['Black', 'Navy', 'Charcoal', 'Forest Green', 'Burgundy', 'Teal'], colourCount: [1, 3],
    materials: ['recycled polyester/elastane', 'brushed-back thermal jersey'],
    features: ['High waist with phone pocket', 'Squat-proof stretch fabric', 'Reflective details', 'Thermal brushed inner'],
    words: ['leggings', 'tights', 'running tights'],
    uses: ['running', 'walking', 'yoga'], shape: 'trousers',
    brands: b('FLR', 'PKL', 'MRW'),
  },
  {
    key: 'dress-skirt', category: 'Dresses & Skirts', path: 'Clothing > Dresses & Skirts',
    nouns: ['Jersey Dress', 'Cord Skirt', 'Trek Skort', 'Shirt Dress'],
    counts: { women: 8 },
    sizes: { women: SIZES.womenUk },
    sizeDomain: 'womenUk', price: [35, 95], colours: EARTHY_COLOURS, colourCount: [2, 3],
    materials: ['organic cotton jersey', 'Tencel lyocell', 'cotton corduroy', 'stretch polyamide'],
    features: ['Pockets', 'Easy-care fabric that packs without creasing', 'Relaxed fit'],
    words: ['dress', 'skirt', 'skort'],
    uses: ['travel', 'everyday', 'summer'], shape: 'dress', season: 'summer',
    brands: b('BNB', 'SAH'),
  },
  {
    key: 'hiking-boots', category: 'Hiking Boots', path: 'Footwear > Hiking Boots',
    nouns: ['Waterproof Hiking Boot', 'Leather Walking Boot', 'Mid Hiking Boot', 'Mountain Boot'],
    counts: { women: 8, men: 8, kids: 3 },
    sizes: { women: SIZES.shoesWomen, men: SIZES.shoesMen, kids: SIZES.kidsShoes },
    sizeDomain: 'shoes', price: [80, 240], colours: FOOTWEAR_COLOURS, colourCount: [1, 3],
    materials: ['full-grain leather with waterproof membrane', 'nubuck leather with Stormweave lining', 'suede and mesh with waterproof lining'],
    features: ['Waterproof and breathable lining', 'Vibram-style grippy rubber outsole', 'Cushioned EVA midsole', 'Supportive ankle collar', 'Rubber toe bumper', 'Lace hooks for a locked-in fit'],
    words: ['boots', 'boot', 'hiking boots', 'walking boots', 'waterproof', 'leather'],
    uses: ['hiking', 'walking', 'hillwalking', 'backpacking'], shape: 'boot',
    brands: b('TRF', 'SLT', 'NWD', 'PKL', 'ULO'),
  },
  {
    key: 'walking-shoes', category: 'Walking Shoes', path: 'Footwear > Walking Shoes',
    nouns: ['Waterproof Walking Shoe', 'Hiking Shoe', 'Approach Shoe'],
    counts: { women: 6, men: 6 },
    sizes: { women: SIZES.shoesWomen, men: SIZES.shoesMen },
    sizeDomain: 'shoes', price: [70, 160], colours: FOOTWEAR_COLOURS, colourCount: [1, 3],
    materials: ['suede and mesh with waterproof lining', 'recycled mesh upper'],
    features: ['Waterproof lining', 'Light and flexible', 'Grippy lugged outsole', 'Cushioned midsole'],
    words: ['shoes', 'walking shoes', 'hiking shoes', 'trainers'],
    uses: ['walking', 'hiking', 'travel'], shape: 'shoe',
    brands: b('SLT', 'TRF', 'PKL'),
  },
  {
    key: 'trail-running-shoes', category: 'Trail Running Shoes', path: 'Footwear > Trail Running Shoes',
    nouns: ['Trail Running Shoe', 'Fell Running Shoe', 'Trail Shoe'],
    counts: { women: 6, men: 6 },
    sizes: { women: SIZES.shoesWomen, men: SIZES.shoesMen },
    sizeDomain: 'shoes', price: [85, 160], colours: RUN_COLOURS, colourCount: [1, 3],
    materials: ['engineered mesh upper', 'recycled mesh with TPU overlays'],
    features: ['Aggressive 6 mm lugs for mud', 'Rock plate underfoot', 'Responsive foam midsole', 'Quick-lace system', '6 mm drop'],
    words: ['trail shoes', 'running shoes', 'trainers', 'fell shoes', 'runners'],
    uses: ['running', 'trail running', 'fell running'], shape: 'shoe',
    brands: b('FLR', 'SLT'),
  },
  {
    key: 'sandals', category: 'Sandals', path: 'Footwear > Sandals',
    nouns: ['Walking Sandal', 'Trail Sandal', 'Sport Sandal'],
    counts: { women: 3, men: 3, kids: 2 },
    sizes: { women: SIZES.shoesWomen, men: SIZES.shoesMen, kids: SIZES.kidsShoes },
    sizeDomain: 'shoes', price: [35, 95], colours: ['Black', 'Navy', 'Grey', 'Olive', 'Teal', 'Tan'], colourCount: [1, 2],
    materials: ['recycled polyester webbing', 'leather straps'],
    features: ['Adjustable hook-and-loop straps', 'Grippy rubber sole', 'Contoured footbed', 'Quick-drying'],
    words: ['sandals', 'sandal'],
    uses: ['summer', 'travel', 'beach', 'walking'], shape: 'sandal', season: 'summer',
    brands: b('SLT', 'ULO', 'PKL'),
  },
  {
    key: 'socks', category: 'Socks', path: 'Accessories > Socks',
    nouns: ['Merino Hiking Socks', 'Walking Socks', 'Trail Running Socks', 'Liner Socks', 'Heavyweight Boot Socks'],
    counts: { women: 5, men: 5, unisex: 6 },
    sizes: { women: SIZES.socksWomen, men: SIZES.socksMen, unisex: SIZES.socksUnisex },
    sizeDomain: 'socks', price: [12, 22], colours: ['Grey', 'Charcoal', 'Navy', 'Forest Green', 'Burgundy', 'Teal', 'Black'], colourCount: [1, 3],
    materials: ['merino wool blend', 'Coolmax-style polyester blend', 'merino/nylon blend'],
    features: ['Cushioned heel and toe', 'Seamless toe', 'Arch support band', 'Naturally odour resistant'],
    words: ['socks', 'sock', 'hiking socks', 'walking socks', 'boot socks'],
    uses: ['hiking', 'walking', 'running'], shape: 'sock', consumable: true,
    brands: b('MRW', 'PKL', 'FLR', 'TRF'),
  },
  {
    key: 'hats', category: 'Hats', path: 'Accessories > Hats',
    nouns: ['Merino Beanie', 'Bobble Hat', 'Sun Hat', 'Fleece Beanie', 'Peaked Cap'],
    counts: { unisex: 10, kids: 2 },
    sizes: {},
    sizePerProduct: ['One Size'],
    sizeDomain: 'none', price: [15, 40], colours: APPAREL_COLOURS, colourCount: [2, 3],
    materials: ['merino wool', 'recycled polyester fleece', 'cotton canvas', 'lambswool'],
    features: ['Soft and warm', 'One size fits most', 'UPF 50 (sun hats)', 'Reflective tab'],
    words: ['hat', 'beanie', 'bobble hat', 'sun hat', 'cap'],
    uses: ['winter', 'hiking', 'summer'], shape: 'beanie',
    brands: b('MRW', 'CRG', 'LMH', 'BNB', 'SAH', 'ULO'),
  },
  {
    key: 'gloves', category: 'Gloves', path: 'Accessories > Gloves',
    nouns: ['Waterproof Gloves', 'Fleece Gloves', 'Touchscreen Liner Gloves', 'Insulated Mitts'],
    counts: { unisex: 8 },
    sizes: { unisex: SIZES.gloves },
    sizeDomain: 'tops', price: [18, 75], colours: ['Black', 'Charcoal', 'Navy', 'Grey'], colourCount: [1, 2],
    materials: ['waterproof leather palm', 'windproof fleece', 'merino liner'],
    features: ['Waterproof insert', 'Touchscreen fingertips', 'Wrist leash', 'Grippy palm'],
    words: ['gloves', 'mitts', 'mittens'],
    uses: ['winter', 'hiking'], shape: 'glove', season: 'winter',
    brands: b('NWD', 'PKL', 'MRW'),
  },
  {
    key: 'backpacks', category: 'Backpacks', path: 'Equipment > Backpacks',
    nouns: ['Daypack', 'Hiking Backpack', 'Trekking Rucksack', 'Travel Pack'],
    counts: { women: 3, unisex: 14, kids: 1 },
    sizes: {},
    sizePerProduct: ['20L', '25L', '30L', '35L', '40L', '50L', '65L'],
    sizeDomain: 'none', price: [35, 220], colours: ['Black', 'Navy', 'Forest Green', 'Grey', 'Orange', 'Red', 'Teal', 'Olive'], colourCount: [2, 3],
    materials: ['recycled nylon 210D', 'waxed canvas', 'ripstop nylon 420D'],
    features: ['Ventilated mesh back panel', 'Integrated rain cover', 'Hip belt pockets', 'Hydration sleeve', 'Adjustable back length', 'Trekking pole loops'],
    words: ['backpack', 'rucksack', 'daypack', 'pack', 'bag'],
    uses: ['hiking', 'travel', 'backpacking', 'camping'], shape: 'pack',
    brands: b('KST', 'NWD', 'PKL', 'ULO'),
  },
  {
    key: 'sleeping-bags', category: 'Sleeping Bags', path: 'Equipment > Camping > Sleeping Bags',
    nouns: ['Down Sleeping Bag', 'Synthetic Sleeping Bag', 'Mummy Sleeping Bag'],
    counts: { unisex: 9, kids: 1 },
    sizes: { unisex: SIZES.bagLength, kids: ['Junior'] },
    sizeDomain: 'none', price: [55, 420], colours: ['Forest Green', 'Orange', 'Blue', 'Red', 'Grey'], colourCount: [1, 2],
    materials: ['750 fill duck down, nylon ripstop shell', 'recycled synthetic insulation'],
    features: ['Draught collar and zip baffle', 'Hood with drawcord', 'Compression stuff sack included', 'Left or right zip'],
    words: ['sleeping bag', 'bag', 'camping', 'sleep'],
    uses: ['camping', 'backpacking', 'festival'], shape: 'bag',
    brands: b('GLG', 'NWD', 'PKL'),
  },
  {
    key: 'tents', category: 'Tents', path: 'Equipment > Camping > Tents',
    nouns: ['Backpacking Tent', 'Tunnel Tent', 'Dome Tent', 'Geodesic Tent'],
    counts: { unisex: 10 },
    sizes: {},
    sizePerProduct: ['1 Person', '2 Person', '2 Person', '3 Person', '4 Person'],
    sizeDomain: 'none', price: [120, 600], colours: GEAR_COLOURS, colourCount: [1, 2],
    materials: ['silicone-coated ripstop nylon flysheet', 'polyester flysheet 3000 mm HH'],
    features: ['Pitches flysheet first in the rain', 'Two porches for kit', 'Colour-coded poles', 'Taped seams'],
    words: ['tent', 'shelter', 'camping'],
    uses: ['camping', 'backpacking', 'wild camping', 'festival'], shape: 'tent',
    brands: b('GLG', 'ULO', 'NWD', 'PKL'),
  },
  {
    key: 'sleeping-mats', category: 'Sleeping Mats', path: 'Equipment > Camping > Sleeping Mats',
    nouns: ['Self-Inflating Mat', 'Insulated Air Mat', 'Foam Sleeping Mat'],
    counts: { unisex: 6 },
    sizes: { unisex: SIZES.matLength },
    sizeDomain: 'none', price: [25, 160], colours: ['Orange', 'Blue', 'Forest Green', 'Yellow', 'Red'], colourCount: [1, 2],
    materials: ['TPU-laminated nylon', 'closed-cell foam'],
    features: ['R-value 4.2 for three seasons', 'Packs to the size of a water bottle', 'Stuff sack doubles as pump', 'Non-slip surface'],
    words: ['sleeping mat', 'mat', 'air mat', 'roll mat', 'camping mat', 'pad'],
    uses: ['camping', 'backpacking'], shape: 'mat',
    brands: b('GLG', 'PKL'),
  },
  {
    key: 'headtorches', category: 'Headtorches', path: 'Equipment > Lighting > Headtorches',
    nouns: ['Headtorch', 'Rechargeable Headtorch'],
    counts: { unisex: 6 },
    sizes: {},
    sizePerProduct: ['One Size'],
    sizeDomain: 'none', price: [20, 90], colours: ['Black', 'Orange', 'Blue', 'Red', 'Yellow'], colourCount: [1, 3],
    materials: ['polycarbonate and aluminium'],
    features: ['USB-C rechargeable', 'Red light mode to keep night vision', 'IPX4 rain-proof', 'Lock mode for your pack'],
    words: ['headtorch', 'head torch', 'headlamp', 'torch', 'light'],
    uses: ['camping', 'running', 'hiking', 'winter'], shape: 'torch',
    brands: b('LMH', 'GLG'),
  },
  {
    key: 'bottles', category: 'Water Bottles', path: 'Equipment > Hydration > Water Bottles',
    nouns: ['Insulated Bottle', 'Water Bottle', 'Vacuum Flask'],
    counts: { unisex: 6 },
    sizes: {},
    sizePerProduct: ['500ml', '750ml', '1L'],
    sizeDomain: 'none', price: [12, 40], colours: ['Black', 'Forest Green', 'Sky Blue', 'Red', 'Sand', 'Orange', 'Teal', 'White'], colourCount: [2, 5],
    materials: ['double-wall stainless steel', 'BPA-free Tritan'],
    features: ['Keeps drinks cold 24 h, hot 12 h', 'Leak-proof lid', 'Fits most bottle cages', 'Dishwasher safe'],
    words: ['bottle', 'water bottle', 'flask', 'thermos'],
    uses: ['hiking', 'running', 'travel', 'camping'], shape: 'bottle',
    brands: b('LMH', 'KST', 'FLR'),
  },
  {
    key: 'consumables', category: 'Camp Consumables', path: 'Equipment > Camping > Consumables',
    nouns: ['Gas Canister', 'Insect Repellent', 'Tech Wash', 'Waterproofing Spray', 'Boot Wax'],
    counts: { unisex: 5 },
    sizes: {},
    sizePerProduct: ['230g', '100ml', '300ml', '300ml', '100ml'],
    sizeDomain: 'none', price: [6, 14], colours: ['Blue', 'White', 'Yellow', 'Black'], colourCount: [1, 1],
    materials: ['butane/propane mix', 'plant-based formula', 'PFC-free formula', 'beeswax'],
    features: ['Fits standard screw-thread stoves', 'Keeps midges away for up to 8 hours', 'Restores water repellency', 'Nourishes and protects leather'],
    words: ['gas', 'fuel', 'midge repellent', 'insect repellent', 'wash', 'reproofer', 'wax', 'care'],
    uses: ['camping', 'hiking', 'care'], shape: 'canister', consumable: true,
    brands: b('GLG', 'LMH'),
  },
];

/** Model names: hills, glens and rivers of Scotland and the North. */
export const MODEL_NAMES = [
  'Cuillin', 'Lomond', 'Torr', 'Skye', 'Arran', 'Corrie', 'Bealach', 'Affric', 'Glencoe', 'Nevis', 'Rannoch',
  'Quiraing', 'Liathach', 'Suilven', 'Schiehallion', 'Cheviot', 'Kinder', 'Helvellyn', 'Scafell', 'Buttermere',
  'Ennerdale', 'Kentmere', 'Borrowdale', 'Pennine', 'Ochil', 'Sidlaw', 'Lammermuir', 'Pentland', 'Trossachs',
  'Morven', 'Lochnagar', 'Cairngorm', 'Braeriach', 'Macdui', 'Knoydart', 'Assynt', 'Harris', 'Lewis', 'Mull',
  'Iona', 'Jura', 'Islay', 'Tiree', 'Eigg', 'Hoy', 'Tweed', 'Tay', 'Spey', 'Dee', 'Clyde', 'Forth', 'Esk',
  'Kelvin', 'Wharfe', 'Ribble', 'Eden', 'Lune', 'Derwent', 'Storr', 'Stac', 'Fionn', 'Ardgour', 'Moidart',
  'Kintail', 'Torridon', 'Applecross', 'Fannich', 'Strathfarrar', 'Etive', 'Orchy', 'Lawers', 'Vorlich',
  'Ledi', 'Cobbler', 'Goatfell', 'Criffel', 'Merrick', 'Hebden', 'Malham', 'Edale', 'Coniston', 'Langdale',
];
export const MODEL_SUFFIXES = ['', '', '', '', ' Pro', ' Lite', ' II', ' Alpine', ' Trek', ' Active', ' Classic'];
