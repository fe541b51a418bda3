// The update rules of the first-order methods, one function each, shared by the stepping API
// (`optimizer(method).update(state, grad)`) and the whole-loop methods (which add the step to x):
//
//   const st = newState(n);
//   adamUpdate(st, g, lr, beta1, beta2, eps);   // writes st.step (Δx), advances st.count and the moments
//   for (i) x[i] = x[i] + st.step[i];
//
// Nothing is allocated per call. Each rule keeps its operations in the order of the original loop, so
// x + Δx is the same double as before for gradient descent, heavy ball, AdaGrad, RMSProp and Adam.

/** The state of a first-order method: the step buffer and the method's running statistics. */
export interface UpdateState {
  /** Steps taken. */
  count: number;
  /** Δx of the last update (x ← x + step). */
  readonly step: Float64Array;
  /** Heavy ball/Nesterov velocity; RMSProp's momentum buffer. */
  readonly velocity: Float64Array;
  /** Adam's first moment; RMSProp's (centered) mean gradient. */
  readonly mean: Float64Array;
  /** Adam's second moment; RMSProp's mean square; AdaGrad's sum of squares. */
  readonly square: Float64Array;
  /** β₁ᵗ and β₂ᵗ (Adam), kept as running products. */
  p1: number;
  p2: number;
}

/** A fresh state for dimension n (all statistics zero). */
export function newState(n: number): UpdateState {
  return {
    count: 0,
    step: new Float64Array(n),
    velocity: new Float64Array(n),
    mean: new Float64Array(n),
    square: new Float64Array(n),
    p1: 1,
    p2: 1,
  };
}

/** Gradient descent: Δx = −η g. */
export function sgdUpdate(st: UpdateState, g: ArrayLike<number>, lr: number): void {
  const { step } = st;
  for (let i = 0; i < step.length; i++) step[i] = -(lr * g[i]!);
  st.count++;
}

/** Polyak's heavy ball: v ← βv − ηg, Δx = v. */
export function momentumUpdate(st: UpdateState, g: ArrayLike<number>, lr: number, beta: number): void {
  const { step, velocity: v } = st;
  for (let i = 0; i < step.length; i++) {
    const vi = beta * v[i]! - lr * g[i]!;
    v[i] = vi;
    step[i] = vi;
  }
  st.count++;
}

/** Nesterov on the look-ahead iterate (Sutskever et al. 2013): v ← βv − ηg, Δx = βv − ηg. */
export function nesterovUpdate(st: UpdateState, g: ArrayLike<number>, lr: number, beta: number): void {
  const { step, velocity: v } = st;
  for (let i = 0; i < step.length; i++) {
    const gi = lr * g[i]!;
    const vi = beta * v[i]! - gi;
    v[i] = vi;
    step[i] = beta * vi - gi;
  }
  st.count++;
}

/** AdaGrad: G ← G + g², Δx = −η g / (√G + ε). */
export function adagradUpdate(st: UpdateState, g: ArrayLike<number>, lr: number, epsilon: number): void {
  const { step, square: acc } = st;
  for (let i = 0; i < step.length; i++) {
    const gi = g[i]!;
    const a = acc[i]! + gi * gi;
    acc[i] = a;
    step[i] = -((lr * gi) / (Math.sqrt(a) + epsilon));
  }
  st.count++;
}

/**
 * RMSProp (Tieleman & Hinton 2012; momentum and centering as TensorFlow and optax): s ← ρs + (1 − ρ)g²;
 * centered: m ← ρm + (1 − ρ)g and the denominator uses s − m²; u = η g / (√(…) + ε); with momentum μ > 0:
 * b ← μb + u, Δx = −b, else Δx = −u.
 */
export function rmspropUpdate(
  st: UpdateState,
  g: ArrayLike<number>,
  lr: number,
  rho: number,
  epsilon: number,
  mu: number,
  centered: boolean,
): void {
  const { step, square: sq, mean, velocity: b } = st;
  const c = 1 - rho;
  for (let i = 0; i < step.length; i++) {
    const gi = g[i]!;
    const s = rho * sq[i]! + c * gi * gi;
    sq[i] = s;
    let den = s;
    if (centered) {
      const m = rho * mean[i]! + c * gi;
      mean[i] = m;
      den = Math.max(0, s - m * m);
    }
    const u = (lr * gi) / (Math.sqrt(den) + epsilon);
    if (mu > 0) {
      const bi = mu * b[i]! + u;
      b[i] = bi;
      step[i] = -bi;
    } else {
      step[i] = -u;
    }
  }
  st.count++;
}

/** Adam (Kingma & Ba 2015, Algorithm 1) with bias correction. */
export function adamUpdate(
  st: UpdateState,
  g: ArrayLike<number>,
  lr: number,
  beta1: number,
  beta2: number,
  epsilon: number,
): void {
  const { step, mean: m, square: v } = st;
  st.p1 *= beta1;
  st.p2 *= beta2;
  const c1 = 1 - st.p1;
  const c2 = 1 - st.p2;
  for (let i = 0; i < step.length; i++) {
    const gi = g[i]!;
    const mi = beta1 * m[i]! + (1 - beta1) * gi;
    const vi = beta2 * v[i]! + (1 - beta2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    step[i] = -((lr * (mi / c1)) / (Math.sqrt(vi / c2) + epsilon));
  }
  st.count++;
}

/** x ← x + Δx. */
export function addStep(x: Float64Array, step: Float64Array): void {
  for (let i = 0; i < x.length; i++) x[i] = x[i]! + step[i]!;
}

/** The first-order methods with an update rule (projected gradient steps as gradient descent). */
export type StepMethod = 'gradient-descent' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam';

/** The hyperparameters a rule reads (already validated). */
export interface RuleParams {
  readonly momentum: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly rho: number;
  readonly epsilon: number;
  readonly centered: boolean;
}

/** A method's update with its hyperparameters bound: `(state, g, lr)`. */
export type Rule = (st: UpdateState, g: ArrayLike<number>, lr: number) => void;

/** Binds `method`'s update rule to its hyperparameters. */
export function makeRule(method: StepMethod, p: RuleParams): Rule {
  const { momentum: beta, beta1, beta2, rho, epsilon, centered } = p;
  switch (method) {
    case 'gradient-descent':
      return sgdUpdate;
    case 'momentum':
      return (st, g, lr) => momentumUpdate(st, g, lr, beta);
    case 'nesterov':
      return (st, g, lr) => nesterovUpdate(st, g, lr, beta);
    case 'adagrad':
      return (st, g, lr) => adagradUpdate(st, g, lr, epsilon);
    case 'rmsprop':
      return (st, g, lr) => rmspropUpdate(st, g, lr, rho, epsilon, beta, centered);
    case 'adam':
      return (st, g, lr) => adamUpdate(st, g, lr, beta1, beta2, epsilon);
  }
}
