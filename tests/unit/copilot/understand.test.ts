/**
 * How the copilot reads what an associate types: budgets (ceilings said as negations, ranges,
 * "around", words and currencies), sizes said the way people say them, colours wanted and ruled
 * out, and who it is for. Each case is a phrase from a shop floor, not a keyword list.
 */
import { describe, expect, it } from 'vitest';
import { readMessage, readBudget, digitise } from '../../../src-main/copilot/understand';
import { colourVocabulary } from '../../../src-main/copilot/colours';
import { sizeFacets, sizeMatches } from '../../../src-main/copilot/sizes';

const vocab = {
  colourWords: colourVocabulary(['Ink', 'Claret', 'Oatmeal', 'Sage']),
  namedSizes: ['super king', 'bath sheet', 'king', 'double'],
  known: () => true,
};
const read = (m: string) => readMessage(m, vocab);

describe('budgets', () => {
  it.each([
    ["won't go above €90", null, 9000],
    ["doesn't want to spend more than 60", null, 6000],
    ['nothing over 50', null, 5000],
    ["we can't go over €250", null, 25000],
    ["Doesn't want to go past €80.", null, 8000],
    ['50 tops', null, 5000],
    ['€35 each at the most', null, 3500],
    ['and not too dear, 60 at most', null, 6000],
    ['under a tenner', null, 1000],
    ['a hundred quid max', null, 10000],
    ['somewhere between 60 and 100 euro', 6000, 10000],
    ['around the 80 euro mark', 6000, 9200],
    ['over €100', 10000, null],
  ])('"%s" → %s..%s', (text, min, max) => {
    const b = read(text).budget;
    expect([b.min, b.max]).toEqual([min, max]);
  });

  it('a size, an age group or a measurement is not money', () => {
    expect(read('size 12 dress').budget.max).toBeNull();
    expect(read('a ball for an under-10s team').budget.max).toBeNull();
    expect(read('28cm frying pan').budget.max).toBeNull();
    expect(readBudget('a 2 pack of socks').max).toBeNull();
  });
});

describe('sizes said as people say them', () => {
  it('number words and halves', () => {
    expect(digitise('fifteen and a half collar')).toBe('15.5 collar');
    expect(read('He takes a 42 and a half').sizes).toMatchObject([{ value: 42.5 }]);
    expect(read('Shirt for my husband, fifteen and a half collar').sizes).toMatchObject([
      { value: 15.5, unit: 'collar' },
    ]);
  });

  it('waist and leg, chest, age, named sizes, letters, measurements', () => {
    expect(read('34 waist 32 leg jeans for him').sizes).toMatchObject([
      { value: 34, unit: 'waist' },
      { value: 32, unit: 'leg' },
    ]);
    expect(read("he's a 40 chest").sizes).toMatchObject([{ value: 40, unit: 'chest' }]);
    expect(read("her daughter, she's 9").sizes).toMatchObject([{ value: 9, unit: 'age' }]);
    expect(read('a swimsuit for a girl of 11').sizes).toMatchObject([{ value: 11, unit: 'age' }]);
    expect(read('King size fitted sheet').sizes).toMatchObject([{ named: 'king' }]);
    expect(read('Two bath sheets').sizes).toMatchObject([{ named: 'bath sheet' }]);
    expect(read("she's a medium").sizes).toMatchObject([{ letter: 'M' }]);
    expect(read('base layer for her, M').sizes).toMatchObject([{ letter: 'M' }]);
    expect(read('a 10 or 12').sizes.map((s) => s.value)).toEqual([10, 12]);
    expect(read('47 in European sizes').sizes).toMatchObject([{ value: 47, unit: 'eu' }]);
    expect(read('a yoga mat at least 5mm thick').sizes).toMatchObject([{ value: 5, unit: 'mm', atLeast: true }]);
    expect(read('750ml bottle').sizes).toMatchObject([{ value: 0.75, unit: 'litres' }]);
    expect(read('a large pot').sizes).toEqual([]);
    expect(read("starting couch to 5k, she's a 7").sizes.map((x) => x.value)).toEqual([7]);
    expect(read("he's a 13 in kids' sizes").sizes).toMatchObject([{ value: 13, unit: 'uk' }]);
  });

  it('matches a catalog size read with its product', () => {
    const shirt = sizeFacets('15.5', { text: 'menswear shirts formal shirts' });
    expect(
      sizeMatches(shirt, [{ text: '15.5 collar', value: 15.5, unit: 'collar' }], { women: false, kids: false }),
    ).toBe('fits');
    const boot = sizeFacets('42.5', { text: 'footwear men boots' });
    expect(sizeMatches(boot, [{ text: 'a 42.5', value: 42.5 }], { women: false, kids: false })).toBe('fits');
    // UK 9 is EU 43, half a size from 42.5: shoe boxes round it either way
    expect(sizeMatches(boot, [{ text: 'UK 9', value: 9, unit: 'uk' }], { women: false, kids: false })).toBe('fits');
    expect(sizeMatches(boot, [{ text: 'UK 7', value: 7, unit: 'uk' }], { women: false, kids: false })).toBe('other');
    const kids = sizeFacets('9-10Y', { text: 'kidswear girls knitwear', kids: true });
    expect(sizeMatches(kids, [{ text: "she's 9", value: 9, unit: 'age' }], { women: true, kids: true })).toBe('fits');
    const jeans = sizeFacets('34W 32L', { text: 'menswear jeans' });
    expect(
      sizeMatches(
        jeans,
        [
          { text: '34 waist', value: 34, unit: 'waist' },
          { text: '30 leg', value: 30, unit: 'leg' },
        ],
        { women: false, kids: false },
      ),
    ).toBe('other');
    const helmet = sizeFacets('M 55-59cm', { text: 'cycling helmets' });
    expect(sizeMatches(helmet, [{ text: '57cm', value: 57, unit: 'cm' }], { women: false, kids: false })).toBe('fits');
    const dress = sizeFacets('12', { text: 'womenswear dresses' });
    expect(sizeMatches(dress, [{ text: 'medium', letter: 'M' }], { women: true, kids: false })).toBe('fits');
  });
});

