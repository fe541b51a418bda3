// One command-line parser and one help style for `pnpm sweep` and `pnpm sweep:worker`: each command
// declares its flags once (name, value, help line, check), and gets parsing with did-you-mean
// suggestions and a help text in the same layout.
import { parseArgs } from 'node:util';
import { didYouMean } from '@numcomp/core';
import { RunnerError } from '../errors.js';

/** A flag of a command. */
export interface Flag {
  /** Name without dashes: `threads` for `--threads`. */
  readonly name: string;
  /** A value placeholder (`N`, `DIR`), or undefined for a boolean flag. */
  readonly value?: string;
  /** One short alias letter (`h` for `--help`). */
  readonly short?: string;
  /** Help text; lines after the first are indented under it. */
  readonly help: string;
}

/** A command: its usage line, what it does, examples, flags and exit codes. */
export interface Command {
  readonly usage: string;
  readonly summary: string;
  /** Example command lines with a comment each, quoted so that they paste into bash and zsh. */
  readonly examples: readonly (readonly [string, string])[];
  /** Extra sections (title, lines), e.g. the override grammar. */
  readonly sections?: readonly (readonly [string, readonly string[]])[];
  readonly flags: readonly Flag[];
  readonly exits: string;
}

/** Parsed arguments: flag values by name, and the positionals. */
export interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * Parses `argv` against a command's flags. An unknown flag is an `E_USAGE` error that suggests the
 * nearest one (`--thread` → `--threads`); a flag that needs a value and has none says so.
 *
 * @param command - The command.
 * @param argv - The arguments (without node and the script).
 * @returns The values and positionals.
 * @throws RunnerError `E_USAGE`.
 */
export function parseCommand(command: Command, argv: readonly string[]): Parsed {
  const names = command.flags.map((f) => f.name);
  for (const a of argv) {
    if (!a.startsWith('--') || a === '--') continue;
    const name = a.slice(2).split('=')[0]!;
    if (names.includes(name)) continue;
    const near = didYouMean(name, names);
    throw new RunnerError(
      'E_USAGE',
      `unknown option --${name}${near ? `; did you mean --${near}?` : ''} (see --help)`,
      { path: `--${name}`, value: a },
    );
  }
  // `--timeout -5`: a value that looks like a negative number is the flag's value (node:util would
  // take it for an option and call the flag ambiguous); the flag's own check then says what is wrong.
  const valued = new Set(command.flags.filter((f) => f.value !== undefined).map((f) => `--${f.name}`));
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (valued.has(a) && next !== undefined && /^-[\d.]/.test(next)) {
      args.push(`${a}=${next}`);
      i++;
    } else args.push(a);
  }
  try {
    const r = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        command.flags.map((f) => [
          f.name,
          {
            type: f.value === undefined ? ('boolean' as const) : ('string' as const),
            ...(f.short ? { short: f.short } : {}),
          },
        ]),
      ),
    });
    return { values: r.values, positionals: r.positionals };
  } catch (e) {
    // node:util's messages, without its quoting of the argument list.
    const m = (e as Error).message.replace(/ '-- "[^"]*"'/g, '');
    throw new RunnerError('E_USAGE', `${m} (see --help)`);
  }
}

/**
 * A flag's value as an integer in `[min, max]`, or undefined when not given.
 *
 * @throws RunnerError `E_USAGE` naming the flag.
 */
export function intFlag(
  parsed: Parsed,
  name: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
  why = '',
): number | undefined {
  const v = parsed.values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(typeof v === 'string' && v.trim() !== '' && Number.isInteger(n) && n >= min && n <= max)) {
    const range =
      max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new RunnerError('E_USAGE', `invalid --${name}: ${JSON.stringify(v)} (expected ${range}${why})`, {
      path: `--${name}`,
      value: v,
    });
  }
  return n;
}

/** The help text of a command. */
export function helpText(command: Command): string {
  const out: string[] = [`Usage: ${command.usage}`, '', command.summary, ''];
  if (command.examples.length > 0) {
    out.push('Examples:');
    const w = Math.max(...command.examples.map(([c]) => c.length));
    for (const [c, what] of command.examples) out.push(`  ${c.padEnd(w)}   # ${what}`);
    out.push('');
  }
  for (const [title, lines] of command.sections ?? [])
    out.push(`${title}:`, ...lines.map((l) => `  ${l}`), '');
  out.push('Options:');
  const heads = command.flags.map(
    (f) => `--${f.name}${f.value ? ` ${f.value}` : ''}${f.short ? `, -${f.short}` : ''}`,
  );
  const w = Math.max(...heads.map((h) => h.length));
  command.flags.forEach((f, i) => {
    const [first, ...rest] = f.help.split('\n');
    out.push(`  ${heads[i]!.padEnd(w)}  ${first}`);
    for (const r of rest) out.push(`  ${''.padEnd(w)}  ${r}`);
  });
  out.push('', `Exit codes: ${command.exits}`, '');
  return out.join('\n');
}
