import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { parseXml } from './_xml.ts';

const outputDir = join(dirname(fileURLToPath(import.meta.url)), 'output');

/** Rounds every decimal number to 3 places, so snapshots survive last-bit floating-point noise. */
export function normalize(svg: string): string {
  return svg.replace(/\d+\.\d{4,}/g, (m) => String(Math.round(Number(m) * 1000) / 1000));
}

/**
 * Compares `svg` with `test/output/<name>.svg` (after rounding numbers to 3 decimals). A missing
 * snapshot is written (outside CI); a different one is written beside it as `<name>-changed.svg`
 * for a look in a browser, and the test fails. Also checks the SVG is well-formed XML.
 */
export function expectSnapshot(name: string, svg: string): void {
  parseXml(svg);
  const actual = `${normalize(svg)}\n`;
  const file = join(outputDir, `${name}.svg`);
  const changed = join(outputDir, `${name}-changed.svg`);
  mkdirSync(outputDir, { recursive: true });
  if (!existsSync(file)) {
    if (process.env.CI) throw new Error(`missing snapshot ${file}`);
    writeFileSync(file, actual);
    return;
  }
  const expected = readFileSync(file, 'utf8');
  if (expected === actual) {
    if (existsSync(changed)) unlinkSync(changed);
    return;
  }
  writeFileSync(changed, actual);
  expect(actual, `snapshot ${name}.svg changed: see ${name}-changed.svg`).toBe(expected);
}
