/**
 * Words for relevance: lower case, accents folded (Róisín → roisin), split on anything that is not
 * a letter or digit, Porter-stemmed (dresses → dress, bedding → bed). Shared by the catalog index
 * and the message reader so both sides of a match are cut the same way.
 */
import { stemmer } from 'stemmer';

export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function words(s: string): string[] {
  return fold(s)
    .replace(/<[^>]+>/g, ' ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const stemCache = new Map<string, string>();
export function stem(w: string): string {
  let s = stemCache.get(w);
  if (s === undefined) {
    s = w.length <= 2 || /\d/.test(w) ? w : stemmer(w);
    if (stemCache.size < 100_000) stemCache.set(w, s);
  }
  return s;
}

export function stems(s: string): string[] {
  return words(s).map(stem);
}

/** Words that carry no product meaning in a request. */
export const STOPWORDS = new Set(
  `a an the and or but if of for to in on at by with from into onto about as is are was were be been being am do does did doing have has had having
  i me my mine myself we us our ours you your yours he him his himself she her hers herself they them their theirs themselves it its itself
  this that these those there here what which who whom whose when where why how all any both each few more most other some such no nor not only
  own same so than too very can will just should would could might must shall may also please thanks thank hi hello hey looking look want wants
  wanted need needs needed like likes would get got getting gets buy buying bought something anything thing things one ones maybe perhaps
  customer customers lady gentleman man woman looking after wondering show see find have has got any some bit little really quite pretty
  nice good great lovely new old just still even now then today tomorrow week weekend year years time thats its im ive id hes shes theyre
  theyve dont doesnt didnt cant cannot wont isnt arent wasnt werent s t d ll re ve m let lets go going gonna wanna kind sort type sure ok okay
  yes yeah well much many always every everything each morning mornings day days along around next first last off away back fine wear wears wearing worn
  hate hates hated hating usually normally often sometimes wanting needing loves love liked hoping hope think thinks mind minded keen sorted okay whatever stuff`.split(
    /\s+/,
  ),
);
