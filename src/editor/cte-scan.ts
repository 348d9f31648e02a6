/**
 * Reads a statement's CTEs and their output columns from its significant tokens (see
 * ./cte-columns for what it reads and how DuckDB names the columns).
 */
import { DUCKDB_RESERVED } from './duckdb-words';
import type { SchemaModel } from './schema-model';
import { isSignificant, tokenize } from './tokenize';
import { MANY, columnCase, dedupe, names, renameFirst, type CteColumns, type CteDef, type Slot, type Source } from './cte-model';
import {
  FROM_END,
  JOIN_WORDS,
  KEYWORDS,
  SELECT_END,
  SPECIAL_VALUES,
  endsExpression,
  identName,
  isBareAlias,
  isChain,
  isName,
  isOpen,
  matchBrackets,
  type Tok,
} from './token-shapes';

/** A statement's significant tokens, its CTE definitions and their columns (computed once each). */
export class Scan {
  readonly toks: Tok[];
  /** Index of the matching closing bracket of each opening one (the end when unclosed). */
  private readonly close: number[];
  readonly defs: CteDef[] = [];
  private readonly memo = new Map<CteDef, readonly Slot[] | null>();
  private readonly busy = new Set<CteDef>();
  private refs: Source[] | null = null;

  constructor(
    private readonly text: string,
    private readonly model: SchemaModel | null,
  ) {
    this.toks = tokenize(text)
      .filter(isSignificant)
      .map((t) => {
        const s = text.slice(t.start, t.end);
        return { type: t.type, text: s, low: t.type === 'word' ? s.toLowerCase() : '', start: t.start, end: t.end };
      });
    this.close = matchBrackets(this.toks);
    for (let i = 0; i < this.toks.length; i++) {
      if (this.toks[i].low === 'with') this.defs.push(...this.withList(i).defs);
    }
  }

  /** The CTE's name and column names. */
  result(d: CteDef): CteColumns {
    return { name: d.name, columns: names(this.columnsOf(d) ?? []) };
  }

  /** Every table reference of every FROM clause and JOIN. */
  references(): Source[] {
    if (!this.refs) {
      this.refs = [];
      for (let i = 0; i < this.toks.length; i++) {
        const t = this.toks[i];
        if ((t.low === 'from' && this.low(i - 1) !== 'distinct') || t.low === 'join') {
          this.refs.push(...this.fromList(i + 1, this.toks.length).sources);
        }
      }
    }
    return this.refs;
  }

  /** True when offset `pos` lies inside the CTE's body. */
  bodyHolds(d: CteDef, pos: number): boolean {
    const from = this.toks[d.from - 1].end;
    const to = d.to < this.toks.length ? this.toks[d.to].start : this.text.length;
    return from <= pos && pos <= to;
  }

  /** True when token `at` lies inside the CTE's body. */
  bodyHoldsToken(d: CteDef, at: number): boolean {
    return d.from <= at && at < d.to;
  }

  /** Index of the first token starting at or after offset `pos`. */
  tokenAt(pos: number): number {
    const i = this.toks.findIndex((t) => t.start >= pos);
    return i < 0 ? this.toks.length : i;
  }

  /**
   * The CTE a table name at token `at` refers to: the last of that name defined before it, not
   * one whose body holds the reference (that would be a table of the same name), unless recursive.
   */
  defAt(parts: readonly string[], at: number): CteDef | null {
    if (parts.length !== 1) return null;
    const name = parts[0].toLowerCase();
    let found: CteDef | null = null;
    for (const d of this.defs) {
      if (d.at < at && d.name.toLowerCase() === name && (d.recursive || !this.bodyHoldsToken(d, at))) found = d;
    }
    return found;
  }

  private low(i: number): string {
    return this.toks[i]?.low ?? '';
  }

  private isComma(i: number): boolean {
    return this.toks[i]?.type === 'op' && this.toks[i].text === ',';
  }

