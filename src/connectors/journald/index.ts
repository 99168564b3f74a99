/**
 * `type: journald`: `journalctl -o json` for the window (locally, or through a wrapper such as ssh),
 * streamed into `journal.jsonl`, which the `journald-json` format reads.
 */
import { diagnostic } from '../../core/diagnostic.js';
import { CommandError } from '../command.js';
import { defineConnector } from '../connector.js';
import { journalctlArgv } from './argv.js';
import { judgeJournalLine, MAX_FIELD_CHARS } from './journal-line.js';
import { JournaldOptions } from './options.js';

export const JOURNAL_FILE = 'journal.jsonl';

export const journald = defineConnector<JournaldOptions>({
  id: 'journald',
  description: 'systemd journal entries of the window via journalctl -o json (local or over ssh)',
  options: JournaldOptions,
  describe: (o) => journalctlArgv(o).join(' '),
  async collect(ctx, o) {
    const argv = journalctlArgv(o, ctx.window);
    const out = ctx.open(JOURNAL_FILE, 'journald-json');
    const w = { sinceUs: ctx.window.since * 1000, untilUs: ctx.window.until * 1000 };
    let entries = 0;
    let notJson = 0;
    let firstBad = 0;
    let noTime = 0;
    let cut = 0;
    let lineNo = 0;
    try {
      for await (const line of ctx.run(argv, { signal: ctx.signal })) {
        lineNo++;
        const j = judgeJournalLine(line, w);
        switch (j.kind) {
          case 'entry':
            ctx.progress(entries + 1);
            entries++;
            if (j.cut) cut++;
            await out.line(j.text);
            break;
          case 'not-json':
            notJson++;
            if (firstBad === 0) firstBad = lineNo;
            break;
          case 'no-time':
            noTime++;
            break;
          default:
            break;
        }
      }
    } catch (err) {
      // What came before a dropped connection is kept beside the gap; a command that never ran
      // (missing journalctl or ssh, refused login) fails the source.
      if (!(err instanceof CommandError) || entries === 0) throw err;
      ctx.gap(`journalctl stopped after ${entries} entries: ${err.message}`, { entries });
    }
    if (notJson > 0) {
      ctx.report(
        diagnostic(
          'collect/journald-not-json',
          ctx.source,
          'warning',
          `${ctx.source}: skipped ${notJson} line(s) of journalctl output that were not JSON (first at line ${firstBad}); expected one JSON object per line from \`journalctl -o json\``,
          { data: { lines: notJson, firstLine: firstBad } },
        ),
      );
    }
    if (noTime > 0) {
      ctx.report(
        diagnostic(
          'collect/journald-no-time',
          ctx.source,
          'warning',
          `${ctx.source}: skipped ${noTime} journal entr${noTime === 1 ? 'y' : 'ies'} without __REALTIME_TIMESTAMP`,
          { data: { entries: noTime } },
        ),
      );
    }
    if (cut > 0) {
      ctx.report(
        diagnostic(
          'collect/journald-cut',
          ctx.source,
          'info',
          `${ctx.source}: cut fields longer than ${MAX_FIELD_CHARS} characters in ${cut} journal entr${cut === 1 ? 'y' : 'ies'}`,
          { data: { entries: cut } },
        ),
      );
    }
  },
});
