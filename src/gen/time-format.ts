/**
 * The date and time spellings the real files use, from local seconds (see civil-date).
 * - 311: `MM/dd/yyyy` dates, `M/d/yyyy h:mm:ss AM` times, some zero-padded
 *   (`01/02/2019 03:34:06 PM`).
 * - Accidents: `yyyy-MM-dd HH:mm:ss`, some with microseconds (`.000001`).
 */
import { civilFromDays } from './civil-date';

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

interface Parts {
  readonly y: number;
  readonly m: number;
  readonly d: number;
  readonly h: number;
  readonly mi: number;
  readonly s: number;
}

function parts(localSec: number): Parts {
  const day = Math.floor(localSec / 86400);
  const rest = localSec - day * 86400;
  const { y, m, d } = civilFromDays(day);
  return { y, m, d, h: Math.floor(rest / 3600), mi: Math.floor((rest % 3600) / 60), s: rest % 60 };
}

/** `MM/dd/yyyy`. */
export function usDate(localSec: number): string {
  const p = parts(localSec);
  return `${pad2(p.m)}/${pad2(p.d)}/${p.y}`;
}

/** `M/d/yyyy h:mm:ss AM`, or zero-padded `MM/dd/yyyy hh:mm:ss AM` when `padded`. */
export function usDateTime(localSec: number, padded: boolean): string {
  const p = parts(localSec);
  const h12 = p.h % 12 === 0 ? 12 : p.h % 12;
  const ampm = p.h < 12 ? 'AM' : 'PM';
  const time = `${pad2(p.mi)}:${pad2(p.s)} ${ampm}`;
  return padded
    ? `${pad2(p.m)}/${pad2(p.d)}/${p.y} ${pad2(h12)}:${time}`
    : `${p.m}/${p.d}/${p.y} ${h12}:${time}`;
}

/** `yyyy-MM-dd HH:mm:ss`, with `.000001` appended when `micro`. */
export function isoDateTime(localSec: number, micro: boolean): string {
  const p = parts(localSec);
  const text = `${p.y}-${pad2(p.m)}-${pad2(p.d)} ${pad2(p.h)}:${pad2(p.mi)}:${pad2(p.s)}`;
  return micro ? `${text}.000001` : text;
}
