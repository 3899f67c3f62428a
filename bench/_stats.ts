/**
 * Order statistics for benchmark samples.
 *
 * @module
 */

/**
 * The `p`-th percentile (0..100) of `samples`, nearest-rank method.
 *
 * @throws {RangeError} when there are no samples or `p` is out of range.
 */
export function percentile(samples: ArrayLike<number>, p: number): number {
  if (samples.length === 0) {
    throw new RangeError("Cannot take a percentile: there are no samples");
  }
  if (!(p >= 0 && p <= 100)) {
    throw new RangeError(`Cannot take percentile ${p}: it must be 0..100`);
  }

  const sorted = Float64Array.from(samples).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/**
 * The median of `samples` (mean of the middle two for an even count).
 *
 * @throws {RangeError} when there are no samples.
 */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) {
    throw new RangeError("Cannot take a median: there are no samples");
  }

  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[middle];
  return (sorted[middle - 1] + sorted[middle]) / 2;
}
