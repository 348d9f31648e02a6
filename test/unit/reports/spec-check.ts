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
