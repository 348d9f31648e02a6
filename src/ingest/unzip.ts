/**
 * Turns the source bytes into the bytes of one CSV: a zip is inflated as it streams (fflate's
 * Unzip), anything else passes through. Refuses zips without a CSV, or with several CSVs when
 * no entry was chosen (listing them, so the UI can offer each), and truncated or corrupt zips.
 */
import { Unzip, UnzipInflate, type AsyncFlateStreamHandler, type UnzipDecoder, type UnzipFile } from 'fflate';
import { IngestError } from './protocol';

/**
 * Hands a deflate entry's compressed bytes on as they are (copied: fflate may reuse its
 * buffer), for a native inflater (DecompressionStream) to inflate.
 */
class DeflatedPassThrough implements UnzipDecoder {
  static readonly compression = 8;
  ondata: AsyncFlateStreamHandler = () => undefined;
  push(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, chunk.slice(), final);
  }
}

const isCsvName = (name: string) => /\.(csv|txt)$/i.test(name) && !/(^|\/)(__MACOSX|\.)/.test(name);

export class CsvExtractor {
  private mode: 'unknown' | 'zip' | 'plain' = 'unknown';
  private unzip: Unzip | null = null;
  private readonly entries: string[] = [];
  private readonly csvEntries: string[] = [];
  private active: UnzipFile | null = null;
  private activeDone = false;
  private failure: IngestError | null = null;
  /** Name of the zip entry being read, or null for a plain file. */
  entry: string | null = null;

  /**
   * @param onData the CSV's bytes, as they come
   * @param wanted the zip entry to read (else the only CSV)
   * @param onDeflated when given, a deflated entry's bytes come here still compressed (with
   * `final` on the last), for the caller to inflate natively; stored entries still go to onData
   */
  constructor(
    private readonly onData: (bytes: Uint8Array) => void,
    private readonly wanted?: string,
    private readonly onDeflated?: (bytes: Uint8Array, final: boolean) => void,
  ) {}

  /** Feeds source bytes; `final` on the last call. Throws IngestError on a bad container. */
  push(chunk: Uint8Array, final: boolean): void {
    if (this.mode === 'unknown') this.mode = chunk.length >= 4 && chunk[0] === 0x50 && chunk[1] === 0x4b && chunk[2] === 3 && chunk[3] === 4 ? 'zip' : 'plain';
    if (this.mode === 'plain') {
      if (chunk.length) this.onData(chunk);
      return;
    }
    this.unzip ??= this.createUnzip();
    try {
      this.unzip.push(chunk, final);
    } catch (cause) {
      if (cause instanceof IngestError) throw cause;
      throw new IngestError('zip-corrupt', 'The zip file is truncated or corrupt and could not be read.', { cause });
    }
    if (this.failure && this.failure.code !== 'zip-several-csv') throw this.failure;
    if (final) this.finish();
  }

  /** True once a second CSV entry was seen: the caller should stop processing rows. */
  get refusing(): boolean {
    return this.failure !== null;
  }

  private createUnzip(): Unzip {
    const unzip = new Unzip((file) => this.onEntry(file));
    unzip.register(this.onDeflated ? DeflatedPassThrough : UnzipInflate);
    return unzip;
  }

  private onEntry(file: UnzipFile): void {
    this.entries.push(file.name);
    if (!isCsvName(file.name)) return;
    this.csvEntries.push(file.name);
    if (this.wanted !== undefined) {
      if (file.name === this.wanted) this.startEntry(file);
      return;
    }
    if (this.csvEntries.length === 1) {
      this.startEntry(file);
      return;
    }
    // A second CSV: keep scanning (without inflating) to list every entry, then refuse.
    this.failure = new IngestError('zip-several-csv', '', { entries: this.csvEntries });
    this.active?.terminate();
  }

  private startEntry(file: UnzipFile): void {
    this.active = file;
    this.entry = file.name;
    file.ondata = (err, data, final) => {
      if (err) {
        this.failure = new IngestError('zip-corrupt', `The zip entry ${file.name} is corrupt: ${err.message}`, { cause: err });
        return;
      }
      if (this.failure) return;
      if (this.onDeflated && file.compression === 8) this.onDeflated(data, final);
      else if (data.length) this.onData(data);
      if (final) this.activeDone = true;
    };
    file.start();
  }

  private finish(): void {
    if (this.failure?.code === 'zip-several-csv') {
      throw new IngestError(
        'zip-several-csv',
        `The zip holds several CSV files (${this.csvEntries.join(', ')}). Choose which one to load.`,
        { entries: this.csvEntries },
      );
    }
    if (this.csvEntries.length === 0) {
      const listed = this.entries.length ? ` (it holds: ${this.entries.slice(0, 10).join(', ')})` : '';
      throw new IngestError(
        this.entries.length ? 'zip-no-csv' : 'zip-corrupt',
        this.entries.length ? `The zip holds no CSV file${listed}.` : 'The zip file is empty, truncated or corrupt.',
      );
    }
    if (this.wanted !== undefined && this.active === null) {
      throw new IngestError('zip-no-csv', `The zip has no entry named ${this.wanted}.`);
    }
    if (!this.activeDone) {
      throw new IngestError('zip-corrupt', `The zip file is truncated: ${this.entry ?? 'its CSV'} ends before its data does.`);
    }
  }
}
