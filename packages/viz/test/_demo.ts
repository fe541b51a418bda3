// A demo report built from the notebook's examples and a small sweep, shared by the report tests, the
// browser test and the benchmark. The numerics here are a few lines of plain gradient descent: viz
// itself computes none.
import {
  contourPlot,
  convergencePlot,
  heatmap,
  htmlReport,
  linePlot,
  plot,
  quiverPlot,
  scatterPlot,
  smallMultiples,
  type Trajectory,
} from '../src/index.ts';

export const XSS = '<img src=x onerror=alert(1)>';

const sphere = (x: number, y: number): number => x * x + y * y;
const rosenbrock = (x: number, y: number): number => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
const rosenbrockGrad = (x: number, y: number): [number, number] => [
  -2 * (1 - x) - 400 * x * (y - x * x),
  200 * (y - x * x),
];

interface Run {
  x: number[];
  y: number[];
  f: number[];
  status: 'converged' | 'max-iter' | 'diverged' | 'non-finite';
}

/** Gradient descent with the exact gradient; stops at ‖∇f‖ < tol, |x| > 1e8 or a non-finite value. */
export function descend(
  f: (x: number, y: number) => number,
  grad: (x: number, y: number) => [number, number],
  x0: [number, number],
  lr: number,
  maxIter: number,
  tol = 1e-6,
): Run {
  const run: Run = { x: [x0[0]], y: [x0[1]], f: [f(x0[0], x0[1])], status: 'max-iter' };
  let [x, y] = x0;
  for (let k = 0; k < maxIter; k++) {
    const [gx, gy] = grad(x, y);
    if (Math.hypot(gx, gy) < tol) {
      run.status = 'converged';
      break;
    }
    x -= lr * gx;
    y -= lr * gy;
    run.x.push(x);
    run.y.push(y);
    run.f.push(f(x, y));
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      run.status = 'non-finite';
      break;
    }
    if (Math.hypot(x, y) > 1e8) {
      run.status = 'diverged';
      break;
    }
  }
  return run;
}

const sphereGrad = (x: number, y: number): [number, number] => [2 * x, 2 * y];

/** The notebook's x_history: 20 iterates from (−3, 4). */
export function notebookRun(lr: number): Trajectory {
  const r = descend(sphere, sphereGrad, [-3, 4], lr, 19, 0);
  return { name: `lr = ${lr}`, x: r.x, y: r.y, status: lr === 0.1 ? 'converged' : 'max-iter' };
}

