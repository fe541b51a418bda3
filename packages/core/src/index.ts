export type { Matrix, MatrixLike } from './_matrix.js';
export { fromRows, isMatrix, toRows } from './_matrix.js';
