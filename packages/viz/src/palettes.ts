/**
 * The outcome of a run, as the runner records it. Plots colour outcomes with {@link outcomeColors}.
 */
export type Outcome =
  | 'converged'
  | 'max-iter'
  | 'diverged'
  | 'stalled'
  | 'non-finite'
  | 'stopped'
  | 'error'
  | 'timeout';

/**
 * The outcomes in legend order.
 *
 * @example
 * ```ts
 * outcomes.map((o) => outcomeColors[o]);
 * ```
 */
export const outcomes: readonly Outcome[] = [
  'converged',
  'max-iter',
  'stalled',
  'diverged',
  'non-finite',
  'stopped',
  'timeout',
  'error',
];

/**
 * Okabe–Ito colours in the order used for series and runs: safe for the common colour-vision
 * deficiencies, and readable on light and dark backgrounds (black is left out; grey closes the cycle).
 *
 * @example
 * ```ts
 * linePlot({ series: [{ name: 'a', x, y, color: okabeIto[1] }] });
 * ```
 */
export const okabeIto: readonly string[] = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#999999',
];

/**
 * The fixed colour of each outcome (Okabe–Ito): green converged, orange max-iter, vermillion diverged,
 * purple non-finite, so that every report reads the same way.
 *
 * @example
 * ```ts
 * outcomeColors.diverged; // '#D55E00'
 * ```
 */
export const outcomeColors: Readonly<Record<Outcome, string>> = {
  converged: '#009E73',
  'max-iter': '#E69F00',
  stalled: '#56B4E9',
  diverged: '#D55E00',
  'non-finite': '#CC79A7',
  stopped: '#0072B2',
  timeout: '#F0E442',
  error: '#888888',
};

/** Colours for categories that are not outcomes, after the outcome colours are used up. */
const extra = ['#332288', '#88CCEE', '#44AA99', '#117733', '#999933', '#DDCC77', '#CC6677', '#882255'];

/** Statuses that read as an outcome: `ok` (a run experiment's success) takes the colour of `converged`. */
const aliases: Readonly<Record<string, Outcome>> = { ok: 'converged' };

/**
 * A colour for each category: outcomes get their fixed colour (`ok` that of `converged`), other names
 * the next unused colour.
 *
 * @param categories - Distinct category names, in legend order.
 * @returns A map from category to colour.
 * @example
 * ```ts
 * categoryColors(['converged', 'weird']).get('converged'); // '#009E73'
 * ```
 */
export function categoryColors(categories: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const c of categories) {
    const fixed =
      (outcomeColors as Record<string, string>)[c] ??
      (Object.hasOwn(aliases, c) ? outcomeColors[aliases[c]!] : undefined);
    if (fixed) {
      out.set(c, fixed);
      used.add(fixed);
    }
  }
  const free = [...okabeIto, ...extra].filter((c) => !used.has(c));
  let k = 0;
  for (const c of categories) if (!out.has(c)) out.set(c, free[k++ % free.length]!);
  return out;
}
