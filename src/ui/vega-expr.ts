/**
 * Vega expressions without `eval`, fast. The page's CSP forbids `unsafe-eval`, so Vega parses
 * expressions to ASTs (`ast: true`) and needs an evaluator for them. `vega-interpreter` walks the
 * AST on every evaluation and allocates a context per call; a chart of a few thousand marks then
 * spends most of a redraw there. This module turns each AST, once, into a tree of closures with
 * the same semantics (the same functions, constants, operators and the same refusals of
 * unsafe members and properties), and plugs into Vega through the same interface
 * (`View({ expr })`). It never builds code from strings.
 */
import { DisallowedObjectProperties, ascending, isString } from 'vega';

/** The ESTree subset vega-expression produces. */
export interface ExprNode {
  type: string;
  [key: string]: unknown;
}

/** What an evaluation sees: operator parameters, datum, event, item. */
interface Scope {
  params: Record<string, unknown> | undefined;
  datum: unknown;
  event: unknown;
  item: unknown;
}

type Compiled = (s: Scope) => unknown;
type AnyFn = (...args: unknown[]) => unknown;

const CONSTANTS: Record<string, number> = {
  NaN: NaN,
  E: Math.E,
  LN2: Math.LN2,
  LN10: Math.LN10,
  LOG2E: Math.LOG2E,
  LOG10E: Math.LOG10E,
  PI: Math.PI,
  SQRT1_2: Math.SQRT1_2,
  SQRT2: Math.SQRT2,
  MIN_VALUE: Number.MIN_VALUE,
  MAX_VALUE: Number.MAX_VALUE,
};

const BINARY: Record<string, (a: any, b: any) => unknown> = {
  '*': (a, b) => a * b,
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
  '==': (a, b) => a == b,
  '!=': (a, b) => a != b,
  '===': (a, b) => a === b,
  '!==': (a, b) => a !== b,
  '&': (a, b) => a & b,
  '|': (a, b) => a | b,
  '^': (a, b) => a ^ b,
  '<<': (a, b) => a << b,
  '>>': (a, b) => a >> b,
  '>>>': (a, b) => a >>> b,
};

const UNARY: Record<string, (a: any) => unknown> = {
  '+': (a) => +a,
  '-': (a) => -a,
  '~': (a) => ~a,
  '!': (a) => !a,
};

const apply = (method: string, args: unknown[], cast?: (x: unknown) => unknown): unknown => {
  const obj = (cast ? cast(args[0]) : args[0]) as Record<string, AnyFn>;
  return obj[method].apply(obj, args.slice(1));
};
const datetime = (y: unknown, m = 0, d = 1, H = 0, M = 0, S = 0, ms = 0) =>
  isString(y) ? new Date(y) : new Date(y as number, m, d, H, M, S, ms);

