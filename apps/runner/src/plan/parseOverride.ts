import { invalid } from '../errors.js';
import { linspace } from '../experiment/linspace.js';
import { logspace } from '../experiment/logspace.js';
import { pointsGrid, pointsGridData } from '../experiment/pointsGrid.js';
import { randomPoints, randomPointsData } from '../experiment/randomPoints.js';
import type { Json, PackedValues } from '../types.js';
import { PACK_ROWS, unpack } from './values.js';

/** A parsed `key=value` argument: the key and the list of values it takes. */
export interface Override {
  readonly key: string;
  /** The values, in order (for a packed override, made when first read). */
  readonly values: readonly Json[];
  /**
   * The values as numbers, when the override is one `pointsGrid` or `randomPoints` call of at least
   * `PACK_ROWS` points: the planner keeps them so (see `values.ts`) and never makes the arrays.
   */
  readonly packed?: PackedValues;
  /** Whether the packed points are known to differ from each other (a grid of distinct coordinates). */
  readonly distinct?: boolean;
}

/** How many values an override gives (without making a packed override's arrays). */
export function overrideCount(o: Override): number {
  return o.packed === undefined ? o.values.length : o.packed.rows;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The generators an override may call, with their arity. */
const CALLS: Record<string, { readonly arity: readonly number[]; readonly usage: string }> = {
  linspace: { arity: [3], usage: 'linspace(start, stop, n)' },
  logspace: { arity: [3, 4], usage: 'logspace(start, stop, n[, base])' },
  pointsGrid: { arity: [2], usage: 'pointsGrid([[lo, hi], ...], n)' },
  randomPoints: { arity: [2, 3], usage: 'randomPoints([[lo, hi], ...], n[, seed])' },
};

/**
 * Parses one Hydra-style multirun override. The value is a comma-separated list of items; an item is
 * a number, a word (`gradient-descent`, `true`, `null`), a quoted string, a JSON-like array
 * (`[-3,4]`), or a generator call expanded in place: `linspace(a,b,n)`, `logspace(a,b,n[,base])`,
 * `pointsGrid([[lo,hi],...],n)`, `randomPoints([[lo,hi],...],n[,seed])`.
 *
 * @param arg - `key=value`, e.g. `lr=logspace(-3,0,30)`, `lr=0.01,0.1,1`, `x0=[-3,4]`.
 * @returns The key and its values, in order.
 * @throws RunnerError `E_OVERRIDE` naming the key and the text for any malformed override.
 * @example
 * ```ts
 * parseOverride('lr=0.01,0.1,1'); // { key: 'lr', values: [0.01, 0.1, 1] }
 * parseOverride('x0=[-3,4]');     // { key: 'x0', values: [[-3, 4]] }
 * ```
 */
export function parseOverride(arg: string): Override {
  const eq = arg.indexOf('=');
  if (eq < 0) throw invalid('E_OVERRIDE', 'override', arg, 'expected key=value');
  const key = arg.slice(0, eq).trim();
  const text = arg.slice(eq + 1);
  if (!KEY.test(key)) throw invalid('E_OVERRIDE', 'override key', key, 'expected a name such as lr or x0');
  const p = new Parser(key, text);
  const packed = p.packedCall();
  if (packed !== undefined) return packedOverride(key, packed);
  const values = p.list();
  if (values.length === 0)
    throw invalid('E_OVERRIDE', `override ${key}`, text, 'expected at least one value');
  return { key, values };
}

/**
 * Parses every override; a key given twice is an error.
 *
 * @param args - `key=value` arguments.
 * @returns The overrides in the order given.
 * @throws RunnerError `E_OVERRIDE`.
 * @example
 * ```ts
 * parseOverrides(['lr=logspace(-3,0,3)', 'maxIter=1']);
 * // [{ key: 'lr', values: [0.001, 0.0316…, 1] }, { key: 'maxIter', values: [1] }]
 * ```
 */
export function parseOverrides(args: readonly string[]): Override[] {
  const out: Override[] = [];
  for (const a of args) {
    const o = parseOverride(a);
    if (out.some((x) => x.key === o.key))
      throw invalid('E_OVERRIDE', `override ${o.key}`, a, 'key given twice');
    out.push(o);
  }
  return out;
}

/** An override of packed points; its `values` are made from them if something asks. */
function packedOverride(key: string, packed: PackedValues & { readonly distinct?: boolean }): Override {
  const { dim, rows, data } = packed;
  let values: Json[] | undefined;
  return {
    key,
    get values(): readonly Json[] {
      values ??= unpack(packed);
      return values;
    },
    packed: { dim, rows, data },
    distinct: packed.distinct ?? false,
  };
}

/** The generators whose points an override keeps as numbers. */
const PACKED_CALLS: ReadonlySet<string> = new Set(['pointsGrid', 'randomPoints']);

class Parser {
  private i = 0;
  constructor(
    private readonly key: string,
    private readonly s: string,
  ) {}

  list(): Json[] {
    const out: Json[] = [];
    this.ws();
    if (this.i >= this.s.length) return out;
    for (;;) {
      this.item(out);
      this.ws();
      if (this.i >= this.s.length) return out;
      this.expect(',');
    }
  }

  private fail(why: string): never {
    throw invalid('E_OVERRIDE', `override ${this.key}`, this.s, `${why} at position ${this.i}`);
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private expect(c: string): void {
    this.ws();
    if (this.s[this.i] !== c) this.fail(`expected "${c}"`);
    this.i++;
  }

  /**
   * The points of the whole value when it is one `pointsGrid` or `randomPoints` call making at least
   * `PACK_ROWS` of them, as numbers; otherwise undefined, and nothing is consumed.
   */
  packedCall(): (PackedValues & { readonly distinct?: boolean }) | undefined {
    this.ws();
    const call = this.callHead();
    if (call === undefined || !PACKED_CALLS.has(call.name)) {
      this.i = 0;
      return undefined;
    }
    this.ws();
    if (this.i < this.s.length) {
      this.i = 0;
      return undefined;
    }
    const [a, b, c] = call.args as [never, never, never];
    const points = this.guard(call.name, () =>
      call.name === 'pointsGrid' ? pointsGridData(a, b) : randomPointsData(a, b, c),
    );
    this.i = 0;
    return points.rows >= PACK_ROWS ? points : undefined;
  }

  /** A generator call's name and arguments, if one starts here (a known name, of its arity). */
  private callHead(): { name: string; args: Json[] } | undefined {
    const m = /^[A-Za-z_][A-Za-z0-9_]*\(/.exec(this.s.slice(this.i));
    if (!m) return undefined;
    const name = m[0].slice(0, -1);
    this.i += m[0].length;
    const args: Json[] = [];
    this.ws();
    if (this.s[this.i] !== ')') {
      for (;;) {
        args.push(this.value());
        this.ws();
        if (this.s[this.i] === ')') break;
        this.expect(',');
      }
    }
    this.i++;
    const spec = CALLS[name];
    if (spec === undefined) {
      throw invalid(
        'E_OVERRIDE',
        `override ${this.key}`,
        this.s,
        `unknown function ${name}(); use ${Object.keys(CALLS).join(', ')}`,
      );
    }
    if (!spec.arity.includes(args.length)) {
      throw invalid('E_OVERRIDE', `override ${this.key}`, this.s, `expected ${spec.usage}`);
    }
    return { name, args };
  }

  /** One top-level item, pushed onto `out` (a generator call pushes each value it makes). */
  private item(out: Json[]): void {
    this.ws();
    const call = this.callHead();
    if (call === undefined) {
      out.push(this.value());
      return;
    }
    const [a, b, c, d] = call.args as [never, never, never, never];
    const values = this.guard(call.name, (): Json[] => {
      switch (call.name) {
        case 'linspace':
          return linspace(a, b, c);
        case 'logspace':
          return logspace(a, b, c, d);
        case 'pointsGrid':
          return pointsGrid(a, b);
        default:
          return randomPoints(a, b, c);
      }
    });
    // One at a time: spreading 10⁵ values into push() overflows the call stack.
    for (const v of values) out.push(v);
  }

  /** Runs a generator; what it throws becomes `E_OVERRIDE` naming the override and the generator's usage. */
  private guard<T>(name: string, make: () => T): T {
    try {
      return make();
    } catch (e) {
      throw invalid(
        'E_OVERRIDE',
        `override ${this.key}`,
        this.s,
        `${CALLS[name]!.usage}: ${(e as Error).message}`,
      );
    }
  }

  /** A number, word, quoted string or array. */
  private value(): Json {
    this.ws();
    const c = this.s[this.i];
    if (c === undefined) this.fail('expected a value');
    if (c === '[') {
      this.i++;
      const arr: Json[] = [];
      this.ws();
      if (this.s[this.i] === ']') {
        this.i++;
        return arr;
      }
      for (;;) {
        arr.push(this.value());
        this.ws();
        if (this.s[this.i] === ']') {
          this.i++;
          return arr;
        }
        this.expect(',');
      }
    }
    if (c === '"' || c === "'") {
      const end = this.s.indexOf(c, this.i + 1);
      if (end < 0) this.fail('unterminated string');
      const str = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      return str;
    }
    const num = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?(?![A-Za-z0-9_.-])/.exec(this.s.slice(this.i));
    if (num) {
      this.i += num[0].length;
      return Number(num[0]);
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(this.s.slice(this.i));
    if (word) {
      this.i += word[0].length;
      if (word[0] === 'true') return true;
      if (word[0] === 'false') return false;
      if (word[0] === 'null') return null;
      return word[0];
    }
    return this.fail('expected a number, a word, a quoted string or [ ... ]');
  }
}
