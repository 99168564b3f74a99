/** `aftermath archive`: add postmortems to the archive (SQLite or PostgreSQL), list, show, search and export them. */
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import type { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { parseTimeSpec } from '../../core/time-spec.js';
import { UTC } from '../../core/zone.js';
import { UsageError } from '../../errors.js';
import { importFiles, markdownFiles } from '../../store/import.js';
import { openStore } from '../../store/open-store.js';
import type { ArchivedPostmortem, ListFilter, Store } from '../../store/store.js';
import { newBar, Output, printDiagnostics } from '../io.js';

export interface ArchiveContext {
  out?: Output;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

interface DbFlags {
  db?: string;
}

async function withStore<T>(
  flags: DbFlags,
  ctx: ArchiveContext,
  fn: (s: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore({
    ...(flags.db !== undefined ? { db: flags.db } : {}),
    env: ctx.env ?? process.env,
    cwd: ctx.cwd ?? process.cwd(),
  });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** A count-of-files bar on a terminal for imports big enough to wait for; a no-op otherwise. */
function fileProgress(): (phase: 'read' | 'write', done: number, total: number) => void {
  if (!process.stderr.isTTY || process.env.CI) return () => {};
  let bar: SingleBar | undefined;
  let current = '';
  return (phase, done, total) => {
    if (total < 20) return;
    if (phase !== current) {
      bar?.stop();
      current = phase;
      bar = newBar({
        stream: process.stderr,
        format: `${phase === 'read' ? 'reading' : 'writing'} {bar} {value}/{total} files | {eta_formatted} left`,
        hideCursor: true,
        clearOnComplete: true,
        fps: 5,
      });
      bar.start(total, 0);
    }
    bar?.update(done);
    if (done === total) bar?.stop();
  };
}

export interface AddFlags extends DbFlags {
  json?: boolean;
  verbose?: boolean;
}

/** Resolves to the exit code: 1 when any file failed (the others are archived all the same). */
export async function runAdd(
  paths: readonly string[],
  flags: AddFlags,
  ctx: ArchiveContext = {},
): Promise<number> {
  const cwd = ctx.cwd ?? process.cwd();
  const out = ctx.out ?? new Output();
  const files = markdownFiles(paths, cwd);
  if (files.length === 0)
    throw new UsageError(`archive add: expected Markdown files, found none in ${paths.join(', ')}`);
  const summary = await withStore(flags, ctx, (s) =>
    importFiles(s, files, { cwd, onProgress: fileProgress() }),
  );
  printDiagnostics(summary.diagnostics, flags.verbose);
  if (flags.json)
    await out.write(
      JSON.stringify(
        summary.files.map((f) => ({ ...f })),
        null,
        2,
      ),
    );
  else if (flags.verbose)
    for (const f of summary.files)
      await out.line(`${f.outcome.padEnd(9)} ${f.id ?? '-'}  ${f.path}`);
  await out.flush();
  process.stderr.write(
    `added ${summary.added}, updated ${summary.updated}, unchanged ${summary.unchanged}, failed ${summary.failed}\n`,
  );
  return summary.failed > 0 ? 1 : 0;
}

export interface ListFlags extends DbFlags {
  status?: string;
  service?: string;
  severity?: string;
  since?: string;
  limit?: string;
  json?: boolean;
}

const day = (ms: number | undefined): string =>
  ms === undefined ? '-'.padEnd(10) : new Date(ms).toISOString().slice(0, 10);

export async function runList(flags: ListFlags, ctx: ArchiveContext = {}): Promise<number> {
  const out = ctx.out ?? new Output();
  const filter: ListFilter = {};
  if (flags.status) filter.status = flags.status;
  if (flags.service) filter.service = flags.service;
  if (flags.severity) filter.severity = flags.severity;
  if (flags.since) {
    const since = parseTimeSpec(flags.since, Date.now(), UTC);
    if (since === undefined)
      throw new UsageError(
        `--since: expected a time such as 2026-01-01, "today" or -30d, got "${flags.since}"`,
      );
    filter.since = since;
  }
  if (flags.limit !== undefined) {
    const n = Number(flags.limit);
    if (!Number.isInteger(n) || n < 1)
      throw new UsageError(`--limit: expected a whole number above 0, got "${flags.limit}"`);
    filter.limit = n;
  }
  const rows = await withStore(flags, ctx, (s) => s.list(filter));
  if (flags.json) await out.write(JSON.stringify(rows, null, 2));
  else {
    for (const r of rows)
      await out.line(
        [
          day(r.startedMs),
          (r.severity ?? '-').padEnd(4),
          (r.status ?? '-').padEnd(9),
          `${r.openActionItems} open`.padEnd(8),
          r.id,
          ' ' + r.title,
        ].join(' '),
      );
    if (rows.length === 0) process.stderr.write('no postmortems match\n');
  }
  await out.flush();
  return 0;
}

export async function runShow(
  id: string,
  flags: DbFlags & { json?: boolean },
  ctx: ArchiveContext = {},
): Promise<number> {
  const out = ctx.out ?? new Output();
  const pm = await withStore(flags, ctx, (s) => s.get(id));
  if (!pm) {
    process.stderr.write(
      `aftermath: archive show: no postmortem with id "${id}" (see \`aftermath archive list\`)\n`,
    );
    return 1;
  }
  if (flags.json) await out.write(JSON.stringify(pm, null, 2));
  else for (const l of showLines(pm)) await out.line(l);
  await out.flush();
  return 0;
}

function showLines(pm: ArchivedPostmortem): string[] {
  const iso = (ms: number | undefined): string | undefined =>
    ms === undefined ? undefined : new Date(ms).toISOString();
  const fields: [string, string | undefined][] = [
    [
      'id',
      `${pm.id} (version ${pm.version}${pm.idFrom === 'derived' ? ', id derived from the path' : ''})`,
    ],
    ['status', pm.status],
    ['severity', pm.severity],
    ['services', pm.services.join(', ') || undefined],
    ['started', iso(pm.startedMs)],
    ['detected', iso(pm.detectedMs)],
    ['mitigated', iso(pm.mitigatedMs)],
    ['resolved', iso(pm.resolvedMs)],
    ['file', pm.path],
  ];
  const lines = [
    pm.title,
    '',
    ...fields.filter(([, v]) => v).map(([k, v]) => `${k.padEnd(10)} ${v}`),
  ];
  if (pm.analysis.summary) lines.push('', pm.analysis.summary);
  if (pm.timeline.length) {
    lines.push('', `Timeline (${pm.timeline.length})`);
    for (const t of pm.timeline)
      lines.push(`  ${t.ms !== undefined ? iso(t.ms) : t.time}  ${t.event}`);
  }
  if (pm.factors.length) {
    lines.push('', `Contributing factors (${pm.factors.length})`);
    for (const f of pm.factors) lines.push(`  - ${f.category ? `[${f.category}] ` : ''}${f.text}`);
  }
  if (pm.actionItems.length) {
    lines.push('', `Action items (${pm.actionItems.length})`);
    for (const a of pm.actionItems) {
      const extra = [
        a.owner,
        a.due,
        a.link?.key ?? a.link?.url ?? a.ticket,
        a.inDocument ? undefined : 'no longer in the document',
      ];
      lines.push(
        `  ${a.key.padEnd(4)} ${(a.status ?? 'open').padEnd(11)} ${a.text}${extra.some(Boolean) ? `  (${extra.filter(Boolean).join(', ')})` : ''}`,
      );
      for (const h of a.history.slice(1))
        lines.push(
          `         ${new Date(h.at).toISOString()} ${h.status} by ${h.origin}${h.note ? `: ${h.note}` : ''}`,
        );
    }
  }
  return lines;
}

export async function runSearch(
  text: string,
  flags: DbFlags & { json?: boolean; limit?: string },
  ctx: ArchiveContext = {},
): Promise<number> {
  const out = ctx.out ?? new Output();
  const limit = flags.limit === undefined ? 20 : Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit: expected a whole number above 0, got "${flags.limit}"`);
  const hits = await withStore(flags, ctx, (s) => s.search(text, { limit }));
  if (flags.json) await out.write(JSON.stringify(hits, null, 2));
  else {
    for (const h of hits)
      await out.line(`${h.id}  ${h.title}\n    ${h.snippet.replace(/\s+/g, ' ').trim()}`);
    if (hits.length === 0) process.stderr.write(`no postmortem mentions "${text}"\n`);
  }
  await out.flush();
  return 0;
}

export async function runExport(
  flags: DbFlags & { json?: boolean; ndjson?: boolean; output?: string },
  ctx: ArchiveContext = {},
): Promise<number> {
  if (flags.json && flags.ndjson)
    throw new UsageError('archive export: expected --json or --ndjson, not both');
  const file =
    flags.output === undefined ? undefined : resolve(ctx.cwd ?? process.cwd(), flags.output);
  const stream = file ? createWriteStream(file) : undefined;
  const out = stream ? new Output(stream) : (ctx.out ?? new Output());
  let n = 0;
  await withStore(flags, ctx, async (s) => {
    if (flags.json) await out.write('[');
    for await (const pm of s.export()) {
      const text = flags.json ? JSON.stringify(pm, null, 2) : JSON.stringify(pm);
      await out.line(flags.json && n > 0 ? `,${text}` : text);
      n++;
    }
    if (flags.json) await out.line(']');
  });
  await out.flush();
  if (stream)
    await new Promise<void>((done, fail) =>
      stream.end((err?: Error | null) => (err ? fail(err) : done())),
    );
  process.stderr.write(`exported ${n} postmortem(s)${file ? ` to ${file}` : ''}\n`);
  return 0;
}

const DB = [
  '--db <path|url>',
  'SQLite file or postgres:// URL (default: $AFTERMATH_DB, else ~/.local/share/aftermath/archive.db)',
] as const;

export function archiveCommand(): Command {
  const cmd = new Command('archive')
    .summary('keep postmortems in a searchable archive (SQLite, or PostgreSQL for a team)')
    .description(
      'The postmortem archive: front matter, sections, timeline, contributing factors, action items with ' +
        'their tracker links and status history. SQLite at $XDG_DATA_HOME/aftermath/archive.db by default; ' +
        'a postgres:// URL in --db or AFTERMATH_DB shares one archive across a team.',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ aftermath archive add docs/postmortems              # again later: only changed files are updated
  $ aftermath archive list --status published --service checkout
  $ aftermath archive show PM-2026-007
  $ aftermath archive search "connection pool"
  $ aftermath archive export --ndjson -o archive.ndjson
  $ AFTERMATH_DB=postgres://aftermath@db.internal/postmortems aftermath archive list`,
    );
  cmd
    .command('add')
    .description('archive postmortem files (idempotent by id; a changed file updates its record)')
    .argument('<paths...>', 'Markdown files or folders')
    .option(...DB)
    .option('--json', 'print each file’s outcome as JSON')
    .option('-v, --verbose', 'print each file’s outcome and info diagnostics')
    .addHelpText(
      'after',
      '\nExit codes: 0 all archived, 1 some files failed (the rest are archived), 2 usage or database error.',
    )
    .action(async (paths: string[], flags: AddFlags) => {
      process.exitCode = await runAdd(paths, flags);
    });
  cmd
    .command('list')
    .description('list archived postmortems, newest incident first')
    .option(...DB)
    .option('--status <status>', 'only this status (draft, in-review, published)')
    .option('--service <name>', 'only postmortems naming this service')
    .option('--severity <sev>', 'only this severity (SEV1…)')
    .option(
      '--since <time>',
      'only incidents that started at or after this time ("2026-01-01", "-30d")',
    )
    .option('--limit <n>', 'at most this many')
    .option('--json', 'print JSON')
    .action(async (flags: ListFlags) => {
      process.exitCode = await runList(flags);
    });
  cmd
    .command('show')
    .description('show one archived postmortem')
    .argument('<id>', 'the postmortem id (see `archive list`)')
    .option(...DB)
    .option('--json', 'print JSON')
    .action(async (id: string, flags: DbFlags & { json?: boolean }) => {
      process.exitCode = await runShow(id, flags);
    });
  cmd
    .command('search')
    .description('full-text search over titles and sections, best match first')
    .argument('<text>', 'words to look for')
    .option(...DB)
    .option('--limit <n>', 'at most this many hits', '20')
    .option('--json', 'print JSON')
    .action(async (text: string, flags: DbFlags & { json?: boolean; limit?: string }) => {
      process.exitCode = await runSearch(text, flags);
    });
  cmd
    .command('export')
    .description('write every archived postmortem as JSON (one per line by default)')
    .option(...DB)
    .option('--json', 'one JSON array')
    .option('--ndjson', 'one JSON object per line (the default)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (flags: DbFlags & { json?: boolean; ndjson?: boolean; output?: string }) => {
      process.exitCode = await runExport(flags);
    });
  return cmd;
}
