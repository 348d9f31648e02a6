/**
 * Generator options, their defaults, and the command-line spelling
 * `[--out DIR] [--seed N] [--scale X] [--start YYYY-MM-DD] [--days N]
 *  [--variant311 classic|arcgis] [--variantAccidents 2019|2021] [--encoding utf8|utf8bom|cp1252]`.
 */
import { parseIsoDate } from './civil-date';
import type { Variant311 } from './format-311';
import type { VariantAccidents } from './format-accident';

export type Encoding = 'utf8' | 'utf8bom' | 'cp1252';

export interface GenerateOptions {
  readonly seed: number;
  /** Multiplies the rows per day (1 ≈ 430k 311 cases and 24k accidents a year). */
  readonly scale: number;
  /** First day of the window, `YYYY-MM-DD` (Denver local). */
  readonly start: string;
  /** Number of days in the window. */
  readonly days: number;
  readonly variant311: Variant311;
  readonly variantAccidents: VariantAccidents;
  /** Applies to both files. */
  readonly encoding: Encoding;
}

export const DEFAULT_OPTIONS: GenerateOptions = {
  seed: 1,
  scale: 1,
  start: '2025-10-01',
  days: 365,
  variant311: 'classic',
  variantAccidents: '2019',
  encoding: 'utf8',
};

export const DEFAULT_OUT_DIR = 'public/data';

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`bad --${name}: ${value} (want ${allowed.join('|')})`);
  return value as T;
}

function number(name: string, value: string, integer: boolean, min: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min) {
    throw new Error(`bad --${name}: ${value}`);
  }
  return n;
}

/** Checks options, throwing a short message on the first bad one. */
export function validateOptions(o: GenerateOptions): GenerateOptions {
  number('seed', String(o.seed), true, 0);
  number('scale', String(o.scale), false, 0);
  number('days', String(o.days), true, 1);
  parseIsoDate(o.start);
  oneOf('variant311', o.variant311, ['classic', 'arcgis']);
  oneOf('variantAccidents', o.variantAccidents, ['2019', '2021']);
  oneOf('encoding', o.encoding, ['utf8', 'utf8bom', 'cp1252']);
  return o;
}

/** Parses CLI arguments (`--name value` or `--name=value`) over the defaults. */
export function parseCliArgs(argv: readonly string[]): { out: string; options: GenerateOptions } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) values.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (i + 1 < argv.length) values.set(arg.slice(2), argv[++i]);
    else throw new Error(`missing value for ${arg}`);
  }
  const get = (name: string): string | undefined => {
    const v = values.get(name);
    values.delete(name);
    return v;
  };
  const d = DEFAULT_OPTIONS;
  const seed = get('seed');
  const scale = get('scale');
  const days = get('days');
  const v311 = get('variant311');
  const vAcc = get('variantAccidents');
  const encoding = get('encoding');
  const options: GenerateOptions = {
    seed: seed === undefined ? d.seed : number('seed', seed, true, 0),
    scale: scale === undefined ? d.scale : number('scale', scale, false, 0),
    start: get('start') ?? d.start,
    days: days === undefined ? d.days : number('days', days, true, 1),
    variant311: v311 === undefined ? d.variant311 : oneOf('variant311', v311, ['classic', 'arcgis']),
    variantAccidents: vAcc === undefined ? d.variantAccidents : oneOf('variantAccidents', vAcc, ['2019', '2021']),
    encoding: encoding === undefined ? d.encoding : oneOf('encoding', encoding, ['utf8', 'utf8bom', 'cp1252']),
  };
  const out = get('out') ?? DEFAULT_OUT_DIR;
  const unknown = [...values.keys()];
  if (unknown.length > 0) throw new Error(`unknown option: --${unknown[0]}`);
  return { out, options: validateOptions(options) };
}
