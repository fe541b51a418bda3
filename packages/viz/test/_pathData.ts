/** One subpath of an SVG path: its absolute points, and whether it ends with `z`. */
export interface Subpath {
  points: [number, number][];
  closed: boolean;
}

/** Decodes the path data this package writes (M m L l H h V v Z z, implicit repeats) to absolute points. */
export function decodePath(d: string): Subpath[] {
  const tokens = d.match(/[MmLlHhVvZz]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const out: Subpath[] = [];
  let cur: Subpath | undefined;
  let x = 0;
  let y = 0;
  let cmd = '';
  let i = 0;
  const num = (): number => {
    const t = tokens[i++];
    if (t === undefined || !/^[-.\d]/.test(t))
      throw new Error(`expected a number at token ${i - 1} in ${d.slice(0, 80)}`);
    return Number(t);
  };
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (/^[A-Za-z]$/.test(t)) {
      cmd = t;
      i++;
      if (cmd === 'z' || cmd === 'Z') {
        if (cur) {
          cur.closed = true;
          [x, y] = cur.points[0]!;
        }
        continue;
      }
    }
    switch (cmd) {
      case 'M':
      case 'm': {
        const a = num();
        const b = num();
        [x, y] = cmd === 'M' ? [a, b] : [x + a, y + b];
        cur = { points: [[x, y]], closed: false };
        out.push(cur);
        cmd = cmd === 'M' ? 'L' : 'l';
        break;
      }
      case 'L':
      case 'l': {
        const a = num();
        const b = num();
        [x, y] = cmd === 'L' ? [a, b] : [x + a, y + b];
        cur!.points.push([x, y]);
        break;
      }
      case 'H':
      case 'h':
        x = cmd === 'H' ? num() : x + num();
        cur!.points.push([x, y]);
        break;
      case 'V':
      case 'v':
        y = cmd === 'V' ? num() : y + num();
        cur!.points.push([x, y]);
        break;
      default:
        throw new Error(`unexpected token ${t} in ${d.slice(0, 80)}`);
    }
  }
  return out;
}
