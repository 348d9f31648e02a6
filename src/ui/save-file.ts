/**
 * Where an export's bytes go as they are made: a download (the parts kept as Blobs, handed to the
 * browser at the end), or a file the user picks, written part by part as they come
 * (`showSaveFilePicker`, where the browser has it), so an export far larger than the browser's
 * blob storage still fits: only the parts not yet written are held.
 */
import { BlobParts, type BlobSink } from '../app/blob-sink';
import { download } from './dom';

/** A file being written. `done` finishes it; `discard` gives it up (a picked file is left as it was). */
export interface SaveTarget extends BlobSink {
  done(): Promise<void>;
  discard(): Promise<void>;
}

/** What a save is called and what it holds (the picker offers the name and filters by the type). */
export interface SaveAs {
  readonly name: string;
  readonly type: string;
  /** Shown by the picker for the type, `Zip archive`. */
  readonly description: string;
}

/** The part of the File System Access API used here (not in TypeScript's DOM library). */
interface Writable {
  write(data: Blob): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}
interface PickedFile {
  createWritable(): Promise<Writable>;
}
type SavePicker = (options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }) => Promise<PickedFile>;

const picker = (): SavePicker | null => {
  const f = (globalThis as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  return typeof f === 'function' ? f.bind(globalThis) : null;
};

/** Whether the browser can write straight to a file the user picks. */
export function canPickFile(): boolean {
  return picker() !== null;
}

/** A download: the parts are kept and handed over when done. */
function downloadTarget(as: SaveAs): SaveTarget {
  const parts = new BlobParts();
  return {
    push: (part) => parts.push(part),
    async done() {
      download(as.name, [parts.blob(as.type)], as.type);
    },
    async discard() {
      parts.clear();
    },
  };
}

/**
 * Asks the user where to save, then writes each part as it comes. Null when the user closed the
 * picker. A failed write fails `done`; `discard` aborts the file, which the browser then leaves as
 * it was.
 */
async function pickTarget(as: SaveAs): Promise<SaveTarget | null> {
  const pick = picker();
  if (!pick) throw new Error('This browser cannot write to a file you pick.');
  const ext = as.name.slice(as.name.lastIndexOf('.'));
  // The picker refuses a media type with parameters (`text/csv;charset=utf-8`: "Invalid type").
  const mime = as.type.split(';')[0].trim();
  let file: PickedFile;
  try {
    file = await pick({ suggestedName: as.name, types: [{ description: as.description, accept: { [mime]: [ext] } }] });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') return null;
    throw e;
  }
  const writable = await file.createWritable();
  let writes: Promise<void> = Promise.resolve();
  let failed: unknown = null;
  return {
    push(part) {
      // A write failed: stop the export at its next part rather than encode the rest for nothing.
      if (failed !== null) throw failed;
      writes = writes.then(() => (failed === null ? writable.write(part) : undefined)).catch((e) => void (failed ??= e));
    },
    async done() {
      await writes;
      if (failed !== null) throw failed;
      await writable.close();
    },
    async discard() {
      await writes;
      await writable.abort().catch(() => undefined);
    },
  };
}

/**
 * A file the user picks (null when the picker was closed) when `toFile`, else a download. Call it
 * first in a click handler: the picker needs the click's activation.
 */
export function chooseTarget(toFile: boolean, as: SaveAs): Promise<SaveTarget | null> {
  return toFile ? pickTarget(as) : Promise.resolve(downloadTarget(as));
}

/** Writes a file into the target with `write` and finishes it; discards it when either fails. */
export async function writeTo<T>(target: SaveTarget, write: (sink: BlobSink) => Promise<T>): Promise<T> {
  try {
    const result = await write(target);
    await target.done();
    return result;
  } catch (e) {
    await target.discard();
    throw e;
  }
}
