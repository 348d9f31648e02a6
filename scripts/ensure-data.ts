/**
 * Makes sure public/data holds the default synthetic files; generates them (with the
 * default options) when either zip is missing.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_OPTIONS, DEFAULT_OUT_DIR } from '../src/gen/index';
import { runGenerator } from './data';

const FILES = ['311_service_requests.csv.zip', 'traffic_accidents.csv.zip'];

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const missing: string[] = [];
  for (const file of FILES) if (!(await exists(join(DEFAULT_OUT_DIR, file)))) missing.push(file);
  if (missing.length === 0) {
    console.log(`ensure-data: data present in ${DEFAULT_OUT_DIR}`);
    return;
  }
  console.log(`ensure-data: missing ${missing.join(', ')}; generating defaults into ${DEFAULT_OUT_DIR}`);
  await runGenerator(DEFAULT_OUT_DIR, DEFAULT_OPTIONS);
}

main().catch((err: unknown) => {
  console.error(`ensure-data: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
