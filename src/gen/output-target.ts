/**
 * Where the generated files go: the generator core writes through this, scripts/ supplies
 * a file-system implementation and memory-target an in-memory one.
 */
import type { ByteSink } from './zip-stream';

export interface OutputTarget {
  /** A sink for a new binary file (e.g. a zip); its `write` resolves when it can take more. */
  open(name: string): ByteSink | Promise<ByteSink>;
  writeText(name: string, text: string): Promise<void> | void;
}
