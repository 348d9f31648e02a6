/**
 * Opens a URL or a File as a stream of byte chunks with a known (or unknown) total size.
 */
import { IngestError, type IngestSource } from './protocol';

export interface OpenedSource {
  readonly name: string;
  readonly size: number | null;
  readonly stream: ReadableStream<Uint8Array>;
}

/** The last path segment of a URL, decoded, or the URL itself. */
export function nameFromUrl(url: string): string {
  try {
    const path = new URL(url, 'http://x/').pathname;
    const last = path.split('/').filter(Boolean).pop();
    return last ? decodeURIComponent(last) : url;
  } catch {
    return url;
  }
}

export async function openSource(source: IngestSource, signal: AbortSignal): Promise<OpenedSource> {
  if (source.kind === 'file') {
    return { name: source.file.name, size: source.file.size, stream: source.file.stream() };
  }
  let response: Response;
  try {
    response = await fetch(source.url, { signal });
  } catch (cause) {
    if (signal.aborted) throw new IngestError('cancelled', 'Load cancelled.');
    throw new IngestError(
      'fetch',
      `Could not download ${source.url}. The server may be unreachable or may not allow this page to read it (CORS). Download the file and drop it here instead.`,
      { cause },
    );
  }
  if (!response.ok || !response.body) {
    throw new IngestError('fetch', `Could not download ${source.url}: HTTP ${response.status} ${response.statusText}`.trim());
  }
  const length = Number(response.headers.get('content-length'));
  const encoded = response.headers.get('content-encoding');
  return {
    name: nameFromUrl(source.url),
    // With a content-encoding the header counts compressed bytes, not what we read.
    size: Number.isFinite(length) && length > 0 && !encoded ? length : null,
    stream: response.body,
  };
}
