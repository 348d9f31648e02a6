import { describe, expect, it } from 'vitest';
import { normStatus } from '../../../../src/ingest/normalize/status';

describe('ingest/normalize/status', () => {
  it.each<[string, string | null, string | undefined]>([
    ['Closed', 'Closed', undefined],
    ['Open', 'Open', undefined],
    ['In Progress', 'In Progress', undefined],
    ['Closed ', 'Closed', undefined], // padding alone is not a difference
    ['closed', 'Closed', 'closed'],
    ['CLOSED ', 'Closed', 'CLOSED'],
    ['Closed - Answered', 'Closed', 'Closed - Answered'],
    ['Resolved', 'Closed', 'Resolved'],
    ['Transfered', 'Transferred', 'Transfered'],
    ['Transferred', 'Transferred', undefined],
    ['In-Progress', 'In Progress', 'In-Progress'],
    ['in progress', 'In Progress', 'in progress'],
    ['New', 'Open', 'New'],
    ['Canceled', 'Cancelled', 'Canceled'],
    ['Cancelled', 'Cancelled', undefined],
    ['Escalated', 'Escalated', undefined],
    ['On Hold', 'Pending', 'On Hold'],
    ['', null, undefined],
    ['   ', null, undefined],
  ])('%j → %j (raw %j)', (input, status, raw) => {
    const r = normStatus(input);
    expect(r.status).toBe(status);
    expect(r.raw).toBe(raw);
    expect(r.known).toBe(true);
  });

  it('keeps an unknown status as written, trimmed, and marks it', () => {
    expect(normStatus(' Frobnicated ')).toEqual({ status: 'Frobnicated', known: false });
  });

  it('returns the same result for repeated values (cache)', () => {
    expect(normStatus('closed')).toBe(normStatus('closed'));
  });
});
