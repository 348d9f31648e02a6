/**
 * What an exported chart says about itself: the report's title and a subtitle naming the
 * filters and choices it was drawn under, so a PNG or SVG taken out of the app still reads
 * right. Pure: no DOM.
 */
import type { TopLevelSpec } from 'vega-lite';
import { resolveNeighborhood } from '../domain/neighborhoods';
import type { Filters } from './filters';
import { DATASET_LABELS } from './messages';
import type { Params, ParamDef } from './types';

/** At most this many values of one list filter are named; the rest are counted. */
const MAX_NAMED = 4;

function named(values: readonly string[], one: string, many: string): string {
  const shown = values.slice(0, MAX_NAMED).join(', ');
  const more = values.length - MAX_NAMED;
  return `${values.length === 1 ? one : many}: ${shown}${more > 0 ? ` and ${more} more` : ''}`;
}

/** The active filters in words, e.g. "2025-06-01 to 2025-08-31 · Neighborhood: Five Points". */
export function filtersCaption(f: Filters): string {
  const parts: string[] = [];
  if (f.from && f.to) parts.push(`${f.from} to ${f.to}`);
  else if (f.from) parts.push(`from ${f.from}`);
  else if (f.to) parts.push(`until ${f.to}`);
  else parts.push('all dates');
  if (f.datasets.length) parts.push(f.datasets.map((d) => DATASET_LABELS[d]).join(', '));
  if (f.neighborhoods.length) {
    const names = f.neighborhoods.map((slug) => resolveNeighborhood(slug)?.name ?? slug);
    parts.push(named(names, 'Neighborhood', 'Neighborhoods'));
  } else parts.push('all neighborhoods');
  if (f.types.length) parts.push(named(f.types, 'Type', 'Types'));
  if (f.sources.length) parts.push(named(f.sources, 'Source', 'Sources'));
  return parts.join(' · ');
}

/** The report's own choices in words ("Group by: Type · Show: Share"), or ''. */
export function paramsCaption(defs: readonly ParamDef[], params: Params): string {
  return defs
    .map((p) => {
      const v = params[p.key] ?? p.default;
      return `${p.label}: ${p.options.find((o) => o.value === v)?.label ?? v}`;
    })
    .join(' · ');
}

/** A copy of `spec` with a title and subtitle lines above the chart, on white, for export. */
export function titledSpec(spec: TopLevelSpec, title: string, subtitle: readonly string[]): TopLevelSpec {
  const lines = subtitle.filter((line) => line !== '');
  return {
    ...spec,
    background: 'white',
    title: { text: title, subtitle: lines, anchor: 'start', fontSize: 14, subtitleFontSize: 11, subtitleColor: '#555', offset: 10 },
  } as TopLevelSpec;
}
