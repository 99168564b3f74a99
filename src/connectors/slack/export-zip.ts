/**
 * A Slack export read from its .zip with yauzl, entry by entry as needed. Guards against hostile
 * archives: names that leave the export are skipped, each entry is capped (declared and actual
 * size, which yauzl checks against each other), and the whole read is capped too.
 */
import yauzl from 'yauzl';
import { safeName, MAX_FILE_BYTES, type ExportFiles } from './export-files.js';

const MAX_ENTRIES = 500_000;
const MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024;
/** Text compresses well, but not a thousand times: beyond this an entry is a bomb. */
const MAX_RATIO = 1000;

function open(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    ),
  );
}

function entryName(e: yauzl.Entry): string {
  const raw = e.fileName as unknown as Buffer;
  // Bit 11: the name is UTF-8; otherwise CP437, of which ASCII (every export name) is a subset.
  return (e.generalPurposeBitFlag & 0x800) !== 0 ? raw.toString('utf8') : raw.toString('latin1');
}

function entries(
  zip: yauzl.ZipFile,
  path: string,
): Promise<{ map: Map<string, yauzl.Entry>; unsafe: string[] }> {
  return new Promise((resolve, reject) => {
    const map = new Map<string, yauzl.Entry>();
    const unsafe: string[] = [];
    let count = 0;
    zip.on('entry', (e: yauzl.Entry) => {
      const name = entryName(e);
      if (++count > MAX_ENTRIES) {
        zip.close();
        reject(new Error(`${path}: more than ${MAX_ENTRIES} entries; not a Slack export`));
        return;
      }
      if (!name.endsWith('/')) {
        if (safeName(name)) map.set(name, e);
        else unsafe.push(name);
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve({ map, unsafe }));
    zip.on('error', reject);
    zip.readEntry();
  });
}

export async function openZip(path: string): Promise<ExportFiles> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(path);
  } catch (err) {
    throw new Error(`${path}: not a readable zip (${(err as Error).message})`, { cause: err });
  }
  let map: Map<string, yauzl.Entry>;
  let unsafe: string[];
  try {
    ({ map, unsafe } = await entries(zip, path));
  } catch (err) {
    zip.close();
    throw err;
  }
  let total = 0;
  return {
    has: (n) => map.has(n),
    names: () => map.keys(),
    unsafe,
    async read(name) {
      const e = map.get(name);
      if (!e) throw new Error(`${name}: not in the export`);
      if (e.uncompressedSize > MAX_FILE_BYTES)
        throw new Error(
          `${name}: ${e.uncompressedSize} bytes, more than the ${MAX_FILE_BYTES} allowed`,
        );
      if (
        e.compressedSize > 0 &&
        e.uncompressedSize / e.compressedSize > MAX_RATIO &&
        e.uncompressedSize > 1 << 20
      )
        throw new Error(
          `${name}: compressed ${Math.round(e.uncompressedSize / e.compressedSize)} to 1; refusing a zip bomb`,
        );
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(e, (err, s) => (err ? reject(err) : resolve(s))),
      );
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        size += chunk.length;
        total += chunk.length;
        // yauzl stops at the declared size; these caps hold even for a lying header.
        if (size > MAX_FILE_BYTES || total > MAX_TOTAL_BYTES) {
          (stream as unknown as { destroy(): void }).destroy();
          throw new Error(`${name}: the export is larger than allowed`);
        }
        chunks.push(chunk);
      }
      return Buffer.concat(chunks).toString('utf8');
    },
    close: async () => zip.close(),
  };
}
