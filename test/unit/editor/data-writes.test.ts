import { describe, expect, it } from 'vitest';
import { mayChangeDatasets, namesDatasetTable } from '../../../src/editor/data-writes';

describe('editor/data-writes', () => {
  it('finds a dataset table named plainly, quoted, qualified or in another case', () => {
    expect(namesDatasetTable('DELETE FROM service_requests WHERE 1 = 1')).toBe(true);
    expect(namesDatasetTable('UPDATE "traffic_accidents" SET x = 1')).toBe(true);
    expect(namesDatasetTable('UPDATE main.Traffic_Accidents SET x = 1')).toBe(true);
    expect(namesDatasetTable('INSERT INTO notes SELECT * FROM "SERVICE_REQUESTS"')).toBe(true);
  });

  it('does not take strings, comments, longer names or other tables for one', () => {
    expect(namesDatasetTable(`INSERT INTO notes VALUES ('service_requests')`)).toBe(false);
    expect(namesDatasetTable('-- service_requests\nDELETE FROM notes')).toBe(false);
    expect(namesDatasetTable('/* traffic_accidents */ DROP TABLE boundaries')).toBe(false);
    expect(namesDatasetTable('DELETE FROM service_requests_history')).toBe(false);
    expect(namesDatasetTable('CREATE TABLE "service requests" (x INT)')).toBe(false);
  });

  it('counts only statements that may write: writes, unknowns and commits', () => {
    const sr = 'DELETE FROM service_requests WHERE type = 1';
    expect(mayChangeDatasets([sr], ['write'])).toBe(true);
    expect(mayChangeDatasets(['CALL f(service_requests)'], ['unknown'])).toBe(true);
    expect(mayChangeDatasets(['SELECT count(*) FROM service_requests'], ['read'])).toBe(false);
    expect(mayChangeDatasets(['CREATE TEMP TABLE t AS SELECT * FROM service_requests'], ['temp'])).toBe(false);
    expect(mayChangeDatasets(['DELETE FROM notes', 'SELECT * FROM service_requests'], ['write', 'read'])).toBe(false);
    expect(mayChangeDatasets(['  commit'], ['write'])).toBe(true);
    expect(mayChangeDatasets(['END TRANSACTION'], ['write'])).toBe(true);
    expect(mayChangeDatasets(['BEGIN'], ['write'])).toBe(false);
  });

  it('ignores statements without a verdict (refused before they ran)', () => {
    expect(mayChangeDatasets(['SELECT 1', 'DELETE FROM service_requests'], ['read'])).toBe(false);
  });
});
