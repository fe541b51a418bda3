import { probe } from '@numcomp/core';
export const probe2 = (x: number): number => probe(x) + 1;
