import { format } from 'd3-format';
import { formatValue, px } from './_format.js';
import type { Frame } from './_frame.js';
import type { LegendItem } from './_legend.js';
import { colorAttr, dots } from './_marks.js';
import { overlapLevels } from './_overlap.js';
import { clipPolyline, encodeRuns, inside, simplify, THIN_TOLERANCE } from './_path.js';
import { dashAttr, dashOf, starPath } from './_style.js';
import { checkArray, checkNumbers, checkObject, checkSameLength, checkText, typeError } from './_validate.js';
import { escapeHtml as esc } from './escapeHtml.js';
import { okabeIto } from './palettes.js';
import type { Minimum, Trajectory } from './types.js';

const thousands = format(',');
const FAILED = new Set(['diverged', 'non-finite', 'error', 'timeout']);
/** Up to this many trajectories get a halo under their line (it doubles the path data). */
const HALO_MAX = 50;

export function checkTrajectories(name: string, ts: unknown): asserts ts is Trajectory[] | undefined {
  if (ts === undefined) return;
  checkArray(name, ts);
  ts.forEach((t, i) => {
    checkObject(`${name}[${i}]`, t);
    checkNumbers(`${name}[${i}].x`, t.x);
    checkNumbers(`${name}[${i}].y`, t.y);
    checkSameLength(`${name}[${i}].y`, t.y as ArrayLike<number>, 'x', t.x as ArrayLike<number>);
    checkText(`${name}[${i}].name`, t.name);
    checkText(`${name}[${i}].status`, t.status);
    checkText(`${name}[${i}].color`, t.color);
  });
}

const colorOf = (t: Trajectory, i: number): string => colorAttr(t.color ?? okabeIto[i % okabeIto.length]!);

export function checkMinima(name: string, ms: unknown): asserts ms is Minimum[] | undefined {
  if (ms === undefined) return;
  checkArray(name, ms);
  ms.forEach((m, i) => {
    checkObject(`${name}[${i}]`, m);
    if (typeof m.x !== 'number') throw typeError(`${name}[${i}].x`, m.x, 'expected a number');
    if (typeof m.y !== 'number') throw typeError(`${name}[${i}].y`, m.y, 'expected a number');
    checkText(`${name}[${i}].label`, m.label);
  });
}

/** Stars at the known minima (drawn under the trajectories, so that an end dot sits in its star). */
export function minimaMarks(ms: readonly Minimum[], fr: Frame): string {
  let s = '';
  for (const m of ms) {
    const cx = fr.x.project(m.x);
    const cy = fr.y.project(m.y);
    if (!(Number.isFinite(cx) && Number.isFinite(cy) && inside(cx, cy, fr.rect, 0.5))) continue;
    const tip = m.label ?? `minimum (${formatValue(m.x)}, ${formatValue(m.y)})`;
    s += `<path d="${starPath(cx, cy, 8)}"><title>${esc(tip)}</title></path>`;
  }
  return s
    ? `<g class="minima" fill="currentColor" style="stroke:var(--viz-bg,#fff)" stroke-width="1.5" stroke-linejoin="round">${s}</g>`
    : '';
}
const nameOf = (t: Trajectory, i: number): string => t.name ?? `run ${i + 1}`;

/** Above this many runs, the legend lists no run (their colours only cycle) but says how many there are. */
const LEGEND_RUNS = 12;

/** Legend entries: the key of start/end markers (first, so that it always fits), then one per run. */
export function trajectoryLegend(ts: readonly Trajectory[], minima = 0): LegendItem[] {
  const mins: LegendItem[] =
    minima > 0 ? [{ label: minima > 1 ? 'minima' : 'minimum', color: 'currentColor', shape: 'star' }] : [];
  if (ts.length === 0) return mins;
  const keys: LegendItem[] = [
    { label: 'start', color: 'currentColor', shape: 'ring' },
    { label: 'end', color: 'currentColor', shape: 'dot' },
    ...mins,
  ];
  if (ts.some((t) => FAILED.has(t.status ?? '')))
    keys.push({ label: 'failed', color: 'currentColor', shape: 'cross' });
  if (ts.length > LEGEND_RUNS) {
    const counts = new Map<string, number>();
    for (const t of ts) if (t.status) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
    const by = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
    const runs = `${thousands(ts.length)} runs`;
    const tooltip = `${runs}, one colour each${by ? `: ${by}` : ''}`;
    return [...keys, { label: runs, color: 'currentColor', shape: 'path', tooltip }];
  }
  const runs: LegendItem[] = ts.map((t, i) => {
    const item: LegendItem = {
      label: `${nameOf(t, i)}${t.status && t.status !== 'converged' ? ` (${t.status})` : ''}`,
      color: colorOf(t, i),
      shape: 'path',
      key: `t${i}`,
    };
    if (dashOf(i)) item.dash = dashOf(i);
    return item;
  });
  return [...keys, ...runs];
}

/** Index of the first (dir 1) or last (dir −1) point with both coordinates finite, or −1. */
function finiteEnd(t: Trajectory, dir: 1 | -1): number {
  const n = t.x.length;
  for (let k = dir === 1 ? 0 : n - 1; k >= 0 && k < n; k += dir) {
    if (Number.isFinite(t.x[k]) && Number.isFinite(t.y[k])) return k;
  }
  return -1;
}

/**
 * Trajectories as lines (with a halo when few), dots at every point (when `points`, default: ≤ 5,000
 * points in all), a ring at the start and a dot (× for a failed run) at the end.
 */
