// Ids for `<defs>` (patterns, masks) that stay unique when several plots share one HTML page, yet
// deterministic: a plot writes `@@id@@` and the finished SVG replaces it with a hash of its own text.

const PLACEHOLDER = /@@id@@/g;

/** The placeholder a plot writes where its unique id prefix goes. */
export const ID = '@@id@@';

/** FNV-1a (32 bit) of `s`, in base 36. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Replaces every `@@id@@` in `svg` by `v` plus a hash of the SVG (the same SVG gets the same ids). */
export function resolveIds(svg: string): string {
  if (!svg.includes('@@id@@')) return svg;
  return svg.replace(PLACEHOLDER, `v${fnv1a(svg)}`);
}