export function demoReport(): { html: string; plots: Record<string, string> } {
  const xs = Array.from({ length: 200 }, (_, i) => i / 10);
  const plots: Record<string, string> = {};
  plots.tangent = linePlot({
    title: 'function_1 and its tangent at x = 5',
    subtitle: 'numerical_diff(function_1, 5) = 0.2',
    xLabel: 'x',
    yLabel: 'f(x)',
    series: [
      { name: 'f(x) = 0.01x² + 0.1x', x: xs, y: xs.map((t) => 0.01 * t * t + 0.1 * t) },
      { name: 'tangent at 5', x: xs, y: xs.map((t) => 0.2 * t - 0.25), dashed: true },
    ],
    vLines: [{ value: 5, label: 'x = 5' }],
  });

  const field = { x: [] as number[], y: [] as number[], u: [] as number[], v: [] as number[] };
  for (let j = 0; j < 19; j++) {
    for (let i = 0; i < 19; i++) {
      const [x, y] = [-2 + 0.25 * i, -2 + 0.25 * j];
      field.x.push(x);
      field.y.push(y);
      field.u.push(-2 * x);
      field.v.push(-2 * y);
    }
  }
  plots.quiver = quiverPlot({
    title: '−∇f on [−2, 2]², step 0.25',
    ...field,
    f: sphere,
    levels: 8,
    xDomain: [-2, 2],
    yDomain: [-2, 2],
    xLabel: 'x0',
    yLabel: 'x1',
    colorLabel: 'f',
    width: 520,
    height: 480,
  });

  const lrs = [0.1, 0.01, 1.0];
  const runs = lrs.map(notebookRun);
  plots.notebook = contourPlot({
    title: 'Gradient descent from (−3, 4), 20 steps',
    f: sphere,
    xDomain: [-3.5, 3.5],
    yDomain: [-4.5, 4.5],
    xLabel: 'X0',
    yLabel: 'X1',
    colorLabel: 'f',
    axesLines: true,
    trajectories: runs,
  });
  plots.multiples = smallMultiples(
    runs.map((t) =>
      contourPlot({
        title: t.name!,
        f: sphere,
        xDomain: [-3.5, 3.5],
        yDomain: [-4.5, 4.5],
        levels: 8,
        filled: false,
        axesLines: true,
        trajectories: [t],
        width: 330,
        height: 330,
      }),
    ),
    { columns: 3, title: 'One plot per learning rate' },
  );
  plots.convergence = convergencePlot({
    title: 'f(x_k) against k',
    runs: runs.map((t, k) => ({
      name: t.name!,
      values: Array.from(t.x, (x, i) => sphere(x, t.y[i]!)),
      status: k === 0 ? 'converged' : 'max-iter',
    })),
  });

  // A sweep: 10 learning rates × 6 starts on the sphere; λmax = 2, so lr ≥ 2/λmax = 1 does not converge.
  const sweepLrs = Array.from({ length: 10 }, (_, i) => 10 ** (-3 + (Math.log10(1.2) + 3) * (i / 9)));
  const starts: [number, number][] = [
    [-3, 4],
    [1, 1],
    [0.5, -2],
    [4, 4],
    [-4, 0.1],
    [2, -3],
  ];
  const label = (s: [number, number]): string => `(${s[0]}, ${s[1]})`;
  const sweep = starts.map((s) =>
    sweepLrs.map((lr) => ({ lr, start: s, ...descend(sphere, sphereGrad, s, lr, 500) })),
  );
  plots.outcomes = heatmap({
    title: 'Outcome by learning rate and start',
    subtitle: 'sphere, 500 iterations at most, ‖∇f‖ < 1e−6',
    x: sweepLrs,
    xScale: 'log',
    y: starts.map(label),
    xLabel: 'learning rate',
    yLabel: 'start',
    categories: sweep.map((row) => row.map((r) => r.status)),
    overlays: [{ x: [1, 1], y: [-0.5, starts.length - 0.5], label: 'lr = 2/λmax' }],
  });
  plots.iterations = heatmap({
    title: 'Iterations to converge',
    x: sweepLrs,
    xScale: 'log',
    y: starts.map(label),
    xLabel: 'learning rate',
    yLabel: 'start',
    colorLabel: 'iterations',
    values: sweep.map((row) => row.map((r) => (r.status === 'converged' ? r.x.length - 1 : null))),
  });
  // A fine grid of outcomes (150 × 150 = 22,500 cells): drawn as one embedded PNG.
  const fineLr = Array.from({ length: 150 }, (_, i) => 10 ** (-3 + (3.5 * i) / 149));
  const fineX0 = Array.from({ length: 150 }, (_, j) => -4 + (8 * j) / 149);
  plots.outcomeMap = heatmap({
    title: 'Outcome over 150 × 150 runs (raster)',
    x: fineLr,
    xScale: 'log',
    y: fineX0,
    xLabel: 'lr',
    yLabel: 'x₀',
    // On x² the iteration x ← (1 − 2 lr) x converges for lr < 1; slowly (max-iter) when |1 − 2 lr|^100 |x₀| > 1e−6.
    categories: fineX0.map((x0) =>
      fineLr.map((lr) =>
        lr >= 1 ? 'diverged' : Math.abs(1 - 2 * lr) ** 100 * Math.abs(x0) > 1e-6 ? 'max-iter' : 'converged',
      ),
    ),
  });
  const flat = sweep.flat();
  plots.scatter = scatterPlot({
    title: 'Final f against learning rate',
    xScale: 'log',
    yScale: 'log',
    xLabel: 'learning rate',
    yLabel: 'final f',
    series: (['converged', 'max-iter', 'diverged'] as const).map((s) => {
      const rs = flat.filter((r) => r.status === s && r.f.at(-1)! > 0);
      return {
        name: s,
        x: rs.map((r) => r.lr),
        y: rs.map((r) => r.f.at(-1)!),
        labels: rs.map((r) => `lr ${r.lr.toPrecision(3)}, start ${label(r.start)}`),
      };
    }),
  });
  // The sweep as rows, as the runner hands them over, drawn through plot(spec).
  const sweepRows = flat.map((r) => ({
    lr: r.lr,
    start: label(r.start),
    iterations: r.x.length - 1,
    fun: r.f.at(-1)!,
    status: r.status,
  }));
  plots.parallel = plot({
    mark: 'parallel',
    title: 'The 60 runs, by outcome',
    data: sweepRows,
    dimensions: ['lr', 'start', 'iterations', 'fun'],
    stroke: 'status',
    labels: { lr: 'learning rate', fun: 'final f', status: 'outcome' },
  });
  // 20,000 runs of a made-up sweep: thinned to 2,000 lines over the density of all.
  const many = Array.from({ length: 20_000 }, (_, i) => {
    const lr = 10 ** (-4 + (4.5 * (i % 100)) / 99);
    const momentum = [0, 0.5, 0.9, 0.99][Math.floor(i / 100) % 4]!;
    const method = ['gd', 'nesterov', 'heavy-ball'][Math.floor(i / 400) % 3]!;
    const rate = Math.abs(1 - 2 * lr * (1 + momentum));
    const status =
      i % 1999 === 7 ? 'error' : rate >= 1 ? 'diverged' : rate ** 200 > 1e-6 ? 'max-iter' : 'converged';
    const fun =
      status === 'converged' ? (lr === 0.5 ? 0 : rate ** 400) : status === 'max-iter' ? rate ** 200 : null;
    return { lr, momentum, method, fun, status };
  });
  plots.parallelMany = plot({
    mark: 'parallel',
    title: '20,000 runs, thinned',
    data: many,
    dimensions: ['lr', 'momentum', 'method', 'fun'],
    stroke: 'status',
    labels: { fun: 'final f', status: 'outcome' },
  });
  // Final f over lr × κ: κ is null for the sphere (it has none), one pair was not run, and lr = 0.5
  // reaches f = 0 exactly, which a log colour scale cannot show as a colour.
  const kappaRows = [1, 10, 100, null].flatMap((kappa) =>
    [0.01, 0.1, 0.5, 0.9, 1.2].flatMap((lr) => {
      if (kappa === 100 && lr === 0.9) return [];
      const q = Math.abs(1 - 2 * lr);
      const k = kappa ?? 1;
      const status = lr >= 1 ? 'diverged' : q ** 50 > 1e-6 * k ? 'max-iter' : 'converged';
      return [
        {
          lr,
          kappa,
          fun: status === 'diverged' ? null : lr === 0.5 && kappa === null ? 0 : k * q ** 50,
          status,
        },
      ];
    }),
  );
  plots.finalF = plot({
    mark: 'cell',
    title: 'Final f over lr × κ',
    data: kappaRows,
    x: 'lr',
    y: 'kappa',
    fill: 'fun',
    status: 'status',
    labels: { kappa: 'κ', fun: 'final f' },
  });
  plots.sweepConvergence = convergencePlot({
    title: 'f(x_k) for all 60 runs',
    yLabel: 'f',
    runs: flat.map((r) => ({
      name: `lr ${r.lr.toPrecision(3)}, ${label(r.start)}`,
      values: r.f,
      status: r.status,
    })),
  });

  const rb = [
    { name: 'lr = 0.001', ...descend(rosenbrock, rosenbrockGrad, [-1.5, 2], 0.001, 3000) },
    { name: 'lr = 0.002', ...descend(rosenbrock, rosenbrockGrad, [-1.2, 1], 0.002, 3000) },
    { name: 'lr = 0.01', ...descend(rosenbrock, rosenbrockGrad, [0.5, 2.5], 0.01, 3000) },
  ];
  plots.rosenbrock = contourPlot({
    title: 'Rosenbrock: log-spaced levels show the valley',
    f: rosenbrock,
    xDomain: [-2, 2],
    yDomain: [-1, 3],
    levelScale: 'log',
    levels: 14,
    colorLabel: 'f',
    xLabel: 'x',
    yLabel: 'y',
    trajectories: rb,
  });

  const html = htmlReport({
    title: `Notebook: gradient descent — ${XSS}`,
    subtitle: 'Chapter 4 of the Deep Learning book (numerical computation), redrawn from the seed notebook.',
    meta: [
      { label: 'experiment', value: XSS },
      { label: 'runs', value: 60 },
      { label: 'generated', value: '2025-01-01' },
    ],
    sections: [
      {
        title: 'A function and its tangent',
        description:
          'The notebook draws function_1 on [0, 20) and its tangent at x = 5, from a central difference with h = 1e−4.',
        plots: [plots.tangent],
      },
      {
        title: 'The gradient field',
        description: 'Each arrow is −∇f: the direction that lowers f fastest at that point.',
        plots: [
          { svg: plots.quiver, caption: 'Arrows scaled so that the longest spans 0.9 of the grid step.' },
        ],
      },
      {
        title: 'Three learning rates',
        description:
          'lr = 0.1 converges; lr = 0.01 is too small (🙀); lr = 1.0 is too large and oscillates between (−3, 4) and (3, −4).',
        stats: [
          { label: 'converged', value: 1 },
          { label: 'max-iter', value: 2 },
        ],
        plots: [plots.notebook, plots.convergence, plots.multiples],
      },
      {
        title: 'Sweep: learning rate × start',
        plots: [
          plots.outcomes,
          plots.outcomeMap,
          plots.iterations,
          plots.scatter,
          plots.sweepConvergence,
          plots.parallel,
          plots.finalF,
          plots.parallelMany,
        ],
        table: {
          caption: 'Best configurations',
          columns: ['learning rate', 'start', 'status', 'iterations', 'final f'],
          rows: flat
            .filter((r) => r.status === 'converged')
            .sort((a, b) => a.x.length - b.x.length)
            .slice(0, 8)
            .map((r) => [r.lr, label(r.start), r.status, r.x.length - 1, r.f.at(-1)!]),
        },
      },
      {
        title: 'Rosenbrock',
        plots: [plots.rosenbrock],
        table: {
          columns: ['run', 'status', 'iterations', 'final x', 'final y', 'final f'],
          rows: rb.map((r) => [r.name, r.status, r.x.length - 1, r.x.at(-1)!, r.y.at(-1)!, r.f.at(-1)!]),
        },
      },
      {
        title: XSS,
        description: `A run named ${XSS} and a parameter "quoted" & 'single' must show as text.`,
        table: {
          columns: ['name', 'value'],
          rows: [
            [XSS, '"&\'<>'],
            ['a result that is not a number', Number.NaN],
          ],
        },
      },
    ],
    footer: `Rebuilt from results.jsonl for ${XSS}`,
  });
  return { html, plots };
}