  /** The CTE list of `WITH [RECURSIVE] a [(x, y)] AS [NOT] [MATERIALIZED] (…), …` at `i`, and where it ends. */
  private withList(i: number): { defs: CteDef[]; end: number } {
    const t = this.toks;
    const defs: CteDef[] = [];
    let j = i + 1;
    const recursive = this.low(j) === 'recursive';
    if (recursive) j++;
    while (isName(t[j])) {
      let k = j + 1;
      let aliases: string[] | null = null;
      if (t[k]?.type === 'lparen') {
        aliases = this.nameList(k + 1, this.close[k]);
        k = this.close[k] + 1;
      }
      if (this.low(k) === 'using' && this.low(k + 1) === 'key' && t[k + 2]?.type === 'lparen') k = this.close[k + 2] + 1;
      if (this.low(k) !== 'as') break;
      k++;
      if (this.low(k) === 'not') k++;
      if (this.low(k) === 'materialized') k++;
      if (t[k]?.type !== 'lparen') break;
      defs.push({ name: identName(t[j]), at: j, aliases, from: k + 1, to: this.close[k], recursive });
      j = this.close[k] + 1;
      if (!this.isComma(j)) break;
      j++;
    }
    return { defs, end: j };
  }

  private columnsOf(d: CteDef): readonly Slot[] | null {
    if (this.memo.has(d)) return this.memo.get(d)!;
    if (this.busy.has(d)) return null;
    this.busy.add(d);
    const body = this.query(d.from, d.to);
    const slots = d.aliases ? renameFirst(body ?? [], d.aliases) : body && dedupe(body);
    this.busy.delete(d);
    this.memo.set(d, slots);
    return slots;
  }

  /** Output columns of the query in tokens [a, b): its first SELECT, FROM-first query or VALUES. */
  private query(a: number, b: number): Slot[] | null {
    let i = a;
    if (this.low(i) === 'with') i = this.withList(i).end;
    const t = this.toks[i];
    if (!t || i >= b) return null;
    if (t.type === 'lparen') return this.query(i + 1, Math.min(this.close[i], b));
    if (t.low === 'select') return this.select(i, b, null);
    if (t.low === 'from') {
      const from = this.fromList(i + 1, b);
      if (from.end < b && this.low(from.end) === 'select') return this.select(from.end, b, from.sources);
      return this.star(from.sources, null);
    }
    if (t.low === 'values' && this.toks[i + 1]?.type === 'lparen') {
      const n = this.split(i + 2, Math.min(this.close[i + 1], b)).filter(([s, e]) => s < e).length;
      return Array.from({ length: n }, (_, k) => `col${k}`);
    }
    return null;
  }

  /** [start, end) token ranges between commas at this nesting level. */
  private split(a: number, b: number): [number, number][] {
    const out: [number, number][] = [];
    let start = a;
    for (let j = a; j < b; j++) {
      if (isOpen(this.toks[j])) j = this.close[j];
      else if (this.isComma(j)) {
        out.push([start, j]);
        start = j + 1;
      }
    }
    out.push([start, b]);
    return out;
  }

  /** Columns of `SELECT [DISTINCT [ON (…)] | ALL] items [FROM …]` at `i`. */
  private select(i: number, b: number, sources: Source[] | null): Slot[] {
    let j = i + 1;
    if (this.low(j) === 'distinct') {
      j++;
      if (this.low(j) === 'on' && this.toks[j + 1]?.type === 'lparen') j = this.close[j + 1] + 1;
    } else if (this.low(j) === 'all') j++;
    const start = j;
    for (; j < b; j++) {
      const t = this.toks[j];
      if (isOpen(t)) j = this.close[j];
      // `x IS [NOT] DISTINCT FROM y` is an expression, not the FROM clause.
      else if (SELECT_END.has(t.low) && !(t.low === 'from' && this.low(j - 1) === 'distinct')) break;
    }
    const end = Math.min(j, b);
    const from = sources ?? (this.low(end) === 'from' && end < b ? this.fromList(end + 1, b).sources : []);
    return this.split(start, end).flatMap(([s, e]) => this.item(s, e, from));
  }

