/**
 * Spec checks for report tests: validation against the Vega-Lite JSON schema (ajv), and a
 * headless render through vega (compile → View with the CSP-safe expression interpreter →
 * SVG) that reports the data marks drawn.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { rankedLabel } from '../../../src/reports/spec/ranked-colors';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
const validate = ajv.compile(schema);

/** Schema errors of a spec (empty when valid). */
export function specErrors(spec: TopLevelSpec): string[] {
  return validate(spec) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

export interface Rendered {
  svg: string;
  /** Data-mark items drawn, by mark type (axes, legends and titles excluded). */
  marks: Record<string, number>;
  warnings: string[];
}

interface SceneNode {
  marktype?: string;
  role?: string;
  items?: SceneNode[];
}

function countMarks(node: SceneNode, out: Record<string, number>): void {
  if (node.marktype && node.role === 'mark') {
    out[node.marktype] = (out[node.marktype] ?? 0) + (node.items?.length ?? 0);
  }
  for (const child of node.items ?? []) countMarks(child, out);
}

/** Compiles and renders a spec headlessly; throws on compile or runtime errors. */
export async function renderSpec(spec: TopLevelSpec, expr: unknown = expressionInterpreter): Promise<Rendered> {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    warn: (...a: unknown[]) => (warnings.push(a.join(' ')), logger),
    info: () => logger,
    debug: () => logger,
    error: (...a: unknown[]) => {
      throw new Error(a.join(' '));
    },
  };
  const vg = compile(spec, { logger: logger as never }).spec;
  // As in the page (CSP without 'unsafe-eval'): expressions as AST, run by an interpreter
  // (vega-interpreter by default; the page's own is src/ui/vega-expr.ts).
  const view = new vega.View(vega.parse(vg, {}, { ast: true }), { renderer: 'none', expr: expr as never });
  view.logger({ ...logger, level: () => logger } as never);
  await view.runAsync();
  const svg = await view.toSVG();
  const marks: Record<string, number> = {};
  countMarks((view.scenegraph() as unknown as { root: SceneNode }).root, marks);
  view.finalize();
  return { svg, marks, warnings };
}

interface ColoredNode extends SceneNode {
  fill?: string;
  stroke?: string;
  datum?: Record<string, unknown>;
}

/** Colors drawn for each value of `field`: in the data marks, and in the legends' symbols. */
export interface Colors {
  marks: Map<string, Set<string>>;
  legend: Map<string, Set<string>>;
}

function collectColors(node: ColoredNode, field: string, out: Colors, role?: string): void {
  // `role` is that of the mark holding this item; a mark's items take the mark's own role.
  // A line's legend symbol is stroked, its fill transparent.
  const color = (node.fill !== 'transparent' ? node.fill : undefined) ?? node.stroke;
  if (node.datum && color) {
    if (role === 'mark' && field in node.datum) {
      const key = String(node.datum[field]);
      out.marks.set(key, (out.marks.get(key) ?? new Set()).add(color));
    } else if (role === 'legend-symbol' && 'value' in node.datum) {
      // As the legend shows it (a ranked color key without its rank).
      const key = rankedLabel(String(node.datum.value));
      out.legend.set(key, (out.legend.get(key) ?? new Set()).add(color));
    }
  }
  for (const child of node.items ?? []) collectColors(child as ColoredNode, field, out, node.marktype ? node.role : role);
}

/** Renders a spec headlessly and returns the colors it drew for each value of `field`. */
export async function renderColors(spec: TopLevelSpec, field: string): Promise<Colors> {
  const vg = compile(spec).spec;
  const view = new vega.View(vega.parse(vg, {}, { ast: true }), { renderer: 'none', expr: expressionInterpreter as never });
  await view.runAsync();
  const out: Colors = { marks: new Map(), legend: new Map() };
  collectColors((view.scenegraph() as unknown as { root: ColoredNode }).root, field, out);
  view.finalize();
  return out;
}

/**
 * A spec without its rows: what the page compares to decide between swapping rows into the live
 * chart and embedding it anew (ui/reports/chart-slot.ts).
 */
export function specShape(spec: TopLevelSpec): string {
  const { datasets: _rows, ...rest } = spec as TopLevelSpec & { datasets?: unknown };
  return JSON.stringify(rest);
}
