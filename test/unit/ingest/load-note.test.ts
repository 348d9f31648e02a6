import { describe, expect, it } from 'vitest';
import { noteFor } from '../../../src/ingest/load-note';

describe('ingest/load-note', () => {
  it('is empty when everything was read as written', () => {
    expect(noteFor(0, { extra: [] }, { strayQuotes: 0, invalidUtf8Bytes: 0, firstInvalidUtf8At: null })).toBe('');
  });

  it('says what was not applied or read other than as written, in one line', () => {
    expect(noteFor(1, { extra: [] }, { strayQuotes: 1, invalidUtf8Bytes: 1, firstInvalidUtf8At: 7 })).toBe(
      '1 record in this file is older than the stored versions and was not applied; ' +
        '1 record has unescaped quotes inside a quoted field, read with the quotes as text; ' +
        '1 byte is not UTF-8 (the first at byte 7) and was read as Windows-1252',
    );
    expect(noteFor(3, { extra: ['shape', 'x'] }, { strayQuotes: 2, invalidUtf8Bytes: 5, firstInvalidUtf8At: 1200, placedByCoordinates: 40 })).toBe(
      '3 records in this file are older than the stored versions and were not applied; ' +
        '2 records have unescaped quotes inside a quoted field, read with the quotes as text; ' +
        '5 bytes are not UTF-8 (the first at byte 1200) and were read as Windows-1252; ' +
        '40 records without a neighborhood placed in one by their coordinates and the stored boundaries; ' +
        'extra columns kept in "extra": shape, x',
    );
  });
});