  /** The columns one select item makes. */
  private item(s: number, e: number, sources: Source[]): Slot[] {
    const t = this.toks.slice(s, e);
    if (!t.length) return [];
    const last = t[t.length - 1];
    const prev = t[t.length - 2];
    // DuckDB's prefix alias, `name: expr`.
    if (t.length > 2 && isName(t[0]) && t[1].text === ':' && t[2].text !== ':') return [identName(t[0])];
    const star = t.findIndex((x) => x.type === 'op' && x.text === '*');
    if (star === 0 || (star > 1 && t[star - 1].text === '.' && isChain(t.slice(0, star - 1)))) {
      const qualifier = star === 0 ? null : identName(t[star - 2]);
      return this.starModifiers(this.star(sources, qualifier), s + star + 1, e);
    }
    if (t[0].low === 'columns' && t[1]?.type === 'lparen') return [MANY];
    if (prev?.low === 'as' && (isName(last) || last.type === 'string')) return [identName(last)];
    if (prev && isBareAlias(last) && endsExpression(prev)) return [identName(last)];
    if (isChain(t) && !SPECIAL_VALUES.has(last.low)) {
      const parts = t.filter((x) => x.text !== '.').map(identName);
      return [columnCase(parts, sources)];
    }
    if (t[0].type === 'word' && !KEYWORDS.has(t[0].low) && t[1]?.type === 'lparen' && this.close[s + 1] === e - 1) {
      const args = t.slice(2, -1);
      if (t[0].low === 'count' && (args.length === 0 || (args.length === 1 && args[0].text === '*'))) return ['count_star()'];
      if (isChain(args) && args.every((x) => x.type !== 'ident')) return [`${t[0].low}(${args.map((x) => x.text).join('')})`];
    }
    return [null];
  }

  /** `*` (every source but semi and anti joins' right sides) or `q.*` (one source's columns). */
  private star(sources: readonly Source[], qualifier: string | null): Slot[] {
    if (qualifier !== null) {
      const q = qualifier.toLowerCase();
      const src = sources.find((x) => (x.alias ?? x.name)?.toLowerCase() === q);
      return src?.columns ? [...src.columns] : [MANY];
    }
    const out: Slot[] = [];
    for (const src of sources) {
      if (src.join === 'semi') continue;
      if (!src.columns) {
        out.push(MANY);
        continue;
      }
      const seen = new Set(names(out).map((n) => n.toLowerCase()));
      const using = new Set((src.using ?? []).map((n) => n.toLowerCase()));
      for (const c of src.columns) {
        const lower = typeof c === 'string' ? c.toLowerCase() : null;
        if (lower !== null && (using.has(lower) || (src.join === 'natural' && seen.has(lower)))) continue;
        out.push(c);
      }
    }
    return sources.length ? out : [MANY];
  }

  /** Applies `EXCLUDE (a, b)` / `EXCLUDE a`, `RENAME (a AS b)` and `REPLACE (…)` after a star. */
  private starModifiers(cols: Slot[], a: number, b: number): Slot[] {
    let out = cols;
    let j = a;
    while (j < b) {
      const word = this.low(j);
      const paren = this.toks[j + 1]?.type === 'lparen';
      const end = paren ? Math.min(this.close[j + 1], b) : j + 2;
      if (word === 'exclude') {
        const gone = new Set(paren ? this.split(j + 2, end).map(([s, e]) => this.lastName(s, e)) : [this.lastName(j + 1, j + 2)]);
        out = out.filter((c) => typeof c !== 'string' || !gone.has(c.toLowerCase()));
      } else if (word === 'rename' && paren) {
        for (const [s, e] of this.split(j + 2, end)) {
          if (e - s < 3 || this.low(e - 2) !== 'as') continue;
          const from = this.lastName(s, e - 2);
          const to = identName(this.toks[e - 1]);
          out = out.map((c) => (typeof c === 'string' && c.toLowerCase() === from ? to : c));
        }
      } else if (word !== 'replace' || !paren) {
        return [MANY];
      }
      j = end + (paren ? 1 : 0);
    }
    return out;
  }

  /** Lower-cased last part of the name in tokens [s, e) (`t.col` → `col`). */
  private lastName(s: number, e: number): string {
    const t = this.toks[e - 1];
    return e > s && t && isName(t) ? identName(t).toLowerCase() : '';
  }

  /** Names between commas, `a, "b c"`. */
  private nameList(a: number, b: number): string[] {
    return this.split(a, b)
      .filter(([s, e]) => e > s)
      .map(([s]) => (isName(this.toks[s]) ? identName(this.toks[s]) : ''));
  }

