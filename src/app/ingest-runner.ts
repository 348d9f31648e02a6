/**
 * Runs one load: starts the ingest worker, stages its Arrow batches in an in-memory database
 * as they arrive (the worker parses the next batch meanwhile), then merges the staged rows
 * into the store in ONE transaction. A cancelled or failed load leaves the store untouched.
 */
import { OPFS_MEMORY_LIMIT, type Database } from '../db/duckdb';
import {
  classCountsSql,
  workspace,
  type Workspace,
  dropStagingSql,
  loadFiguresSql,
  mergeStatements,
  stagedRowsSql,
} from '../db/merge-sql';
import { chooseInsertOrder, compactTable, rowGroups, type Compaction } from '../db/compact';
import { needsCompaction, scanFraction, type InsertOrder, type ScanFraction } from '../db/layout';
import { withSession } from '../db/store';
import { stagingColumnsDdl } from '../db/staging-ddl';
import type { Dataset } from '../domain/columns';
import { noteFor } from '../ingest/load-note';
import { IngestError, isLargeSource, type FromWorker, type HeaderInfo, type IngestSource, type Progress, type ToWorker } from '../ingest/protocol';
import { int, str } from '../sql/quote';
import { placeRows, storedLocator } from './place';

export interface IngestSummary {
  readonly loadId: number | null;
  readonly dataset: Dataset;
  readonly fileName: string;
  readonly sha256: string;
  readonly rowsRead: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly stale: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly ms: number;
  /** Set when the same file was already loaded: nothing was written. */
  readonly sameAsLoad?: number;
  /** The order the records were appended in (db/layout.ts `insertOrder`); absent when nothing was merged. */
  readonly order?: InsertOrder;
  /**
   * Milliseconds per phase: parse (worker until done), insert (DuckDB inserting staged batches,
   * overlapping parse), stage (waiting for inserts after parse), prepare, commit.
   */
  readonly phases?: Record<string, number>;
  /**
   * Set when the load left the table reading too much of itself for a date filter and it was
   * then rewritten in time order (db/layout.ts), in a transaction of its own.
   */
  readonly compacted?: Compaction;
  /** The table's layout after the load (db/layout.ts), before any compaction; absent when unmeasured. */
  readonly layout?: ScanFraction;
}

export interface IngestOptions {
  readonly entry?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: Progress) => void;
  /** Rows per staged Arrow batch (default: see pipeline.ts). */
  readonly batchRows?: number;
  /** Parse workers (default: see pipeline.ts); 0 parses in the ingest worker itself. */
  readonly parsers?: number;
  /**
   * A large file with the name and size of one loaded before is hashed before it is parsed
   * (the default); false parses it at once.
   */
  readonly hashFirst?: boolean;
  /** Label of the source in the ingest log (url, file, default). */
  readonly sourceLabel?: string;
}

const num = (v: unknown) => Number(v ?? 0);

function startWorker(): Worker {
  return new Worker(new URL('../ingest/ingest.worker.ts', import.meta.url), { type: 'module' });
}

/** Loads one file into the store. Rejects with IngestError (readable message) on failure. */
export async function ingest(db: Database, given: IngestSource, options: IngestOptions = {}): Promise<IngestSummary> {
  const first = await attempt(db, given, options);
  // A large file hashed first (it looked like one loaded before) turned out to be new: load it.
  const summary = first === RESTART ? ((await attempt(db, given, { ...options, hashFirst: false })) as IngestSummary) : first;
  return summary.sameAsLoad === undefined ? compactAfter(db, summary) : summary;
}

/**
 * After a committed load, with its staging dropped: rewrites the dataset table in time order
 * when the loads have left it reading too much of itself for a date filter (db/layout.ts). Its
 * own transaction on its own connection; a failure leaves the table as the load wrote it.
 */
async function compactAfter(db: Database, summary: IngestSummary): Promise<IngestSummary> {
  if (db.mode === 'snapshot') return summary;
  let measured = summary;
  try {
    return await withSession(db, async (session) => {
      const groups = await rowGroups(session, summary.dataset);
      const layout = scanFraction(groups);
      if (layout) measured = { ...summary, layout };
      if (!needsCompaction(groups)) return measured;
      const compacted = await compactTable(session, summary.dataset, groups);
      return { ...measured, compacted, ms: summary.ms + compacted.ms, phases: { ...summary.phases, compact: compacted.ms } };
    });
  } catch (e) {
    console.warn('Compaction failed; the table keeps the layout the load wrote.', e);
    return measured;
  }
}

