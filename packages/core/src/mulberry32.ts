/**
 * mulberry32 (Tommy Ettinger): a small, fast 32-bit seeded generator, uniform in [0, 1) with 2⁻³² resolution.
 * The same seed gives the same sequence on every platform, so seeded grids and random directions are
 * reproducible bit for bit.
 *
 * @param seed - Any number; its low 32 bits are the state.
 * @returns A function that returns the next draw in [0, 1).
 * @example
 * ```ts
 * const rand = mulberry32(42);
 * rand(); // 0.6011037519201636
 * ```
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
