/**
 * `a[i] += v` for the recommender's dense arrays, with the bounds check noUncheckedIndexedAccess asks for: a typed
 * array reads `undefined` past its end and silently drops the write, which would turn a bad index into NaN scores
 * far from its cause; here it fails at once, naming the index.
 */
export function addAt(
  a: Float64Array | Float32Array | Int32Array | Uint32Array | number[],
  i: number,
  v: number,
): void {
  const current = a[i];
  if (current === undefined) throw new RangeError(`index ${i} is outside an array of length ${a.length}`);
  a[i] = current + v;
}
