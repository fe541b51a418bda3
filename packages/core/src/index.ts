export const probe = (x: number): number => x * 2;