/** Functions every expression has besides Vega's own (as vega-interpreter defines them). */
const FUNCTIONS: Record<string, AnyFn> = {
  isNaN: Number.isNaN as AnyFn,
  isFinite: Number.isFinite as AnyFn,
  abs: Math.abs as AnyFn,
  acos: Math.acos as AnyFn,
  asin: Math.asin as AnyFn,
  atan: Math.atan as AnyFn,
  atan2: Math.atan2 as AnyFn,
  ceil: Math.ceil as AnyFn,
  cos: Math.cos as AnyFn,
  exp: Math.exp as AnyFn,
  floor: Math.floor as AnyFn,
  hypot: Math.hypot as AnyFn,
  log: Math.log as AnyFn,
  max: Math.max as AnyFn,
  min: Math.min as AnyFn,
  pow: Math.pow as AnyFn,
  random: Math.random as AnyFn,
  round: Math.round as AnyFn,
  sin: Math.sin as AnyFn,
  sqrt: Math.sqrt as AnyFn,
  tan: Math.tan as AnyFn,
  clamp: ((a: number, b: number, c: number) => Math.max(b, Math.min(c, a))) as AnyFn,
  now: Date.now as AnyFn,
  utc: Date.UTC as AnyFn,
  datetime: datetime as AnyFn,
  date: ((d: number) => new Date(d).getDate()) as AnyFn,
  day: ((d: number) => new Date(d).getDay()) as AnyFn,
  year: ((d: number) => new Date(d).getFullYear()) as AnyFn,
  month: ((d: number) => new Date(d).getMonth()) as AnyFn,
  hours: ((d: number) => new Date(d).getHours()) as AnyFn,
  minutes: ((d: number) => new Date(d).getMinutes()) as AnyFn,
  seconds: ((d: number) => new Date(d).getSeconds()) as AnyFn,
  milliseconds: ((d: number) => new Date(d).getMilliseconds()) as AnyFn,
  time: ((d: number) => new Date(d).getTime()) as AnyFn,
  timezoneoffset: ((d: number) => new Date(d).getTimezoneOffset()) as AnyFn,
  utcdate: ((d: number) => new Date(d).getUTCDate()) as AnyFn,
  utcday: ((d: number) => new Date(d).getUTCDay()) as AnyFn,
  utcyear: ((d: number) => new Date(d).getUTCFullYear()) as AnyFn,
  utcmonth: ((d: number) => new Date(d).getUTCMonth()) as AnyFn,
  utchours: ((d: number) => new Date(d).getUTCHours()) as AnyFn,
  utcminutes: ((d: number) => new Date(d).getUTCMinutes()) as AnyFn,
  utcseconds: ((d: number) => new Date(d).getUTCSeconds()) as AnyFn,
  utcmilliseconds: ((d: number) => new Date(d).getUTCMilliseconds()) as AnyFn,
  length: ((x: { length: number }) => x.length) as AnyFn,
  join: (...a) => apply('join', a),
  indexof: (...a) => apply('indexOf', a),
  lastindexof: (...a) => apply('lastIndexOf', a),
  slice: (...a) => apply('slice', a),
  reverse: ((x: unknown[]) => x.slice().reverse()) as AnyFn,
  sort: ((x: unknown[]) => x.slice().sort(ascending as (a: unknown, b: unknown) => number)) as AnyFn,
  parseFloat: parseFloat as AnyFn,
  parseInt: parseInt as AnyFn,
  upper: (x) => String(x).toUpperCase(),
  lower: (x) => String(x).toLowerCase(),
  substring: (...a) => apply('substring', a, String),
  split: (...a) => apply('split', a, String),
  replace: (...a) => apply('replace', a, String),
  trim: (x) => String(x).trim(),
  btoa: (x) => btoa(x as string),
  atob: (x) => atob(x as string),
  encodeURIComponent: (x) => encodeURIComponent(x as string),
  regexp: RegExp as unknown as AnyFn,
  test: (r, t) => RegExp(r as string).test(t as string),
};

/** Functions that act on the event's view (`event.vega`). */
const EVENT_FUNCTIONS = new Set(['view', 'item', 'group', 'xy', 'x', 'y']);
const DISALLOWED_METHODS = new Set<unknown>([Function, eval, setTimeout, setInterval]);
if (typeof setImmediate === 'function') DISALLOWED_METHODS.add(setImmediate);

/** Functions an expression calls: Vega's (the runtime's function context) and the ones above. */
export type FunctionContext = Record<string, unknown>;

const guard = (v: unknown, p: PropertyKey): unknown => {
  if (typeof v === 'function' && DISALLOWED_METHODS.has(v)) {
    console.error(`Prevented interpretation of member "${String(p)}" which could lead to insecure code execution`);
    return undefined;
  }
  return v;
};

/**
 * Compiles an expression AST against a function context (calls run with it as `this`).
 * `depth` > 0 inside a non-computed member name or an object key, where an identifier stands
 * for its own name (as in vega-interpreter).
 */
