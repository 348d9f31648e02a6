/**
 * Scalar value normalizers: text, integers, ids, doubles and flags. Each returns `null` for
 * a blank value and `undefined` for a present value it cannot read (the caller counts those).
 * Character-code scans only; no regex, no parseFloat leniency.
 */

function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0;
}

/**
 * Trimmed text, or null when empty, whitespace-only or the placeholder `NULL`/`null`.
 * `N/A` and similar are kept: they are what the file says.
 */
export function normText(value: string): string | null {
  const n = value.length;
  if (n === 0) return null;
  let t = value;
  if (isSpace(value.charCodeAt(0)) || isSpace(value.charCodeAt(n - 1))) {
    t = value.trim();
    if (t.length === 0) return null;
  }
  if (t.length === 4 && (t === 'NULL' || t === 'null')) return null;
  // No-break spaces inside a value (seen in Type names) would make "A B" and "A\u00a0B" two values.
  if (t.indexOf('\u00a0') !== -1) t = t.replace(/\u00a0/g, ' ');
  return t;
}

let scanEnd = 0;
let scanStart = 0;

/** Sets scanStart/scanEnd to the trimmed bounds; returns false for blank. */
function bounds(value: string): boolean {
  let i = 0;
  let j = value.length;
  while (i < j && isSpace(value.charCodeAt(i))) i++;
  while (j > i && isSpace(value.charCodeAt(j - 1))) j--;
  scanStart = i;
  scanEnd = j;
  return i < j;
}

/**
 * Canonical decimal digits of an integer id: optional sign, leading zeros dropped, a fraction
 * of zeros allowed (`201411917.0` → `201411917`). Kept as text because ids exceed 2^53.
 */
export function normBigint(value: string): string | null | undefined {
  if (!bounds(value)) return null;
  let i = scanStart;
  const j = scanEnd;
  let negative = false;
  const c0 = value.charCodeAt(i);
  if (c0 === 45 || c0 === 43) {
    negative = c0 === 45;
    i++;
  }
  const intStart = i;
  while (i < j) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) break;
    i++;
  }
  const intEnd = i;
  if (intEnd === intStart) return undefined;
  if (i < j) {
    if (value.charCodeAt(i) !== 46) return undefined;
    for (i++; i < j; i++) if (value.charCodeAt(i) !== 48) return undefined;
  }
  let k = intStart;
  while (k < intEnd - 1 && value.charCodeAt(k) === 48) k++;
  const digitsText = k === 0 && intEnd === value.length ? value : value.slice(k, intEnd);
  if (digitsText === '0') return '0';
  return negative ? `-${digitsText}` : digitsText;
}

const INT32_MAX = 2_147_483_647;

/**
 * A 32-bit integer; accepts a zero fraction (`5.0`). `1.5`, `1e3`, `abc` and values beyond
 * the INTEGER range are invalid.
 */
export function normInt(value: string): number | null | undefined {
  if (!bounds(value)) return null;
  let i = scanStart;
  const j = scanEnd;
  let sign = 1;
  const c0 = value.charCodeAt(i);
  if (c0 === 45 || c0 === 43) {
    if (c0 === 45) sign = -1;
    i++;
  }
  const start = i;
  let n = 0;
  while (i < j) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
    i++;
  }
  if (i === start) return undefined;
  if (i < j) {
    if (value.charCodeAt(i) !== 46) return undefined;
    for (i++; i < j; i++) if (value.charCodeAt(i) !== 48) return undefined;
  }
  if (n > INT32_MAX + (sign < 0 ? 1 : 0)) return undefined;
  return sign * n + 0; // + 0 turns -0 into 0
}

/** A finite decimal number (`-104.94`, `3220315.0`, `1.5e3`); hex, `Infinity`, `1,5` invalid. */
export function normDouble(value: string): number | null | undefined {
  if (!bounds(value)) return null;
  let sawDigit = false;
  for (let i = scanStart; i < scanEnd; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) sawDigit = true;
    else if (c !== 46 && c !== 45 && c !== 43 && c !== 101 && c !== 69) return undefined;
  }
  if (!sawDigit) return undefined;
  const t = scanStart === 0 && scanEnd === value.length ? value : value.slice(scanStart, scanEnd);
  const x = Number(t);
  return Number.isFinite(x) ? x + 0 : undefined;
}

const FLAG_WORDS = new Map<string, number>([
  ['1', 1], ['y', 1], ['yes', 1], ['true', 1], ['t', 1],
  ['0', 0], ['n', 0], ['no', 0], ['false', 0], ['f', 0],
  ['1.0', 1], ['0.0', 0],
]);

/** 1 for `1`/`Y`/`yes`/`true`/`T`, 0 for `0`/`N`/`no`/`false`/`F` (any case), null for blank. */
export function normFlag(value: string): number | null | undefined {
  if (!bounds(value)) return null;
  const t = value.slice(scanStart, scanEnd).toLowerCase();
  return FLAG_WORDS.get(t);
}
