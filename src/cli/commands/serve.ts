/** `aftermath serve`: the local web workspace over a case or a folder of cases. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { isLoopback } from '../../server/auth.js';
import { findCases } from '../../server/cases.js';
import { startServer } from '../../server/start.js';

interface Flags {
  port: string;
  host: string;
  token?: string;
  db?: string;
}

function portOf(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535)
    throw new UsageError(`--port: expected a port number 0-65535, got "${text}"`);
  return n;
}

export async function runServe(path: string, flags: Flags): Promise<void> {
  const root = resolve(path);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory())
    throw new UsageError(`cannot serve ${path}: expected a case folder or a folder of cases`);
  const cases = await findCases(root);
  if (cases.length === 0)
    process.stderr.write(`aftermath: no aftermath.yaml under ${path}; the list will be empty\n`);
  const server = await startServer({
    root,
    port: portOf(flags.port),
    host: flags.host,
    ...(flags.token !== undefined ? { token: flags.token } : {}),
    ...(flags.db !== undefined ? { db: flags.db } : {}),
  });
  const link = server.token !== undefined ? `${server.url}#token=${server.token}` : server.url;
  process.stdout.write(`aftermath serve: ${cases.length} case(s) from ${root}\n${link}\n`);
  if (!isLoopback(flags.host))
    process.stdout.write(
      `Listening on ${flags.host}: every API request needs the token (Authorization: Bearer ${server.token ?? ''}).\n`,
    );
  process.stdout.write('Press Ctrl+C to stop.\n');
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function serveCommand(): Command {
  return new Command('serve')
    .summary('a local web workspace: cases, charts, evidence drill-down, the postmortem editor')
    .description(
      'Serves the cases under a folder (each folder with an aftermath.yaml) and their postmortems ' +
        'as a web UI over a JSON API (docs/api.md): the analysis and charts, the raw lines behind ' +
        'each key moment, and the postmortem with live lint findings, saved to the Markdown file ' +
        'on disk (an edit made elsewhere meanwhile is detected, never overwritten). Binds 127.0.0.1; ' +
        'any other --host requires a token, generated and printed unless --token gives one. ' +
        'See docs/serve.md.',
    )
    .argument('[path]', 'a case folder (aftermath.yaml) or a folder of cases', '.')
    .option('-p, --port <port>', 'the port (0: any free port)', '4173')
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .option(
      '--token <token>',
      'the token API requests must carry (default off loopback: generated)',
    )
    .option(
      '--db <path|url>',
      'the archive the Insights page reads (default: $AFTERMATH_DB, else ~/.local/share/aftermath/archive.db)',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ aftermath serve examples/pool-exhaustion          # one case at http://127.0.0.1:4173/
  $ aftermath serve ./incidents --port 8080           # every case under ./incidents
  $ aftermath serve ./incidents --host 0.0.0.0        # on the network: prints a token to use
  $ aftermath serve ./incidents --db team.db          # the Insights page over team.db`,
    )
    .action(async (path: string, flags: Flags) => {
      await runServe(path, flags);
    });
}
