/**
 * CLI: writes the synthetic Denver files.
 *   npm run data -- [--out DIR] [--seed N] [--scale X] [--start YYYY-MM-DD] [--days N]
 *     [--variant311 classic|arcgis] [--variantAccidents 2019|2021] [--encoding utf8|utf8bom|cp1252]
 * The generator core is pure (src/gen); this file supplies the file system.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate, parseCliArgs, type ByteSink, type GenerateOptions, type Manifest, type OutputTarget } from '../src/gen/index';

/** A file sink honouring the stream's backpressure; written to `name.part`, renamed on close. */
function fileSink(path: string): ByteSink {
  const partial = `${path}.part`;
  const stream = createWriteStream(partial);
  let failure: Error | null = null;
  stream.on('error', (err) => (failure = err));
  return {
    write(chunk) {
      if (failure) return Promise.reject(failure);
      if (stream.write(chunk)) return Promise.resolve();
      return new Promise((ok, fail) => {
        const onError = (err: Error): void => fail(err);
        stream.once('error', onError);
        stream.once('drain', () => {
          stream.off('error', onError);
          ok();
        });
      });
    },
    close() {
      return new Promise<void>((ok, fail) => {
        stream.end((err?: Error | null) => (err ? fail(err) : ok()));
      }).then(() => rename(partial, path));
    },
  };
}

function fsTarget(dir: string): OutputTarget {
  return {
    open: (name) => fileSink(join(dir, name)),
    writeText: (name, text) => writeFile(join(dir, name), text),
  };
}

const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** Generates into `dir`, printing one line per file; resolves to the manifest. */
export async function runGenerator(dir: string, options: GenerateOptions, log: (line: string) => void = console.log): Promise<Manifest> {
  const out = resolve(dir);
  await mkdir(out, { recursive: true });
  const started = performance.now();
  const manifest = await generate(options, fsTarget(out), {
    onFile: (f, ms) =>
      log(
        `${join(out, f.file)}: ${f.records.toLocaleString('en-US')} records (${f.exactDuplicates} duplicate lines), ` +
          `csv ${mb(f.csvBytes)}, zip ${mb(f.zipBytes)}, ${f.variant}/${f.encoding}, ${(ms / 1000).toFixed(1)} s`,
      ),
  });
  log(`${join(out, 'manifest.json')}: ${manifest.start} .. ${manifest.end}, seed ${manifest.seed}, scale ${manifest.scale}, ${((performance.now() - started) / 1000).toFixed(1)} s total`);
  return manifest;
}

async function main(): Promise<void> {
  const { out, options } = parseCliArgs(process.argv.slice(2));
  await runGenerator(out, options);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(`data: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  });
}