export function compileExpr(n: ExprNode, fn: FunctionContext, depth = 0): Compiled {
  const sub = (c: unknown, d = depth) => compileExpr(c as ExprNode, fn, d);
  switch (n.type) {
    case 'Literal': {
      const value = n.value as { global?: boolean; sticky?: boolean } | null;
      const regex = n.regex as { pattern: string; flags: string } | undefined;
      // Global and sticky regexps carry lastIndex across calls: a fresh one per evaluation.
      if (regex && value && (value.global || value.sticky)) return () => new RegExp(regex.pattern, regex.flags);
      return () => value;
    }
    case 'Identifier': {
      const id = n.name as string;
      if (depth > 0) return () => id;
      if (id === 'datum') return (s) => s.datum;
      if (id === 'event') return (s) => s.event;
      if (id === 'item') return (s) => s.item;
      const constant = CONSTANTS[id];
      if (constant) return () => constant;
      const key = `$${id}`;
      return (s) => (s.params as Record<string, unknown>)[key];
    }
    case 'MemberExpression': {
      const object = sub(n.object);
      const propNode = n.property as ExprNode;
      // `datum.x` and `datum["x"]`: the property is a constant.
      const constant = !n.computed ? (propNode.name as string) : propNode.type === 'Literal' && !(propNode as { regex?: unknown }).regex ? (propNode.value as PropertyKey) : undefined;
      if (constant !== undefined && constant !== null) {
        return (s) => guard((object(s) as Record<PropertyKey, unknown>)[constant], constant);
      }
      const property = sub(n.property, n.computed ? depth : depth + 1);
      return (s) => {
        const p = property(s) as PropertyKey;
        return guard((object(s) as Record<PropertyKey, unknown>)[p], p);
      };
    }
    case 'CallExpression': {
      let name = (n.callee as ExprNode).name as string;
      // Encoders call internal functions as `_name`.
      if (name.startsWith('_')) name = name.slice(1);
      const args = (n.arguments as ExprNode[]).map((a) => sub(a));
      if (name === 'if') {
        const [test, yes, no] = args;
        return (s) => (test(s) ? yes(s) : no(s));
      }
      if (EVENT_FUNCTIONS.has(name)) {
        return (s) => {
          const vega = (s.event as { vega: Record<string, AnyFn> }).vega;
          return vega[name](...args.map((a) => a(s)));
        };
      }
      const f = (fn[name] as AnyFn | undefined) || FUNCTIONS[name];
      if (!f) return () => (undefined as unknown as AnyFn).apply(fn, []); // fails as the interpreter does
      switch (args.length) {
        case 0:
          return () => f.call(fn);
        case 1: {
          const [a] = args;
          return (s) => f.call(fn, a(s));
        }
        case 2: {
          const [a, b] = args;
          return (s) => f.call(fn, a(s), b(s));
        }
        case 3: {
          const [a, b, c] = args;
          return (s) => f.call(fn, a(s), b(s), c(s));
        }
        default:
          return (s) => f.apply(fn, args.map((a) => a(s)));
      }
    }
    case 'ArrayExpression': {
      const elements = (n.elements as ExprNode[]).map((e) => sub(e));
      return (s) => elements.map((e) => e(s));
    }
    case 'BinaryExpression': {
      const op = BINARY[n.operator as string];
      const left = sub(n.left);
      const right = sub(n.right);
      return (s) => op(left(s), right(s));
    }
    case 'UnaryExpression': {
      const op = UNARY[n.operator as string];
      const arg = sub(n.argument);
      return (s) => op(arg(s));
    }
    case 'ConditionalExpression': {
      const test = sub(n.test);
      const yes = sub(n.consequent);
      const no = sub(n.alternate);
      return (s) => (test(s) ? yes(s) : no(s));
    }
    case 'LogicalExpression': {
      const left = sub(n.left);
      const right = sub(n.right);
      return n.operator === '&&' ? (s) => left(s) && right(s) : (s) => left(s) || right(s);
    }
    case 'ObjectExpression': {
      const props = (n.properties as ExprNode[]).map((p) => ({
        key: sub(p.key, depth + 1),
        value: sub(p.value),
      }));
      return (s) => {
        const o: Record<string, unknown> = {};
        for (const p of props) {
          const k = p.key(s) as string;
          const v = p.value(s);
          if (DisallowedObjectProperties.has(k)) {
            console.error(`Prevented interpretation of property "${k}" which could lead to insecure code execution`);
          } else {
            o[k] = v;
          }
        }
        return o;
      };
    }
    default:
      throw new Error(`unsupported expression node: ${n.type}`);
  }
}

