/**
 * The closure-compiled Vega expressions (src/ui/vega-expr.ts) against vega-interpreter, the
 * evaluator they replace: the same values for a table of expressions, the same refusals of
 * unsafe members, and every report drawn identically on the fixture.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseExpression } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { fastExpressions } from '../../../src/ui/vega-expr';
import { REPORTS } from '../../../src/reports/registry';
import { emptyFilters, mergeFilters } from '../../../src/reports/filters';
import { withDefaults } from '../../../src/reports/types';
import { openFixtureDb } from '../reports/fixture';
import { renderSpec } from '../reports/spec-check';
import type { TestDb } from '../helpers/duckdb';

/** A runtime function context (Vega's own functions, e.g. isValid or scale, live there). */
const functions = {
  isValid: (x: unknown) => x !== null && x !== undefined && x === x,
  twice: (x: number) => 2 * x,
  me(this: { tag?: string }) {
    return this.tag;
  },
  tag: 'the context',
};
const ctx = { functions };
const datum = { a: 3, b: 'text', list: [1, 2, 3], nested: { x: { y: 7 } }, n: null };
const params = { $p: 10, $s: 'param' };

function both(src: string): [unknown, unknown] {
  const ast = parseExpression(src);
  const slow = (expressionInterpreter as any).parameter(ctx, { ast })(datum, params);
  const fast = fastExpressions.parameter(ctx, { ast: ast as never })(datum, params);
  return [fast, slow];
}

describe('ui/vega-expr', () => {
  it.each([
    '1 + 2 * 3 - 4 / 2 % 3',
    'datum.a > 2 && datum.b === "text" || false',
    'datum.a < 2 || datum.missing',
    '!datum.a ? "no" : "yes"',
    '-datum.a + +"4" + ~1',
    'datum.a & 6 | 1 ^ 3 << 2 >> 1 >>> 0',
    'datum.a == "3" && datum.a != 4 && datum.a !== "3"',
    'datum["b"] + datum.nested.x.y + datum.nested["x"]["y"]',
    'datum.list[1] + length(datum.list)',
    '[datum.a, datum.b, [1, 2]]',
    '{"k": datum.a, q: datum.b, "n": {m: 1}}',
    'if(datum.a > 1, "big", "small")',
    'PI + E + LN2 + SQRT2 + MAX_VALUE',
    'p + 1 + s',
    'twice(datum.a) + twice(twice(1))',
    'me()',
    'isValid(datum.n) ? 1 : 2',
    'floor(1.7) + ceil(1.2) + round(2.5) + abs(-3) + sqrt(16) + pow(2, 10) + clamp(15, 0, 10) + max(1, 5, 3) + min(4, 2)',
    'upper(datum.b) + lower("X") + trim("  y ") + substring("abcdef", 1, 3) + replace("aXa", "X", "b")',
    'join(split("a-b-c", "-"), "+") + indexof(datum.list, 2) + lastindexof([1, 1], 1)',
    'slice(datum.list, 1) + reverse(datum.list) + sort([3, 1, 2])',
    'test(/ab+c/i, "xABBC") + test("^a", "ab")',
    'utcyear(datetime(2024, 1, 15)) + year(0) + utc(2020, 0, 1)',
    'isNaN(parseFloat("x")) && isFinite(parseInt("12"))',
  ])('%s', (src) => {
    const [fast, slow] = both(src);
    expect(fast).toEqual(slow);
  });

  it('refuses the same unsafe members and properties', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const src of ['datum.constructor.constructor', 'datum.list.constructor.constructor("return 1")', '{"__proto__": 1, "constructor": 2, "ok": 3}']) {
      let slow: unknown;
      let slowErr: unknown;
      try {
        slow = both(src)[1];
      } catch (e) {
        slowErr = e;
      }
      if (slowErr) expect(() => both(src)[0]).toThrow();
      else expect(both(src)[0]).toEqual(slow);
    }
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  describe('draws every report as vega-interpreter does', () => {
    let db: TestDb;
    beforeAll(async () => {
      db = await openFixtureDb();
    });
    afterAll(() => db.close());

    it.each(REPORTS.map((r) => [r.id, r] as const))('%s', async (_id, def) => {
      const p = withDefaults(def);
      for (const f of [emptyFilters(), mergeFilters(emptyFilters(), { from: '2022-09-14' })]) {
        const raw = await db.query(def.sql(f, p));
        const rows = def.derive ? def.derive(raw, p) : raw;
        if (!rows.length) continue;
        const spec = def.spec(rows, p);
        const fast = await renderSpec(spec, fastExpressions);
        const slow = await renderSpec(spec);
        // Gradient and clip ids come from a counter shared by every render.
        const plain = (svg: string) => svg.replace(/\b(gradient|clip|pattern)_?\d+/g, '$1');
        const [a, b] = [plain(fast.svg), plain(slow.svg)];
        let i = 0;
        while (i < a.length && a[i] === b[i]) i++;
        expect(a.slice(Math.max(0, i - 80), i + 80)).toBe(b.slice(Math.max(0, i - 80), i + 80));
        expect(a.length).toBe(b.length);
        expect(fast.marks).toEqual(slow.marks);
      }
    });
  });
});
