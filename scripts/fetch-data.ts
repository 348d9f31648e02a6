/**
 * `npm run fetch-data`: downloads the real Denver files (the original task's two zips, the
 * city's current open-data downloads and the statistical-neighborhood polygons), checks each
 * one, and places those that pass in public/data/real/, which the build serves at data/real/.
 *
 *   npm run fetch-data                       every default source
 *   npm run fetch-data -- --only ibotta-311,neighborhoods
 *   npm run fetch-data -- --sources my.json  another list (see scripts/fetch-data/sources.ts)
 *   npm run fetch-data -- --out some/dir     another target directory
 *   npm run fetch-data -- --list             print the sources and exit
 *
 * Exit code 0 when every source was placed, 1 otherwise. Offline, nothing is changed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fetchData } from './fetch-data/run';
import { DEFAULT_SOURCES, parseSources, type Source } from './fetch-data/sources';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DEFAULT_OUT = resolve(ROOT, 'public/data/real');

function selectSources(all: readonly Source[], only: string | undefined): Source[] {
  if (!only) return all.filter((s) => !s.optional);
  const ids = only.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !all.some((s) => s.id === id));
  if (unknown.length) throw new Error(`unknown source ${unknown.join(', ')}; known: ${all.map((s) => s.id).join(', ')}`);
  return all.filter((s) => ids.includes(s.id));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      sources: { type: 'string' },
      out: { type: 'string' },
      list: { type: 'boolean', default: false },
    },
  });
  const all = values.sources ? parseSources(readFileSync(values.sources, 'utf8')) : DEFAULT_SOURCES;
  const sources = selectSources(all, values.only);
  const outDir = values.out ? resolve(values.out) : DEFAULT_OUT;
  if (values.list) {
    for (const s of all) console.log(`${s.id}${s.optional ? ' (optional)' : ''} → ${s.file}\n  ${s.attempts.map((a) => `${a.kind} ${a.url}`).join('\n  ')}`);
    return 0;
  }

  console.log(`fetch-data: ${sources.length} sources → ${outDir}`);
  const report = await fetchData({ sources, outDir, log: (line) => console.log(`  ${line}`) });

  if (report.offline) {
    console.error(
      `fetch-data: no network: none of the ${sources.length} sources could be reached (${report.failed[0]?.message ?? ''}).\n` +
        `Nothing was changed in ${outDir}. Connect to the internet and run npm run fetch-data again.`,
    );
    return 1;
  }
  for (const f of report.fetched) console.log(`fetch-data: placed ${f.file} (${f.bytes.toLocaleString('en-US')} bytes, sha256 ${f.sha256.slice(0, 12)}…)`);
  for (const f of report.failed) console.error(`fetch-data: FAILED ${f.id} (${f.kind}): ${f.message}`);
  if (report.fetched.length === 0) console.error(`fetch-data: nothing passed its checks; nothing was changed in ${outDir}.`);
  else if (report.failed.length) console.error(`fetch-data: ${report.failed.length} of ${sources.length} sources failed; the others are in ${outDir}.`);
  else console.log(`fetch-data: done. Load them in the app from data/real/<file> (URL field), or drop them on the page.`);
  return report.failed.length ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`fetch-data: ${(e as Error)?.message ?? String(e)}`);
    process.exitCode = 1;
  },
);