interface SpatialItem {
  x: number;
  x2: number;
  xc: number;
  y: number;
  y2: number;
  yc: number;
  width: number;
  height: number;
}

type Axis = { pos: 'x' | 'y'; end: 'x2' | 'y2'; center: 'xc' | 'yc'; size: 'width' | 'height' };
const AXES: readonly Axis[] = [
  { pos: 'x', end: 'x2', center: 'xc', size: 'width' },
  { pos: 'y', end: 'y2', center: 'yc', size: 'height' },
];

/** Width/height from x/x2 and y/y2, centers from xc/yc (as Vega's encoders do). */
function adjustSpatial(item: SpatialItem, channels: Record<string, unknown>, swap: boolean): void {
  for (const { pos, end, center, size } of AXES) {
    if (channels[end]) {
      if (channels[pos]) {
        if (swap && item[pos] > item[end]) {
          const t = item[pos];
          item[pos] = item[end];
          item[end] = t;
        }
        item[size] = item[end] - item[pos];
      } else {
        item[pos] = item[end] - (item[size] || 0);
      }
    }
    if (channels[center]) item[pos] = item[center] - (item[size] || 0) / 2;
  }
}

interface Ctx {
  functions: Record<string, unknown>;
}
interface Expr {
  ast: ExprNode;
}

/** Vega's expression-evaluator interface (`new View(runtime, { expr: fastExpressions })`). */
export const fastExpressions = {
  operator(ctx: Ctx, expr: Expr) {
    const f = compileExpr(expr.ast, ctx.functions);
    return (params: Record<string, unknown>) => f({ params, datum: undefined, event: undefined, item: undefined });
  },
  parameter(ctx: Ctx, expr: Expr) {
    const f = compileExpr(expr.ast, ctx.functions);
    return (datum: unknown, params: Record<string, unknown>) => f({ params, datum, event: undefined, item: undefined });
  },
  event(ctx: Ctx, expr: Expr) {
    const f = compileExpr(expr.ast, ctx.functions);
    return (event: unknown) => f({ params: undefined, datum: undefined, event, item: undefined });
  },
  handler(ctx: Ctx, expr: Expr) {
    const f = compileExpr(expr.ast, ctx.functions);
    return (params: Record<string, unknown>, event: { item?: { datum?: unknown } }) =>
      f({ params, datum: event.item && event.item.datum, event, item: undefined });
  },
  encode(ctx: Ctx, encode: { marktype: string; channels: Record<string, Expr> }) {
    const { marktype, channels } = encode;
    const swap = marktype === 'group' || marktype === 'image' || marktype === 'rect';
    const names = Object.keys(channels);
    const compiled = names.map((name) => compileExpr(channels[name].ast, ctx.functions));
    return (item: Record<string, unknown> & { datum?: unknown }, params: Record<string, unknown>) => {
      const scope: Scope = { params, datum: item.datum, event: undefined, item };
      let modified = 0;
      for (let i = 0; i < names.length; i++) {
        const v = compiled[i](scope);
        if (item[names[i]] !== v) {
          item[names[i]] = v;
          modified = 1;
        }
      }
      if (marktype !== 'rule') adjustSpatial(item as unknown as SpatialItem, channels, swap);
      return modified;
    };
  },
};
