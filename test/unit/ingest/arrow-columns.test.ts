import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { columnsToIpc, Float64Column, joinIpcStreams, utf8Length, Utf8Column } from '../../../src/ingest/arrow-columns';
import { stagingColumns } from '../../../src/ingest/staging-schema';
import { columnsOf, SYSTEM_COLUMNS } from '../../../src/domain/columns';

describe('ingest/arrow-columns', () => {
  it.each(['', 'abc', 'é', '☕', '𝄞', 'a\ud800b', '\udc00', 'mixé ☕ 𝄞 end'])('utf8Length(%j) matches TextEncoder', (s) => {
    expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });

  it('builds Utf8 data with nulls, ASCII and non-ASCII batches, across growth', () => {
    const col = new Utf8Column();
    const ascii = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? null : `v${i}`));
    ascii.forEach((v) => col.push(v));
    const other = new Utf8Column();
    const mixed = Array.from({ length: 2500 }, (_, i) => (i % 5 === 0 ? null : i % 3 === 0 ? `é${i}𝄞` : `${i}`));
    mixed.forEach((v) => other.push(v));
    const t = tableFromIPC(columnsToIpc([{ name: 'a', data: col.take() }].concat([])));
    expect(t.getChild('a')?.toArray()).toEqual(ascii);
    const u = tableFromIPC(columnsToIpc([{ name: 'm', data: other.take() }]));
    expect(u.getChild('m')?.toArray()).toEqual(mixed);
    expect(u.getChild('m')?.nullCount).toBe(500);
    // take() starts over
    expect(col.length).toBe(0);
    col.push('again');
    expect(tableFromIPC(columnsToIpc([{ name: 'a', data: col.take() }])).getChild('a')?.toArray()).toEqual(['again']);
  });

  it('keeps offsets right when ASCII and non-ASCII blocks alternate and the buffer grows', () => {
    const col = new Utf8Column();
    const values = Array.from({ length: 5000 }, (_, i) =>
      i === 1500 ? 'x'.repeat(200_000) : Math.floor(i / 1024) % 2 === 1 && i % 100 === 0 ? `ü${i}` : i % 11 === 0 ? null : `r${i}`,
    );
    for (const v of values) col.push(v);
    const t = tableFromIPC(columnsToIpc([{ name: 'v', data: col.take() }]));
    expect(t.getChild('v')?.toArray()).toEqual(values);
  });

  it('builds Float64 data with nulls', () => {
    const col = new Float64Column();
    const values = Array.from({ length: 5000 }, (_, i) => (i % 4 === 0 ? null : i / 3));
    values.forEach((v) => col.push(v));
    const t = tableFromIPC(columnsToIpc([{ name: 'x', data: col.take() }]));
    expect(Array.from({ length: 5000 }, (_, i) => t.getChild('x')?.get(i) ?? null)).toEqual(values);
    expect(t.getChild('x')?.nullCount).toBe(1250);
  });
});

describe('ingest/staging-schema', () => {
  it('lists source columns, system columns, then source_line', () => {
    const cols = stagingColumns('service_requests');
    expect(cols.map((c) => c.name)).toEqual([
      ...columnsOf('service_requests').map((c) => c.name),
      ...SYSTEM_COLUMNS.map((c) => c.name),
      'source_line',
    ]);
    const type = Object.fromEntries(cols.map((c) => [c.name, c.arrow]));
    expect(type).toMatchObject({
      object_id: 'Utf8',
      case_status: 'Utf8',
      created_at: 'Float64',
      council_district: 'Float64',
      longitude: 'Float64',
      neighborhood: 'Utf8',
      row_key: 'Utf8',
      source_line: 'Float64',
    });
    expect(Object.fromEntries(stagingColumns('traffic_accidents').map((c) => [c.name, c.arrow]))).toMatchObject({
      offense_id: 'Utf8',
      bicycle_ind: 'Float64',
    });
  });

  it('joins IPC streams of one schema as bytes: their record batches in order, one schema, one end', () => {
    const stream = (values: (string | null)[]) => {
      const col = new Utf8Column();
      values.forEach((v) => col.push(v));
      return columnsToIpc([{ name: 's', data: col.take() }]);
    };
    const parts = [['a', null], ['é 𝄞'], [null, 'c', 'd']].map(stream);
    const joined = tableFromIPC(joinIpcStreams(parts));
    expect(joined.batches.length).toBe(3);
    expect(joined.getChild('s')?.toArray()).toEqual(['a', null, 'é 𝄞', null, 'c', 'd']);
    expect(joinIpcStreams([parts[0]])).toBe(parts[0]);
    expect(() => joinIpcStreams([parts[0], new Uint8Array(32)])).toThrow(/not an Arrow IPC stream/);
  });
});