const RESTART = Symbol('restart');

async function attempt(db: Database, given: IngestSource, options: IngestOptions): Promise<IngestSummary | typeof RESTART> {
  // The worker resolves relative URLs against its own script; resolve them against the page.
  const source: IngestSource = given.kind === 'url' ? { kind: 'url', url: new URL(given.url, document.baseURI).href } : given;
  const started = Date.now();
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  const session = await db.session();
  const worker = startWorker();
  const send = (m: ToWorker) => worker.postMessage(m);
  let header: HeaderInfo | null = null;
  let staged = false;
  let sameAs: { loadId: number; dataset: Dataset; stored: number } | null = null;
  let sameCheck: Promise<void> = Promise.resolve();
  let hashedName = '';
  let hashFirst = false;
  let restart = false;
  let stagingChain: Promise<void> = Promise.resolve();
  // The staged batches go in one transaction, committed once they are all in: DuckDB copies a
  // commit's appended rows again unless they fill a row group (122,880) or the table was empty.
  const stagingTx: { state: 'none' | 'open' | 'committed' } = { state: 'none' };
  const stageInTransaction = () => {
    if (stagingTx.state !== 'none') return;
    stagingTx.state = 'open';
    stagingChain = stagingChain.then(() => session.exec('BEGIN TRANSACTION'));
  };
  const memory: { restore: (() => Promise<void>) | null } = { restore: null };
  let rejectsStaged = false;
  // Decided at the header, before any batch: see Workspace (large sources stage on disk).
  let ws: Workspace = workspace(false);
  const onAbort = () => send({ type: 'cancel' });
  options.signal?.addEventListener('abort', onAbort);

  try {
    await session.exec(`ATTACH IF NOT EXISTS ':memory:' AS staging`);
    for (const w of [workspace(false), workspace(true)]) await session.exec(dropStagingSql(w).join(';\n'));
    const done = await new Promise<Extract<FromWorker, { type: 'done' }>['done']>((resolve, reject) => {
      worker.onerror = (e) => reject(new IngestError('internal', `The ingest worker failed: ${e.message}`));
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const msg = event.data;
        switch (msg.type) {
          case 'progress':
            options.onProgress?.(msg.progress);
            break;
          case 'header':
            header = msg.info;
            ws = workspace(isLargeSource(msg.info.bytes));
            if (ws.large) stagingChain = stagingChain.then(() => capMemory(session)).then((restore) => void (memory.restore = restore));
            break;
          case 'opened': {
            phases.opened = performance.now() - t0;
            const maybe = options.hashFirst !== false && msg.bytes !== null ? loadedBefore(db, msg.fileName, msg.bytes) : Promise.resolve(false);
            void maybe.catch(() => false).then((h) => {
              phases.mode = performance.now() - t0;
              hashFirst = h;
              send({ type: 'mode', hashFirst: h });
            });
            break;
          }
          case 'hashed':
            phases.hashed = performance.now() - t0;
            hashedName = msg.fileName;
            sameCheck = findSameFile(db, msg.sha256)
              .catch(() => null)
              .then((same) => {
                phases.sameChecked = performance.now() - t0;
                if (same) sameAs = same;
                else if (hashFirst) restart = true;
                if (same || hashFirst) send({ type: 'cancel' });
              });
            break;
          case 'batch': {
            const create = !staged;
            staged = true;
            stageInTransaction();
            stagingChain = stagingChain
              .then(async () => {
                const t = performance.now();
                await session.insertIpc(msg.ipc, { ...ws.stageTarget, create });
                phases.insert = (phases.insert ?? 0) + performance.now() - t;
              })
              .then(() => send({ type: 'credit' }));
            stagingChain.catch(reject);
            break;
          }
          case 'rejects': {
            const create = !rejectsStaged;
            rejectsStaged = true;
            stageInTransaction();
            stagingChain = stagingChain.then(() =>
              session.insertIpc(msg.ipc, { ...ws.rejectsTarget, create }),
            );
            stagingChain.catch(reject);
            break;
          }
          case 'done':
            // Nothing more comes from the worker: end it (and its parse workers) now, so their
            // heaps are gone before DuckDB grows its own for the merge.
            worker.terminate();
            resolve(msg.done);
            break;
          case 'error':
            reject(new IngestError(msg.code, msg.message, { entries: msg.entries }));
            break;
        }
      };
      send({ type: 'start', source, entry: options.entry, batchRows: options.batchRows, parsers: options.parsers });
    }).catch(async (e) => {
      if ((sameAs || restart) && e instanceof IngestError && e.code === 'cancelled') return null;
      throw e;
    });
    const tParsed = performance.now();
    await stagingChain;
    if (stagingTx.state === 'open') {
      await session.exec('COMMIT');
      stagingTx.state = 'committed';
    }
    // The file may have finished parsing before we knew it was loaded before: decide now.
    await sameCheck;
    phases.parse = tParsed - t0;
    phases.stage = performance.now() - tParsed;

    if (restart) return RESTART;
    if (done === null || sameAs) {
      const same = sameAs as unknown as { loadId: number; dataset: Dataset; stored: number };
      return {
        loadId: null,
        dataset: same.dataset,
        fileName: (header as HeaderInfo | null)?.fileName ?? hashedName,
        sha256: '',
        rowsRead: same.stored,
        inserted: 0,
        updated: 0,
        unchanged: same.stored,
        stale: 0,
        duplicates: 0,
        rejected: 0,
        ms: performance.now() - t0,
        sameAsLoad: same.loadId,
        phases,
      };
    }
    const info = header as HeaderInfo | null;
    if (!info) throw new IngestError('empty', 'The file has no header row.');
    if (options.signal?.aborted) throw new IngestError('cancelled', 'Load cancelled.');
    options.onProgress?.({ stage: 'merge', bytesRead: done.bytes, bytesTotal: done.bytes, rows: done.rowsRead, rejected: done.rejected });
    // No accepted rows or no rejects: empty tables with the right columns, so the merge still logs.
    if (!staged) await session.exec(`CREATE TABLE ${ws.stage} (${stagingColumnsDdl(info.dataset)})`);
    if (!rejectsStaged) await session.exec(`CREATE TABLE ${ws.rejects} (line DOUBLE, reason VARCHAR, raw VARCHAR)`);
    return await merge(session, info, done, ws, {
      source: options.sourceLabel ?? (source.kind === 'url' ? source.url : 'file'),
      started,
      t0,
      phases,
    });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    worker.terminate();
    if (stagingTx.state === 'open') await stagingChain.catch(() => undefined).then(() => session.exec('ROLLBACK')).catch(() => undefined);
    await session.exec(dropStagingSql(ws).join(';\n')).catch(() => undefined);
    await memory.restore?.().catch(() => undefined);
    await session.close().catch(() => undefined);
  }
}

