/**
 * Date/time parsing for every format the Denver files use, with a single left-to-right scan
 * (no regex, no Date string parsing). Results are Denver wall-clock ms (see denver-time).
 *
 * Accepted (surrounding spaces ignored):
 * - `M/d/yyyy`, `MM/dd/yyyy`, `M/d/yy`, each optionally followed by a time;
 * - `yyyy-MM-dd` or `yyyy/MM/dd`, optionally followed by ` ` or `T` and a time;
 * - time: `H:mm`, `H:mm:ss`, optional fraction (`.000001`, truncated to ms), optional
 *   `AM`/`PM` (any case); after an ISO date also `Z` or `±hh[:mm]`, which mark an instant
 *   that is converted to Denver time;
 * - epoch milliseconds: 11–13 digits (optionally `.0`), a UTC instant converted to Denver time.
 * Two-digit years: 00–69 → 2000s, 70–99 → 1900s. Years outside 1900–2100 are invalid.
 */
import { daysInMonth, denverWallClockFromUtc, wallClockMs } from './denver-time';

/** Wall-clock ms; `null` for a blank value; `undefined` for a value that is not a date. */
export type ParsedDateTime = number | null | undefined;

// Scanner state shared by the helpers below (module-level to avoid per-call allocations).
let str = '';
let pos = 0;
let end = 0;
let digits = 0;

/** Reads an unsigned decimal run at `pos`; sets `digits` to its length (0 when none). */
function readInt(): number {
  let value = 0;
  const start = pos;
  while (pos < end) {
    const c = str.charCodeAt(pos);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    pos++;
  }
  digits = pos - start;
  return value;
}

function at(c: number): boolean {
  if (pos < end && str.charCodeAt(pos) === c) {
    pos++;
    return true;
  }
  return false;
}

function skipSpaces(): number {
  const start = pos;
  while (pos < end && str.charCodeAt(pos) === 32) pos++;
  return pos - start;
}

/**
 * Parses the time part at `pos` (after the date) through the end of the string and returns the
 * result for the given date, or undefined. `iso` allows a trailing zone designator.
 */
function finishTime(y: number, mo: number, d: number, iso: boolean): ParsedDateTime {
  const hour = readInt();
  if (digits < 1 || digits > 2 || !at(58 /* : */)) return undefined;
  const minute = readInt();
  if (digits !== 2 || minute > 59) return undefined;
  let second = 0;
  let ms = 0;
  if (at(58)) {
    second = readInt();
    if (digits !== 2 || second > 59) return undefined;
    if (at(46 /* . */)) {
      const fracStart = pos;
      readInt();
      if (pos === fracStart) return undefined;
      // Keep milliseconds only: the first three fraction digits.
      for (let k = 0; k < 3; k++) {
        const c = fracStart + k < pos ? str.charCodeAt(fracStart + k) - 48 : 0;
        ms = ms * 10 + c;
      }
    }
  }
  let h = hour;
  const spaced = skipSpaces();
  if (pos < end) {
    const c = str.charCodeAt(pos) | 0x20; // lower-case ASCII letters
    if ((c === 97 /* a */ || c === 112 /* p */) && pos + 1 < end && (str.charCodeAt(pos + 1) | 0x20) === 109 /* m */) {
      if (hour > 12) return undefined;
      if (c === 97) h = hour === 12 ? 0 : hour;
      else h = hour === 12 ? 12 : hour + 12;
      pos += 2;
      skipSpaces();
    } else if (iso && spaced === 0) {
      return finishZone(wallClockMs(y, mo, d, hour, minute, second, ms), hour);
    }
  }
  if (pos !== end || h > 23) return undefined;
  return wallClockMs(y, mo, d, h, minute, second, ms);
}

/** Parses `Z` / `±hh[:mm]` at `pos`; the wall time given is in that zone. */
function finishZone(wall: number, hour: number): ParsedDateTime {
  if (hour > 23) return undefined;
  const c = str.charCodeAt(pos);
  let offsetMin = 0;
  if (c === 90 || c === 122 /* Z z */) {
    pos++;
  } else if (c === 43 || c === 45 /* + - */) {
    pos++;
    const sign = c === 45 ? -1 : 1;
    const hh = readInt();
    let mm = 0;
    if (digits === 4) {
      mm = hh % 100;
      offsetMin = sign * (Math.floor(hh / 100) * 60 + mm);
    } else {
      if (digits !== 2) return undefined;
      if (at(58)) {
        mm = readInt();
        if (digits !== 2) return undefined;
      }
      offsetMin = sign * (hh * 60 + mm);
    }
    if (hh > 2359 || mm > 59) return undefined;
  } else {
    return undefined;
  }
  if (pos !== end) return undefined;
  return denverWallClockFromUtc(wall - offsetMin * 60_000);
}

function validDate(y: number, mo: number, d: number): boolean {
  return y >= 1900 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Date part done at `pos`: either the end, or a separator and a time. */
function afterDate(y: number, mo: number, d: number, iso: boolean): ParsedDateTime {
  if (!validDate(y, mo, d)) return undefined;
  if (pos === end) return wallClockMs(y, mo, d, 0, 0, 0, 0);
  const sep = str.charCodeAt(pos);
  if (iso && (sep === 84 || sep === 116) /* T t */) pos++;
  else if (skipSpaces() === 0) return undefined;
  return finishTime(y, mo, d, iso);
}

/**
 * Parses one date/time value to Denver wall-clock ms.
 * @returns ms, `null` when blank (empty or spaces), `undefined` when not a date/time.
 */
export function parseDateTime(value: string): ParsedDateTime {
  str = value;
  pos = 0;
  end = value.length;
  while (pos < end && value.charCodeAt(pos) <= 32) pos++;
  while (end > pos && value.charCodeAt(end - 1) <= 32) end--;
  if (pos === end) return null;

  const first = readInt();
  const len1 = digits;
  if (len1 === 0) return undefined;
  if (pos === end || (str.charCodeAt(pos) === 46 && len1 >= 11)) {
    if (len1 < 11 || len1 > 13) return undefined;
    if (at(46)) {
      readInt();
      for (let k = pos - digits; k < pos; k++) if (str.charCodeAt(k) !== 48) return undefined;
      if (pos !== end) return undefined;
    }
    return denverWallClockFromUtc(first);
  }
  const sep = str.charCodeAt(pos);
  if (len1 === 4 && (sep === 45 || sep === 47) /* - / */) {
    pos++;
    const mo = readInt();
    if (digits < 1 || digits > 2 || !at(sep)) return undefined;
    const d = readInt();
    if (digits < 1 || digits > 2) return undefined;
    return afterDate(first, mo, d, true);
  }
  if (sep === 47 && len1 <= 2) {
    pos++;
    const d = readInt();
    if (digits < 1 || digits > 2 || !at(47)) return undefined;
    let y = readInt();
    if (digits === 2) y += y < 70 ? 2000 : 1900;
    else if (digits !== 4) return undefined;
    return afterDate(y, first, d, false);
  }
  return undefined;
}
