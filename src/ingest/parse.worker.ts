/// <reference lib="webworker" />
/**
 * A parse worker: the ingest worker hands it pieces of one file (whole records, as bytes); it
 * sends back each run of them as an Arrow batch (see parser-host.ts).
 */
import type { ToParser } from './protocol';
import { parserHost } from './parser-host';

declare const self: DedicatedWorkerGlobalScope;

const handle = parserHost((msg, transfer) => self.postMessage(msg, transfer));
self.onmessage = (event: MessageEvent<ToParser>) => handle(event.data);
