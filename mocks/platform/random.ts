/**
 * A seeded source of random numbers, so an injected latency profile gives the same
 * sequence of delays and errors on every run. Mulberry32: 32 bits of state, fast,
 * statistically fine for simulated delays; never use it for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample by the Box-Muller transform (one of its pair is dropped). */
export function standardNormal(random: () => number): number {
  const u = 1 - random(); // in (0, 1], so the logarithm stays finite
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
