/**
 * Worker thread: reads its share of the sources concurrently, renders their rows and posts them,
 * each source paced by credits from the main thread (the merge takes a batch, a credit comes back).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readSource } from '../ingest/read-source.js';
import type { SourceSpec } from '../ingest/source.js';
import {
  filterFromData,
  READ_BATCH,
  RowEncoder,
  rowRenderer,
  type FilterData,
  type RenderSpec,
} from './rows.js';

interface Data {
  /** The sources this worker reads, with their index in the whole list. */
  sources: { index: number; spec: SourceSpec }[];
  filter: FilterData;
  render: RenderSpec;
  credits: number;
  batchSize: number;
  lazy: boolean;
}

const port = parentPort!;
const { sources, filter, render, credits, batchSize, lazy } = workerData as Data;
const state = new Map(
  sources.map((s) => [s.index, { credits, waiting: undefined as (() => void) | undefined }]),
);
// Buffers the main thread has finished with, sent back with credits for reuse.
const spares: Buffer[] = [];
port.on('message', (m: { type: 'credit'; index: number; spare?: ArrayBuffer }) => {
  const st = state.get(m.index);
  if (m.spare !== undefined && spares.length < 4) spares.push(Buffer.from(m.spare));
  if (m.type === 'credit' && st) {
    st.credits++;
    st.waiting?.();
    st.waiting = undefined;
  }
});

const toRows = rowRenderer(render);

async function run(index: number, spec: SourceSpec): Promise<void> {
  const st = state.get(index)!;
  let lastProgress = 0;
  const source = readSource(spec, {
    filter: filterFromData(filter),
    batchSize: READ_BATCH,
    lazy,
    onProgress: (bytes) => {
      if (bytes - lastProgress >= 8 << 20) {
        lastProgress = bytes;
        port.postMessage({ type: 'progress', index, bytes });
      }
    },
  });
  const rows = new RowEncoder(toRows, batchSize, () => spares.pop());
  const post = async (): Promise<void> => {
    const batch = rows.take();
    while (st.credits <= 0) await new Promise<void>((r) => (st.waiting = r));
    st.credits--;
    const transfer = [batch.ts.buffer as ArrayBuffer];
    if (batch.data.length > 0)
      transfer.push(batch.ends.buffer as ArrayBuffer, batch.data.buffer as ArrayBuffer);
    port.postMessage({ type: 'rows', index, batch }, transfer);
  };
  for await (const events of source.events) {
    rows.add(events);
    if (rows.length >= batchSize) await post();
  }
  if (rows.length > 0) await post();
  const { summary } = source;
  port.postMessage({
    type: 'end',
    index,
    summary: { ...summary, diagnostics: summary.diagnostics.map(({ cause: _c, ...d }) => d) },
  });
}

await Promise.all(
  sources.map((s) =>
    run(s.index, s.spec).catch((err: unknown) => {
      port.postMessage({
        type: 'failed',
        index: s.index,
        message: (err as Error).message ?? String(err),
      });
    }),
  ),
);
port.close();