/**
 * DuckDB's memory cap while a large file loads. Its staged rows and work tables are on disk, so
 * DuckDB can evict them; what it keeps in memory (and wasm memory never gives back) is what
 * counts against the page's peak. 10x the data loaded with 640 MB as with 1 GB.
 */
const LARGE_LOAD_MEMORY_LIMIT = '640MB';

/** Lowers DuckDB's memory cap for a large load into OPFS; returns how to put it back. */
async function capMemory(session: Database): Promise<(() => Promise<void>) | null> {
  if (session.mode !== 'opfs') return null; // in memory nothing can be evicted: no cap
  await session.exec(`SET memory_limit = ${str(LARGE_LOAD_MEMORY_LIMIT)}`);
  return () => session.exec(`SET memory_limit = ${str(OPFS_MEMORY_LIMIT)}`);
}

/** Whether a file of this name (or a zip entry of it) and size was loaded before. */
async function loadedBefore(db: Database, fileName: string, bytes: number): Promise<boolean> {
  const [row] = await db.query(
    `SELECT count(*) AS n FROM ingest_log WHERE bytes = ${int(bytes)} AND (file_name = ${str(fileName)} OR starts_with(file_name, ${str(`${fileName} › `)}))`,
  );
  return num(row?.n) > 0;
}

async function findSameFile(db: Database, sha: string): Promise<{ loadId: number; dataset: Dataset; stored: number } | null> {
  const rows = await db.query(
    `SELECT l.load_id, l.dataset, l.inserted + l.updated + l.unchanged + coalesce(l.stale, 0) AS stored
     FROM ingest_log l WHERE l.sha256 = ${str(sha)} ORDER BY l.load_id DESC LIMIT 1`,
  );
  if (!rows.length) return null;
  const r = rows[0];
  const dataset = r.dataset as Dataset;
  // Verify before trusting the hash: the records that load stored must still be there.
  const present = await db.query(`SELECT count(*) AS n FROM "${dataset}" WHERE first_seen <= ${int(num(r.load_id))}`);
  return num(present[0].n) >= num(r.stored) ? { loadId: num(r.load_id), dataset, stored: num(r.stored) } : null;
}