export function trajectoryMarks(ts: readonly Trajectory[], fr: Frame, points: boolean | undefined): string {
  const { x, y, rect } = fr;
  const total = ts.reduce((n, t) => n + t.x.length, 0);
  const showPoints = points ?? total <= 5000;
  const tooltips = total <= 400;
  const many = ts.length > HALO_MAX;
  // Three layers, so that no run's line hides another run's dots or markers.
  let lines = '';
  let pts = '';
  let ends = '';
  const runsOf = (t: Trajectory): number[][] =>
    clipPolyline(t.x, t.y, x.project, y.project, rect).map((r) => simplify(r, THIN_TOLERANCE));
  // Overlaps are looked for among few runs only; many runs are drawn thin and translucent instead.
  const pixelRuns = many ? undefined : ts.map(runsOf);
  const shifts = pixelRuns ? overlapShifts(pixelRuns) : undefined;
  ts.forEach((t, i) => {
    const color = colorOf(t, i);
    const name = nameOf(t, i);
    const d = encodeRuns(pixelRuns ? pixelRuns[i]! : runsOf(t));
    const status = t.status ? ` (${t.status})` : '';
    const first = finiteEnd(t, 1);
    const last = finiteEnd(t, -1);
    const at = (k: number): string => `(${formatValue(t.x[k]!)}, ${formatValue(t.y[k]!)})`;
    const tip =
      first >= 0
        ? `${name}${status}: ${t.x.length} points, ${at(first)} → ${at(last)}`
        : `${name}${status}: no finite point`;
    // A run lying on an earlier one is shifted by a few pixels across its direction, so both show.
    const shift = shifts?.[i];
    const move = shift ? ` transform="translate(${px(shift[0])},${px(shift[1])})"` : '';
    const dash = ts.length <= LEGEND_RUNS ? dashAttr(dashOf(i)) : '';
    if (d) {
      lines += `<g class="trajectory" data-run="${i}" data-key="t${i}"${move}><title>${esc(tip)}</title>`;
      if (!many)
        lines += `<path d="${d}" style="stroke:var(--viz-bg,#fff)" stroke-width="3.5" stroke-opacity="0.7"/>`;
      lines += `<path d="${d}" stroke="${color}" stroke-width="${many ? 1 : 1.75}"${many ? ' stroke-opacity="0.6"' : ''}${dash}/></g>`;
    }
    if (showPoints) {
      const tipOf = (k: number): string => `${name}, step ${k}: ${at(k)}`;
      const g = dots(t.x, t.y, x, y, rect, { color, r: 2.5, halo: !many, tip: tipOf }, tooltips);
      pts += g.replace('class="dots"', `class="dots" data-run="${i}" data-key="t${i}"${move}`);
    }
    if (first >= 0) {
      // Many runs get small markers without halo or tooltip, so that the field stays visible.
      const r = many ? 2 : 4.5;
      const sx = x.project(t.x[first]!);
      const sy = y.project(t.y[first]!);
      if (inside(sx, sy, rect, 0.5)) {
        const tipS = many ? '' : `<title>${esc(`${name}: start ${at(first)}`)}</title>`;
        ends += `<circle class="start" data-run="${i}" data-key="t${i}" cx="${px(sx)}" cy="${px(sy)}" r="${r}" style="fill:var(--viz-bg,#fff)" stroke="${color}" stroke-width="${many ? 1 : 2}">${tipS}</circle>`;
      }
      const ex = x.project(t.x[last]!) + (shift?.[0] ?? 0);
      const ey = y.project(t.y[last]!) + (shift?.[1] ?? 0);
      if (inside(ex, ey, rect, 0.5)) {
        const tipE = many ? '' : `<title>${esc(`${name}: end ${at(last)}${status}`)}</title>`;
        const c = r - 0.5;
        ends += FAILED.has(t.status ?? '')
          ? `<path class="end" data-run="${i}" data-key="t${i}" d="M${px(ex - c)},${px(ey - c)}l${2 * c},${2 * c}m0,${-2 * c}l${-2 * c},${2 * c}" stroke="${color}" stroke-width="${many ? 1.5 : 2.5}">${tipE}</path>`
          : `<circle class="end" data-run="${i}" data-key="t${i}" cx="${px(ex)}" cy="${px(ey)}" r="${r}" fill="${color}"${many ? '' : ' style="stroke:var(--viz-bg,#fff)" stroke-width="1.5"'}>${tipE}</circle>`;
      }
    }
  });
  return `<g class="trajectories" fill="none" stroke-linejoin="round" stroke-linecap="round">${lines}${pts}${ends}</g>`;
}

/** Pixels a run at overlap level `L` (1, 2, …) is shifted by: +3, −3, +6, −6, … across its direction. */
const SHIFT = 3;

/**
 * Shifts for runs that mostly lie on an earlier one (more than half of the shorter one's cells shared):
 * each gets the lowest level that no run it overlaps has, and level `L` moves it `±3⌈L/2⌉` px
 * perpendicular to its overall direction (start to farthest point). Level 0 stays in place.
 */
export function overlapShifts(runs: readonly number[][][]): ([number, number] | undefined)[] {
  const levels = overlapLevels(runs);
  return runs.map((r, i) => {
    const level = levels[i]!;
    if (level === 0) return undefined;
    const pts = r.find((run) => run.length >= 2);
    if (!pts) return undefined;
    const [x0, y0] = [pts[0]!, pts[1]!];
    let far = 0;
    let dx = 1;
    let dy = -1;
    for (const run of r) {
      for (let k = 0; k + 1 < run.length; k += 2) {
        const d = Math.hypot(run[k]! - x0, run[k + 1]! - y0);
        if (d > far) [far, dx, dy] = [d, run[k]! - x0, run[k + 1]! - y0];
      }
    }
    const len = Math.hypot(dx, dy);
    const side = level % 2 === 1 ? 1 : -1;
    const amount = side * SHIFT * Math.ceil(level / 2);
    return [(-dy / len) * amount, (dx / len) * amount];
  });
}
