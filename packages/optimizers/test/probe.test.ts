import { expect, test } from 'vitest';
import { probe2 } from '../src/index.ts';

test('probe2', () => {
  expect(probe2(2)).toBe(5);
});