async function merge(
  session: Database,
  info: HeaderInfo,
  done: Extract<FromWorker, { type: 'done' }>['done'],
  ws: Workspace,
  ctx: { source: string; started: number; t0: number; phases: Record<string, number> },
): Promise<IngestSummary> {
  const dataset = info.dataset;
  const [{ next }] = await session.query(`SELECT coalesce(max(load_id), 0) + 1 AS next FROM ingest_log`);
  const loadId = num(next);
  // Rows without a neighborhood but with coordinates take it from the stored boundaries, if any.
  const locator = await storedLocator(session);
  const placed = locator ? await placeRows(session, ws.stage, locator) : 0;
  for (const sql of stagedRowsSql(dataset, ws).split(';\n')) await session.exec(sql);
  const [fig] = await session.query(loadFiguresSql(ws));
  const { prepare, apply } = mergeStatements({ dataset, loadId, ws, objectIds: info.variant === '311-arcgis' });
  for (const sql of prepare) await session.exec(sql);
  const [cls] = await session.query(classCountsSql(ws));
  const order = await chooseInsertOrder(session, ws);
  const tPrepared = performance.now();
  const rejected = done.rejected + num(fig.key_clashes);
  const L = int(loadId);
  const D = str(dataset);
  const file = str(info.entry ? `${info.fileName} › ${info.entry}` : info.fileName);
  const ms = () => performance.now() - ctx.t0;
  await session.exec('BEGIN TRANSACTION');
  try {
    for (const sql of apply(order)) await session.exec(sql);
    await session.exec(`INSERT INTO rejected_rows
SELECT ${L}, ${D}, ${file}, CAST(line AS BIGINT), CAST(reason AS VARCHAR), CAST(raw AS VARCHAR) FROM ${ws.rejects}
UNION ALL SELECT ${L}, ${D}, ${file}, line, reason, NULL FROM ${ws.ref('s_key_clash')}`);
    await session.exec(`INSERT INTO ingest_log VALUES (${L}, ${D}, ${file}, ${str(ctx.source)}, ${int(done.bytes)}, ${str(done.sha256)},
 ${str(info.variant)}, ${str(info.encoding)}, ${int(done.rowsRead)}, ${int(num(cls.inserted))}, ${int(num(cls.updated))},
 ${int(num(cls.unchanged))}, ${int(num(fig.duplicates))}, ${int(rejected)}, ${tsLiteral(fig.data_min_at)}, ${tsLiteral(fig.data_max_at)},
 epoch_ms(${int(ctx.started)}), epoch_ms(${int(Date.now())}), ${ms().toFixed(1)}, ${str(noteFor(num(cls.stale), info, { ...done.stats, placedByCoordinates: placed }))}, ${int(num(cls.stale))})`);
    await session.exec('COMMIT');
  } catch (e) {
    await session.exec('ROLLBACK').catch(() => undefined);
    throw storageError(e);
  }
  const tCommitted = performance.now();
  await session.exec('CHECKPOINT').catch(() => undefined);
  ctx.phases.prepare = tPrepared - ctx.t0 - (ctx.phases.parse ?? 0) - (ctx.phases.stage ?? 0);
  ctx.phases.commit = tCommitted - tPrepared;
  ctx.phases.checkpoint = performance.now() - tCommitted;
  return {
    phases: ctx.phases,
    loadId,
    dataset,
    fileName: info.fileName,
    sha256: done.sha256,
    rowsRead: done.rowsRead,
    inserted: num(cls.inserted),
    updated: num(cls.updated),
    unchanged: num(cls.unchanged),
    stale: num(cls.stale),
    duplicates: num(fig.duplicates),
    rejected,
    order,
    ms: ms(),
  };
}

function tsLiteral(v: unknown): string {
  return v === null || v === undefined ? 'NULL' : `epoch_ms(${int(num(v))})`;
}

function storageError(e: unknown): Error {
  const message = (e as Error)?.message ?? String(e);
  if (/quota|QuotaExceeded|no space|disk full/i.test(message)) {
    return new IngestError('quota', 'The browser ran out of storage for this site. The store was left as it was before this load. Free space or reset the store, then try again.', { cause: e });
  }
  return new IngestError('internal', `Saving the load failed and was rolled back: ${message}`, { cause: e });
}
