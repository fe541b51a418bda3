/**
 * The note a plot of this package leaves in its SVG's `<desc class="note">`, e.g. how many lines of
 * how many a {@link parallelCoordinates} plot draws: ready for a caption.
 *
 * @param svg - An SVG string returned by a plot of this package.
 * @returns The note's text, or undefined when the plot has none.
 * @example
 * ```ts
 * const svg = parallelCoordinates({ dimensions, color: status, colorLabel: 'outcome' });
 * htmlReport({ title, sections: [{ title: 'Runs', plots: [{ svg, caption: svgNote(svg) }] }] });
 * // caption: "2,000 of 1,000,000 lines drawn, chosen evenly within each outcome; …"
 * ```
 */
export function svgNote(svg: string): string | undefined {
  const m = /<desc class="note">([^<]*)<\/desc>/.exec(svg);
  if (!m) return undefined;
  return m[1]!
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
