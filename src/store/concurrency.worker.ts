/**
 * A second process for the concurrency tests (run with `node --import tsx`): imports a folder, or
 * sets action-item statuses one transaction at a time, printing a line per write so the test can
 * kill it mid-import.
 */
import { importFiles, markdownFiles } from './import.js';
import { openStore } from './open-store.js';

const [mode, db, arg, count] = process.argv.slice(2);
const store = await openStore({ db: db! });
try {
  if (mode === 'import') {
    const summary = await importFiles(store, markdownFiles([arg!]), {
      cwd: arg!,
      onProgress: (phase, done, total) => {
        if (phase === 'write') process.stdout.write(`wrote ${done}/${total}\n`);
      },
    });
    process.stdout.write(`done added ${summary.added} updated ${summary.updated}\n`);
  } else if (mode === 'status') {
    for (let i = 1; i <= Number(count); i++)
      await store.setActionStatus(`PM-${String(i).padStart(4, '0')}`, 'A1', 'done', {
        origin: 'tracker',
        note: arg!,
      });
    process.stdout.write('done\n');
  } else throw new Error(`unknown mode ${mode}`);
} finally {
  await store.close();
}
