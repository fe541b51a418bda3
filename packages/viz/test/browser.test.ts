// Opens the demo report in Debian's headless Chromium (driven by playwright-core, never `playwright
// install`): every SVG has a non-empty box, nothing is logged as an error, no request leaves file://,
// and screenshots land in test-output/ for a person to look at.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoReport, XSS } from './_demo.ts';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  const why = `${CHROMIUM} not found (install Debian's chromium: apt-get install -y chromium)`;
  // In CI a missing browser is a failure, never a silent skip (.ci/run installs it).
  if (process.env.CI) throw new Error(`browser test cannot run in CI: ${why}`);
  console.warn(`browser test skipped: ${why}`);
}

/** The SVG path methods used to find a point on a line (this package type-checks without the DOM library). */
interface SvgPath {
  getTotalLength(): number;
  getPointAtLength(d: number): { x: number; y: number };
  getScreenCTM(): { a: number; b: number; c: number; d: number; e: number; f: number };
}

/** The browser globals the page functions use (this package type-checks without the DOM library). */
interface BrowserGlobals {
  getComputedStyle(el: unknown): { fill: string };
  DOMParser: new () => {
    parseFromString(text: string, type: string): { querySelector(s: string): { textContent: string } | null };
  };
}

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '../test-output');
const outputSvgs = join(here, 'output');

