/** `aftermath formats`: the log formats aftermath reads, with their ids for --log-format. */
import { Command } from 'commander';
import { FORMATS } from '../../ingest/formats/index.js';
import { renderTable } from '../../render/table.js';
import { Output } from '../io.js';

export function formatsCommand(): Command {
  return new Command('formats')
    .summary('list the log formats aftermath detects and reads')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }) => {
      const out = new Output();
      const rows = FORMATS.map((f) => ({
        id: f.id,
        aliases: f.aliases ?? [],
        multiline: f.multiline,
        description: f.description,
      }));
      if (flags.json) await out.write(JSON.stringify(rows, null, 2));
      else {
        await out.write(
          renderTable(
            [{ header: 'ID' }, { header: 'ALSO' }, { header: 'READS' }],
            rows.map((r) => [r.id, r.aliases.join(', ') || '-', r.description]),
          ),
        );
      }
    });
}
