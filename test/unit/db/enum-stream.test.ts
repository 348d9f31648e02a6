/**
 * duckdb-wasm streams ENUM columns without their dictionary (duckdb-wasm#1548): the editor showed
 * NULL on every row. The connector restores the dictionaries from one row of the same query.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { lacksDictionaries, restoreDictionaries, toResultSet } from '../../../src/db/result-set';
import { openRawConnection } from '../helpers/duckdb';

const require = createRequire(import.meta.url);
// The Node build reads Arrow with the CommonJS apache-arrow: build its tables with the same one.
const { Table } = require('apache-arrow');

describe('db/result-set dictionaries of streamed results', () => {
  it('gives streamed ENUM columns (top level and in lists) their values back', async () => {
    const conn = await openRawConnection();
    const sql = `SELECT x::ENUM('a', 'b', 'c') AS e, [x::ENUM('a', 'b', 'c')] AS l, x FROM (VALUES ('a'), ('b'), (NULL), ('c')) t(x)`;
    const batches: any[] = [];
    for await (const b of await conn.send(sql, true)) batches.push(b);
    expect(lacksDictionaries(batches)).toBe(true);
    expect(toResultSet(new Table(batches)).rows().map((r) => r.e)).toEqual([null, null, null, null]);

    restoreDictionaries(batches, conn.query(`SELECT * FROM (\n${sql}\n) LIMIT 1`));
    expect(lacksDictionaries(batches)).toBe(false);
    expect(toResultSet(new Table(batches)).rows()).toEqual([
      { e: 'a', l: ['a'], x: 'a' },
      { e: 'b', l: ['b'], x: 'b' },
      { e: null, l: [null], x: null },
      { e: 'c', l: ['c'], x: 'c' },
    ]);
  });

  it('finds nothing missing in a materialized result or one without ENUMs', async () => {
    const conn = await openRawConnection();
    expect(lacksDictionaries(conn.query(`SELECT 'a'::ENUM('a') AS e`).batches)).toBe(false);
    const batches: any[] = [];
    for await (const b of await conn.send(`SELECT 1 AS n, NULL::ENUM('a') AS e`, true)) batches.push(b);
    expect(lacksDictionaries(batches)).toBe(false);
  });
});
