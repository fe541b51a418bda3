export type { Matrix, MatrixLike } from './_matrix.js';
export { fromRows, isMatrix, toRows } from './_matrix.js';
export type { Minimum, TestFunction } from './testFunctions/_types.js';
// Argument validation shared by the numcomp packages: errors read `invalid <name>: <value>`.
export { checkFinite, checkFunction, checkVector, rangeError, show, typeError } from './_validate.js';
