/**
 * Content similarity from product text and attributes (TF-IDF cosine over title/brand/category/tags
 * words). Needs no purchase history, so it serves cold start and "more like this".
 */
import type { TrainData } from '../protocol/baskets';
import type { Strategy } from './strategy';
import { addAt } from '../protocol/add-at';

const STOP = new Set(['the', 'and', 'of', 'for', 'with', 'in', 'a', 'an', 'set', 'to', 'on']);

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w));
}

export interface ContentIndex {
  /** item → sparse unit vector over terms */
  ptr: Int32Array;
  term: Int32Array;
  weight: Float32Array;
  /** term → items (inverted index) */
  postPtr: Int32Array;
  postItem: Int32Array;
  postWeight: Float32Array;
}

export function buildContentIndex(texts: string[]): ContentIndex {
  const vocab = new Map<string, number>();
  const docs = texts.map((t) => {
    const tf = new Map<number, number>();
    for (const w of tokenize(t)) {
      let id = vocab.get(w);
      if (id === undefined) vocab.set(w, (id = vocab.size));
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    return tf;
  });
  const df = new Float64Array(vocab.size);
  for (const d of docs) for (const t of d.keys()) addAt(df, t, 1);
  const N = texts.length;
  const ptr = new Int32Array(N + 1);
  const term: number[] = [];
  const weight: number[] = [];
  docs.forEach((d, i) => {
    const entries = [...d].map(([t, c]) => [t, (1 + Math.log(c)) * Math.log((N + 1) / (df[t]! + 1))] as const);
    const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0)) || 1;
    for (const [t, w] of entries.sort((a, b) => a[0] - b[0])) {
      term.push(t);
      weight.push(w / norm);
    }
    ptr[i + 1] = term.length;
  });
  const postPtr = new Int32Array(vocab.size + 1);
  for (const t of term) addAt(postPtr, t + 1, 1);
  for (let t = 0; t < vocab.size; t++) addAt(postPtr, t + 1, postPtr[t]!);
  const fill = postPtr.slice(0, vocab.size);
  const postItem = new Int32Array(term.length);
  const postWeight = new Float32Array(term.length);
  for (let i = 0; i < N; i++)
    for (let p = ptr[i]!; p < ptr[i + 1]!; p++) {
      const q = fill[term[p]!]!++;
      postItem[q] = i;
      postWeight[q] = weight[p]!;
    }
  return { ptr, term: Int32Array.from(term), weight: Float32Array.from(weight), postPtr, postItem, postWeight };
}

/** Adds weight × cosine(item, every other item) to out. */
export function addSimilar(ix: ContentIndex, item: number, w: number, out: Float64Array): void {
  for (let p = ix.ptr[item]!; p < ix.ptr[item + 1]!; p++) {
    const t = ix.term[p]!;
    const a = ix.weight[p]! * w;
    for (let q = ix.postPtr[t]!; q < ix.postPtr[t + 1]!; q++) addAt(out, ix.postItem[q]!, a * ix.postWeight[q]!);
  }
}

/** `textOf(code)` gives an item's text (title, brand, category, tags); unknown items score 0. */
export function contentSimilarity(textOf: (code: string) => string): Strategy & { index(): ContentIndex } {
  let d: TrainData;
  let ix: ContentIndex;
  const scoreItems = (items: ArrayLike<number>, out: Float64Array) => {
    out.fill(0);
    for (let t = 0; t < items.length; t++) addSimilar(ix, items[t]!, 1, out);
    for (let t = 0; t < items.length; t++) out[items[t]!] = 0;
  };
  return {
    name: 'content',
    fit(data) {
      d = data;
      ix = buildContentIndex(d.items.map(textOf));
    },
    scoreUser(u, out) {
      out.fill(0);
      for (let p = d.xPtr[u]!; p < d.xPtr[u + 1]!; p++) addSimilar(ix, d.xIdx[p]!, d.xVal[p]!, out);
    },
    scoreItems,
    index: () => ix,
  };
}
