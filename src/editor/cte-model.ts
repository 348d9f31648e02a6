/**
 * What the CTE reader (./cte-scan) knows of a query's output: a CTE's definition, a FROM clause's
 * sources, and the column slots (a name, unknown, or an unknown number), named as DuckDB names them.
 */

/** One CTE: its name (unquoted, as written) and the names of its output columns, in order. */
export interface CteColumns {
  readonly name: string;
  /** Columns whose name cannot be read from the text (an unnamed expression) are left out. */
  readonly columns: readonly string[];
}

/** A CTE as the statement defines it (token indexes into the scan's significant tokens). */
export interface CteDef {
  readonly name: string;
  /** Token index of the name. */
  readonly at: number;
  readonly aliases: readonly string[] | null;
  /** Token range of the body, inside its parentheses. */
  readonly from: number;
  readonly to: number;
  readonly recursive: boolean;
}

/** An output column: its name, null when unknown, or MANY for an unknown number of columns. */
export type Slot = string | null | typeof MANY;
export const MANY: unique symbol = Symbol('unknown columns');

/** A table in a FROM clause, its columns (null when unknown) and how it is joined. */
export interface Source {
  readonly name: string | null;
  readonly alias: string | null;
  readonly columns: readonly Slot[] | null;
  /** Token index of the reference. */
  readonly at: number;
  /** The CTE the name refers to, if any. */
  readonly cte: CteDef | null;
  readonly join: 'plain' | 'natural' | 'semi';
  using: string[] | null;
}

/** A column reference's name as DuckDB gives it: the bound column's own spelling when known. */
export function columnCase(parts: readonly string[], sources: readonly Source[]): string {
  const name = parts[parts.length - 1];
  const q = parts.length > 1 ? parts[parts.length - 2].toLowerCase() : null;
  const scope = q === null ? sources : sources.filter((s) => (s.alias ?? s.name)?.toLowerCase() === q);
  for (const s of scope) {
    const hit = s.columns && names(s.columns).find((c) => c.toLowerCase() === name.toLowerCase());
    if (hit) return hit;
  }
  return name;
}

/** Gives the first columns the names of an explicit list (`name(a, b) AS`, `FROM t AS x(a, b)`). */
export function renameFirst(slots: readonly Slot[], aliases: readonly string[]): Slot[] {
  const out: Slot[] = [...aliases];
  let pos = 0;
  for (const s of slots) {
    if (s === MANY) {
      // Columns after an unknown number of them cannot be placed against the list.
      if (pos < aliases.length) break;
      out.push(s);
    } else {
      if (pos >= aliases.length) out.push(s);
      pos++;
    }
  }
  return dedupe(out);
}

/** DuckDB's names for a subquery's repeated columns: `a, a, A` → `a, a_1, A_2`. */
export function dedupe(slots: readonly Slot[]): Slot[] {
  const seen = new Set<string>();
  let n = 1;
  return slots.map((s) => {
    if (typeof s !== 'string') return s;
    let name = s;
    while (seen.has(name.toLowerCase())) name = `${s}_${n++}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

export function names(slots: readonly Slot[]): string[] {
  return slots.filter((s): s is string => typeof s === 'string' && s !== '');
}

export function unique(defs: readonly CteDef[]): CteDef[] {
  const seen = new Set<string>();
  return defs.filter((d) => !seen.has(d.name.toLowerCase()) && !!seen.add(d.name.toLowerCase()));
}
