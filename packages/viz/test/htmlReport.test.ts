import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlReport, reportIndex } from '../src/index.ts';
import { demoReport, XSS } from './_demo.ts';
import { expectSnapshot } from './_snapshot.ts';
import { parseXml } from './_xml.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { html, plots } = demoReport();

describe('htmlReport', () => {
  it('htmlReport(demo) writes test-output/report.html', () => {
    mkdirSync(join(here, '../test-output'), { recursive: true });
    writeFileSync(join(here, '../test-output/report.html'), html);
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });

  it('htmlReport escapes the XSS string everywhere it appears', () => {
    expect(html).not.toContain(XSS);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain(escapeHtml(XSS));
    expect(html).toContain('&quot;&amp;&#39;&lt;&gt;');
  });

  it('htmlReport has one inline script, allowed by its sha256 in the CSP, no handler attribute, no external URL', () => {
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(html.match(/<script/g)).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!, 'utf8').digest('base64');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!;
    expect(csp).toContain(`script-src 'sha256-${hash}';`);
    expect(csp).not.toContain("unsafe-inline'; script");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(html).not.toMatch(/\bon\w+=/i.source.replace('\\b', '\\s'));
    // Links within the page, and PNG images as data URIs (raster heatmaps), nothing else.
    const urls = (html.match(/\b(?:href|src)="([^"#][^"]*)"/g) ?? []).filter(
      (u) => !u.startsWith('href="data:image/png;base64,'),
    );
    expect(urls).toEqual([]);
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/@import|url\((?!#)/);
  });

  it('htmlReport({ interactive: false }) has no script and a CSP without script-src', () => {
    const plain = htmlReport({
      title: 't',
      sections: [{ title: 's', table: { columns: ['a'], rows: [[1]] } }],
      interactive: false,
    });
    expect(plain).not.toMatch(/<script/i);
    expect(plain).not.toContain('script-src');
    expect(plain).not.toContain('class="sortable"');
  });

  it('htmlReport caps a table at maxRows (default 1,000) and says how many rows were left out', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => [i, i / 7]);
    const page1 = htmlReport({
      title: 't',
      sections: [{ title: 's', table: { columns: ['i', 'x'], rows } }],
    });
    expect(page1.match(/<tr>/g)).toHaveLength(1 + 1000);
    expect(page1).toContain('Showing the first 1,000 of 2,500 rows.');
    expect(page1).toContain('data-v="0.14285714285714285"');
    const page2 = htmlReport({
      title: 't',
      sections: [{ title: 's', table: { columns: ['i', 'x'], rows, maxRows: 10 } }],
    });
    expect(page2.match(/<tr>/g)).toHaveLength(11);
    expect(page2).toContain('Showing the first 10 of 2,500 rows.');
    const few = htmlReport({
      title: 't',
      sections: [{ title: 's', table: { columns: ['i'], rows: [[1]] } }],
    });
    expect(few).not.toContain('Showing the first');
    expect(() =>
      htmlReport({ title: 't', sections: [{ title: 's', table: { columns: ['i'], rows, maxRows: -1 } }] }),
    ).toThrow('invalid sections[0].table.maxRows: -1');
  });

  it('every plot of the demo is well-formed XML without NaN', () => {
    for (const [name, svg] of Object.entries(plots)) {
      expect(() => parseXml(svg), name).not.toThrow();
      expect(svg, name).not.toContain('NaN');
      expect(svg, name).not.toContain('Infinity');
    }
    expect(html.replace(/<script>[\s\S]*<\/script>/, '')).not.toContain('NaN');
  });

  it('the demo report plots match their snapshots', () => {
    // Check them all (writing every *-changed.svg) before failing.
    const failed: string[] = [];
    for (const name of [
      'notebook',
      'multiples',
      'outcomes',
      'sweepConvergence',
      'rosenbrock',
      'parallel',
      'finalF',
    ]) {
      try {
        expectSnapshot(`demo-${name}`, plots[name]!);
      } catch {
        failed.push(`demo-${name}.svg`);
      }
    }
    expect(failed).toEqual([]);
  });

  it('htmlReport has a table of contents linking every section', () => {
    const ids = [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    const links = [...html.matchAll(/<li><a href="#([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(6);
    expect(links).toEqual(ids);
    expect(new Set(ids).size).toBe(6);
  });

  it('htmlReport rejects a plot that is not an SVG, naming it', () => {
    expect(() => htmlReport({ title: 't', sections: [{ title: 's', plots: ['<p>x</p>'] }] })).toThrow(
      /invalid sections\[0\]\.plots\[0\]: "<p>x<\/p>"/,
    );
    expect(() => htmlReport({ title: 't', sections: [{ title: 's', plots: [`${XSS}<svg>`] }] })).toThrow(
      TypeError,
    );
  });

  it('htmlReport formats numbers: integers with separators, others with 4 significant digits', () => {
    const out = htmlReport({
      title: 't',
      interactive: false,
      sections: [
        {
          title: 's',
          table: {
            columns: ['a', 'b'],
            rows: [
              [12345, 0.000123456],
              [1, 1e300],
            ],
          },
        },
      ],
    });
    expect(out).toContain('<td class="num">12,345</td><td class="num">0.0001235</td>');
    expect(out).toContain('<td class="num">1e300</td>');
  });
});

describe('reportIndex', () => {
  it('reportIndex links each experiment and neutralises javascript: links', () => {
    const out = reportIndex({
      title: 'numcomp experiments',
      entries: [
        {
          title: 'Notebook GD',
          href: 'notebook-gd/index.html',
          description: 'The seed notebook.',
          stats: [{ label: 'runs', value: 3 }],
          thumbnail: plots.outcomes,
        },
        { title: XSS, href: 'java\tscript:alert(1)' },
        { title: 'ok', href: 'https://example.org/a?b=1&c=2' },
      ],
    });
    mkdirSync(join(here, '../test-output'), { recursive: true });
    writeFileSync(join(here, '../test-output/index.html'), out);
    expect(out).toContain('<a class="card" href="notebook-gd/index.html">');
    expect(out).toContain('<a class="card" href="#">');
    expect(out).toContain('href="https://example.org/a?b=1&amp;c=2"');
    expect(out).not.toContain(XSS);
  });
});