describe('colours and words ruled out', () => {
  it('negations rule out, a list after a negation stays ruled out', () => {
    const r = read('Navy dress for a christening - definitely not black');
    expect(r.colours.map((c) => c.text.trim())).toEqual(['navy']);
    expect(r.excludeColours.map((c) => c.text.trim())).toEqual(['black']);
    expect(read('any colour except grey').excludeColours.map((c) => c.text.trim())).toEqual(['grey']);
    expect(
      read('A jumper for her, size S, anything but black or grey').excludeColours.map((c) => c.text.trim()),
    ).toEqual(['black', 'grey']);
    expect(read('nothin too bright').excludeColours[0]).toMatchObject({ kind: 'bright' });
    expect(read('towels in a dark colour').colours[0]).toMatchObject({ kind: 'dark' });
    expect(read('leggins XS blk').colours.map((c) => c.text.trim())).toEqual(['black']);
  });

  it('fit words ruled out', () => {
    expect(read('32 leg, and not skinny - he hates them tight').excludeWords).toEqual(
      expect.arrayContaining(['skinny', 'slim']),
    );
  });
});

describe('who it is for, and what they already have', () => {
  it('a named relation beats pronouns; an age makes a child', () => {
    expect(read("Her son's off to college").person.gender).toBe('men');
    expect(read('Scarf for his mam').person.gender).toBe('women');
    expect(read("Something warm for my son, he's 10").person).toMatchObject({
      gender: 'men',
      kids: true,
      ageYears: 10,
    });
    expect(read('Jumper for herself').person).toMatchObject({ gender: 'women', kids: false });
    expect(read("What about for her sister, she's a 40?").person.other).toBe(true);
  });

  it('a purchase made and "goes with"', () => {
    const r = read("He's bought the navy suit for his brother's wedding, what would go with it?");
    expect(r.owned).toBe('navy suit');
    expect(read("She's just bought the sage dome kettle. Anything else in that colour?").matchOwnedColour).toBe(true);
  });

  it('a message in words it cannot read is marked unreadable, not read as a new request', () => {
    const catalogKnows = (w: string) => ['kettle', 'jacket'].includes(w);
    expect(readMessage('ça va, merci beaucoup', { ...vocab, known: catalogKnows }).unreadable).toBe(true);
    expect(readMessage('a kettle please', { ...vocab, known: catalogKnows }).unreadable).toBe(false);
    expect(readMessage('something warmer', { ...vocab, known: catalogKnows }).unreadable).toBe(false);
  });
});