describe.skipIf(!available)(`report in headless Chromium (${CHROMIUM})`, () => {
  let home: string;
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>>;
  const file = join(outDir, 'browser-report.html');

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(file, demoReport().html);
    home = mkdtempSync(join(tmpdir(), 'numcomp-viz-chromium-'));
    context = await chromium.launchPersistentContext(join(home, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      env: { ...process.env, HOME: home },
      viewport: { width: 1280, height: 900 },
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`the report renders in ${scheme} mode: SVGs with boxes, no console error, no network request`, async () => {
      const page = await context.newPage();
      const errors: string[] = [];
      const offline: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        offline.push(url);
        return route.abort();
      });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const boxes = await page.$$eval('svg.numcomp-viz', (svgs) =>
        svgs.map((s) => {
          const r = s.getBoundingClientRect();
          return { w: r.width, h: r.height, cls: s.getAttribute('class') };
        }),
      );
      expect(boxes.length).toBeGreaterThanOrEqual(12);
      for (const b of boxes) {
        expect(b.w, b.cls ?? '').toBeGreaterThan(50);
        expect(b.h, b.cls ?? '').toBeGreaterThan(50);
      }
      // The XSS string is text, not an element.
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('h1').textContent()).toContain(XSS);
      // Axis text follows the page colour (currentColor), so it stays readable in dark mode.
      const ink = await page.$eval(
        'svg.numcomp-viz .tick-labels text',
        (t) => (globalThis as unknown as BrowserGlobals).getComputedStyle(t).fill,
      );
      expect(ink).toBe(scheme === 'dark' ? 'rgb(227, 229, 232)' : 'rgb(27, 31, 36)');
      await page.screenshot({
        path: join(outDir, scheme === 'light' ? 'report.png' : 'report-dark.png'),
        fullPage: true,
      });
      expect(errors).toEqual([]);
      expect(offline).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('with its script: a column header sorts, the filter box filters, legend items hide their series (and parallel lines), hover reads values; no error, no request', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    const offline: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      offline.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    // Sort the Rosenbrock table by its last column (final f), ascending then descending.
    const table = page.locator('section#s5-rosenbrock table');
    const column = async (k: number): Promise<number[]> =>
      (await table
        .locator(`tbody tr td:nth-child(${k})`)
        .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-v'))))) as number[];
    const header = table.locator('thead th').nth(5);
    await header.click();
    const up = await column(6);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await header.click();
    const down = await column(6);
    expect(down).toEqual([...up].reverse());

    // The filter box keeps the rows that contain its text.
    const filter = page.locator('section#s5-rosenbrock input.table-filter');
    await filter.fill('diverged');
    const visible = await table.locator('tbody tr:not([hidden])').allTextContents();
    expect(visible.length).toBeGreaterThan(0);
    for (const r of visible) expect(r).toContain('diverged');
    await filter.fill('');

    // Clicking a legend entry hides its series, clicking again shows it.
    const plot = page.locator('svg.line-plot').first();
    const item = plot.locator('.legend-item[data-key="s1"]');
    const series = plot.locator('g.series[data-key="s1"]');
    expect(await series.isVisible()).toBe(true);
    await item.click();
    expect(await series.isVisible()).toBe(false);
    expect(await item.getAttribute('aria-pressed')).toBe('false');
    await item.click();
    expect(await series.isVisible()).toBe(true);

    // Hover: the nearest point of a line; a cell of the raster heatmap (its colour read back).
    const box = (await plot.locator('g.series[data-key="s0"] path').first().boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tip = page.locator('.viz-tip');
    await page.mouse.move(box.x + box.width - 1, box.y + 1);
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toMatch(/^f\(x\) = 0\.01x² \+ 0\.1x: x = [\d.]+, y = [\d.]+$/);
    const raster = page.locator('svg.heatmap image.cells').first();
    await raster.scrollIntoViewIfNeeded();
    const rb = (await raster.boundingBox())!;
    await page.mouse.move(rb.x + rb.width * 0.98, rb.y + rb.height / 2);
    await page.waitForTimeout(200);
    await page.mouse.move(rb.x + rb.width * 0.98 + 1, rb.y + rb.height / 2);
    expect(await tip.textContent()).toMatch(/^lr [\d.]+, x₀ [−\d.]+: diverged$/);
    await page.screenshot({ path: join(outDir, 'report-interactive.png'), fullPage: false });

    // Parallel coordinates: a legend entry hides its outcome's lines and density shade, and shows them again.
    const parallel = page.locator('svg.parallel-plot', { hasText: '20,000 runs, thinned' });
    await parallel.scrollIntoViewIfNeeded();
    const entry = parallel.locator('.legend-item', { hasText: 'max-iter' });
    const key = (await entry.getAttribute('data-key'))!;
    const lines = parallel.locator(`g.lines g[data-key="${key}"]`);
    const shade = parallel.locator(`g.density rect[data-key="${key}"]`);
    const others = parallel.locator(`g.lines g[data-key]:not([data-key="${key}"])`);
    expect(await lines.locator('path').count()).toBeGreaterThan(100);
    expect(await lines.isVisible()).toBe(true);
    expect(await shade.isVisible()).toBe(true);
    await entry.click();
    expect(await lines.isVisible()).toBe(false);
    expect(await shade.isVisible()).toBe(false);
    expect(await others.first().isVisible()).toBe(true);
    await page.screenshot({ path: join(outDir, 'report-parallel-toggled.png'), fullPage: false });
    await entry.click();
    expect(await lines.isVisible()).toBe(true);
    expect(await shade.isVisible()).toBe(true);
    // Hovering a line reads its values: a point a third along the last line drawn (on top).
    const at = await parallel
      .locator('g.lines g[data-key] path')
      .last()
      .evaluate((el) => {
        const path = el as unknown as SvgPath;
        const p = path.getPointAtLength(path.getTotalLength() / 3);
        const m = path.getScreenCTM();
        return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
      });
    await page.mouse.move(at.x, at.y);
    expect(await tip.textContent()).toMatch(
      /^lr [\d.e−]+, momentum [\d.]+, method [a-z-]+, final f .+; outcome [a-z-]+$/,
    );

    expect(errors).toEqual([]);
    expect(offline).toEqual([]);
    await page.close();
  }, 60_000);

  it('Chromium parses every snapshot SVG as XML', async () => {
    const page = await context.newPage();
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(outputSvgs).filter((f) => f.endsWith('.svg') && !f.endsWith('-changed.svg'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const svg = readFileSync(join(outputSvgs, f), 'utf8');
      const error = await page.evaluate((text) => {
        const doc = new (globalThis as unknown as BrowserGlobals).DOMParser().parseFromString(
          text,
          'image/svg+xml',
        );
        return doc.querySelector('parsererror')?.textContent ?? null;
      }, svg);
      expect(error, f).toBeNull();
    }
    await page.close();
  }, 60_000);
});
