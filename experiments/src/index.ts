// The default suite, one module per experiment (the runner loads them from dist at run time; this
// index only lets other code import the definitions by name).
export { default as canyon } from './canyon.js';
export { default as conditioning } from './conditioning.js';
export { default as constrained } from './constrained.js';
export { default as criticalPoints } from './critical-points.js';
export { default as curvature } from './curvature.js';
export { default as finiteDifferenceStep } from './finite-difference-step.js';
export { default as gradientDescent1d } from './gradient-descent-1d.js';
export { default as gradientField } from './gradient-field.js';
export { default as learningRate } from './learning-rate.js';
export { default as leastSquares } from './least-squares.js';
export { default as lineSearch } from './line-search.js';
export { default as lipschitzConvexity } from './lipschitz-convexity.js';
export { default as localMinima } from './local-minima.js';
export { default as optimizers } from './optimizers.js';
export { default as overflowUnderflow } from './overflow-underflow.js';
export { default as saddlePoints } from './saddle-points.js';
export { default as tangentLine } from './tangent-line.js';
