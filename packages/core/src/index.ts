// biome-ignore-all assist/source/organizeImports: exports are grouped by section of the chapter.
export type { Matrix, MatrixLike } from './_matrix.js';
export { fromRows, isMatrix, toRows } from './_matrix.js';
export type { Minimum, TestFunction } from './testFunctions/_types.js';
// Argument validation shared by the numcomp packages: errors read `invalid <name>: <value>`.
export type { ArgumentError, ArgumentErrorFields } from './_validate.js';
export {
  ArgumentRangeError,
  ArgumentTypeError,
  checkFinite,
  checkFunction,
  checkOptionKeys,
  checkVector,
  didYouMean,
  isArgumentError,
  rangeError,
  show,
  typeError,
} from './_validate.js';

// Overflow and underflow.
export type { Axis } from './_rowwise.js';
export type { AxisOptions, Precision, PrecisionOptions } from './_precision.js';
export { exp, FLOAT32_EXP_MAX, FLOAT32_EXP_MIN, FLOAT64_EXP_MAX, FLOAT64_EXP_MIN } from './exp.js';
export { logSigmoid } from './logSigmoid.js';
export { logSoftmax, logSoftmaxInto } from './logSoftmax.js';
export type { LogSumExpOptions, SignedLogSumExp } from './logSumExp.js';
export { logSumExp } from './logSumExp.js';
export { naiveSoftmax } from './naiveSoftmax.js';
export { sigmoid } from './sigmoid.js';
export { softmax, softmaxInto } from './softmax.js';
export { softplus } from './softplus.js';

// Conditioning.
export { cond } from './cond.js';
export { condEig } from './condEig.js';
export type { ErrorAmplification, ErrorAmplificationOptions } from './errorAmplification.js';
export { errorAmplification } from './errorAmplification.js';
export { hilbert } from './hilbert.js';
export type { NormOrder } from './matrixNorm.js';
export { mulberry32 } from './mulberry32.js';
export { matrixNorm } from './matrixNorm.js';

// Differentiation.
export type { CheckGradientOptions } from './checkGradient.js';
export { checkGradient } from './checkGradient.js';
export type { Steps } from './_steps.js';
export { Complex } from './complex.js';
export type { HessianEstimate, HessianOptions } from './hessian.js';
export { hessian, hessianWithError } from './hessian.js';
export type { JacobianEstimate, JacobianOptions } from './jacobian.js';
export { jacobian, jacobianWithError } from './jacobian.js';
export type { DiffEstimate, DiffMethod, NumericalDiffOptions } from './numericalDiff.js';
export { numericalDiff, numericalDiffWithError } from './numericalDiff.js';
export type { GradientEstimate, NumericalGradientOptions } from './numericalGradient.js';
export { numericalGradient, numericalGradientWithError } from './numericalGradient.js';
export { numericalGradientBatch } from './numericalGradientBatch.js';
export { numericalGradientInto } from './numericalGradientInto.js';
export type { TangentLine } from './tangentLine.js';
export { tangentLine } from './tangentLine.js';

// Test functions.
export { beale } from './testFunctions/beale.js';
export { booth } from './testFunctions/booth.js';
export { function1 } from './testFunctions/function1.js';
export type {
  TestFunctionFactory,
  TestFunctionName,
  TestFunctionParams,
} from './testFunctions/getTestFunction.js';
export { getTestFunction, testFunctions } from './testFunctions/getTestFunction.js';
export { goldsteinPrice } from './testFunctions/goldsteinPrice.js';
export { himmelblau } from './testFunctions/himmelblau.js';
export { illConditionedQuadratic } from './testFunctions/illConditionedQuadratic.js';
export { leastSquares } from './testFunctions/leastSquares.js';
export { mccormick } from './testFunctions/mccormick.js';
export { monkeySaddle } from './testFunctions/monkeySaddle.js';
export { plateau } from './testFunctions/plateau.js';
export { quadratic } from './testFunctions/quadratic.js';
export { rastrigin } from './testFunctions/rastrigin.js';
export { rosenbrock } from './testFunctions/rosenbrock.js';
export { saddle } from './testFunctions/saddle.js';
export { function2, sphere } from './testFunctions/sphere.js';
export { styblinskiTang } from './testFunctions/styblinskiTang.js';

// Critical points (the second-derivative test).
export type { ClassifyOptions, CriticalPointClass, CriticalPointKind } from './classifyCriticalPoint.js';
export { classifyCriticalPoint } from './classifyCriticalPoint.js';
export type { CriticalPoint, CriticalPointsOptions, CriticalPointsProblem } from './criticalPoints.js';
export { criticalPoints } from './criticalPoints.js';

// Lipschitz continuity (the step bound lr < 2/L).
export type { LipschitzEstimate } from './lipschitzEstimate.js';
export { lipschitzEstimate } from './lipschitzEstimate.js';