  /** The tables of a FROM clause starting at token `i`, up to the next clause or `b`. */
  private fromList(i: number, b: number): { sources: Source[]; end: number } {
    const t = this.toks;
    const sources: Source[] = [];
    let join: Source['join'] | null = 'plain';
    let j = i;
    while (join !== null && j < b) {
      if (this.low(j) === 'lateral') j++;
      const at = j;
      let name: string | null = null;
      let columns: readonly Slot[] | null = null;
      let cte: CteDef | null = null;
      let nested = false;
      if (t[j]?.type === 'string') j++; // a file read as a table: columns unknown
      else if (t[j]?.type === 'lparen') {
        const end = Math.min(this.close[j], b);
        if (t[j + 1]?.type === 'lparen' || ['select', 'from', 'with', 'values'].includes(this.low(j + 1))) {
          const q = this.query(j + 1, end);
          columns = q && dedupe(q);
        } else {
          sources.push(...this.fromList(j + 1, end).sources);
          nested = true;
        }
        j = end + 1;
      } else if (isName(t[j]) && !DUCKDB_RESERVED.has(t[j].low)) {
        const parts: string[] = [identName(t[j++])];
        while (t[j]?.text === '.' && isName(t[j + 1])) {
          parts.push(identName(t[j + 1]));
          j += 2;
        }
        name = parts[parts.length - 1];
        if (t[j]?.type === 'lparen') j = this.close[j] + 1; // a table function: columns unknown
        else {
          cte = this.defAt(parts, at);
          columns = cte ? this.columnsOf(cte) : this.tableColumns(parts);
        }
      } else break;
      let alias: string | null = null;
      if (this.low(j) === 'as' && isName(t[j + 1])) {
        alias = identName(t[j + 1]);
        j += 2;
      } else if (isName(t[j]) && !DUCKDB_RESERVED.has(t[j].low) && !JOIN_WORDS.has(t[j].low) && !FROM_END.has(t[j].low)) {
        alias = identName(t[j++]);
      }
      if (alias !== null && t[j]?.type === 'lparen') {
        columns = renameFirst(columns ?? [MANY], this.nameList(j + 1, this.close[j]));
        j = this.close[j] + 1;
      }
      const src: Source = { name, alias, columns, at, cte, join, using: null };
      if (!nested) sources.push(src);
      join = null;
      // The join condition, then a comma or the next join, or the end of the clause.
      while (j < b) {
        const w = this.low(j);
        if (isOpen(t[j])) j = this.close[j] + 1;
        else if (this.isComma(j)) {
          join = 'plain';
          j++;
          break;
        } else if (w === 'using' && t[j + 1]?.type === 'lparen') {
          src.using = this.nameList(j + 2, this.close[j + 1]);
          j = this.close[j + 1] + 1;
        } else if (JOIN_WORDS.has(w) && t[j + 1]?.type !== 'lparen') {
          join = 'plain';
          while (j < b && JOIN_WORDS.has(this.low(j))) {
            const k = this.low(j++);
            if (k === 'natural') join = 'natural';
            if (k === 'semi' || k === 'anti') join = 'semi';
            if (k === 'join') break;
          }
          break;
        } else if (t[j].type === 'rparen' || FROM_END.has(w) || (w === 'using' && this.low(j + 1) === 'sample')) {
          return { sources, end: j };
        } else j++;
      }
    }
    return { sources, end: Math.min(j, b) };
  }

  /** Columns of a schema table named `name`, `schema.name` or `catalog.schema.name`. */
  private tableColumns(parts: readonly string[]): Slot[] | null {
    if (!this.model) return null;
    const [name, schema, catalog] = [...parts].reverse().map((p) => p.toLowerCase());
    const matches = this.model.tables.filter(
      (x) =>
        x.name.toLowerCase() === name &&
        (schema === undefined || x.schema.toLowerCase() === schema) &&
        (catalog === undefined || x.catalog.toLowerCase() === catalog),
    );
    const table = matches.find((x) => x.schema === 'main') ?? matches[0];
    return table ? table.columns.map((c) => c.name) : null;
  }
}
