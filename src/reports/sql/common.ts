/** SQL fragments several report builders share. */
import { ident, str } from '../../sql/quote';
import { NO_VALUE } from '../filters';

export { hoursBetween } from '../../db/closure';

/** The label of the group collecting everything outside the top N. */
export const OTHER = 'Other';

/** `coalesce(expr, '(none)')`: missing values get a visible, filterable label. */
export function orNone(expr: string): string {
  return `coalesce(${expr}, ${str(NO_VALUE)})`;
}

/**
 * Keywords that make a 311 request type "traffic- or street-related" (case-insensitive,
 * whole words where short words would match inside others).
 */
export const STREET_KEYWORDS = [
  'street', 'traffic', 'pothole', 'road', 'signal', '\\bsigns?\\b', 'sidewalk', 'snow', '\\bice\\b', 'plow',
  'parking', 'vehicle', 'pavement', 'curb', 'alley', 'crosswalk', 'bike', 'bicycle', 'pedestrian', 'speed',
  'intersection', 'guardrail', 'median',
] as const;

/** The regular expression (RE2) built from STREET_KEYWORDS. */
export const STREET_TYPE_REGEX = STREET_KEYWORDS.join('|');

/** True when the type column names a street- or traffic-related request. */
export function streetTypeCondition(column: string): string {
  return `regexp_matches(coalesce(${column}, ''), ${str(STREET_TYPE_REGEX)}, 'i')`;
}

/** `name AS alias` for a list of [expression, alias]. */
export function selectList(items: readonly (readonly [string, string])[]): string {
  return items.map(([e, a]) => `${e} AS ${ident(a)}`).join(', ');
}
