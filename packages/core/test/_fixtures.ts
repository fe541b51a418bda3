/** Reads a JSON fixture, turning the strings "NaN", "Infinity" and "-Infinity" back into numbers. */
import { readFileSync } from 'node:fs';

export function fixture<T>(name: string): T {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  return JSON.parse(text, (_k, v) =>
    v === 'NaN' ? Number.NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v,
  ) as T;
}
