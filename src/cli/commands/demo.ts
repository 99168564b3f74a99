/** `aftermath demo` (what `npm start` runs): the pipeline on the bundled example incident. */
import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import type { LogEvent } from '../../core/event.js';
import { levelRank } from '../../core/level.js';
import { openTimeline } from '../../ingest/timeline.js';
import { renderSources } from '../../render/sources.js';
import { tableRenderer } from '../../render/timeline.js';
import { Output, painter, useColour } from '../io.js';
import { readableExitCode } from './timeline.js';

/** The example incident shipped in the package. */
export function exampleDir(): string {
  return fileURLToPath(new URL('../../../examples/pool-exhaustion', import.meta.url));
}

const FIRST_ERRORS = 20;

export async function runDemo(dir = exampleDir(), out = new Output()): Promise<number> {
  const shown = relative(process.cwd(), dir) || '.';
  const timeline = await openTimeline([dir]);
  // Two slices of the one merged timeline: what changed (commits, alerts, server notices) and
  // how the errors began across sources.
  const changes: LogEvent[] = [];
  const errors: LogEvent[] = [];
  let total = 0;
  for await (const batch of timeline.events) {
    for (const e of batch) {
      total++;
      const rank = levelRank(e.level);
      if (e.attrs.sha !== undefined || e.attrs.alertname !== undefined) changes.push(e);
      else if (rank >= levelRank('error') && errors.length < FIRST_ERRORS) errors.push(e);
    }
  }
  const title = timeline.caseConfig?.title ?? 'example incident';
  await out.write(`aftermath demo: ${title}\nevidence in ${shown}\n\n`);
  await out.write('SOURCES\n' + renderSources(timeline.sources) + '\n');
  await out.write(
    `MERGED TIMELINE (UTC): ${total} events from ${timeline.sources.length} sources\n\n`,
  );
  const width = Math.min(24, Math.max(6, ...timeline.specs.map((s) => s.name.length)));
  const render = tableRenderer(
    width,
    process.stdout.isTTY ? process.stdout.columns : 160,
    painter(useColour()),
  );
  await out.write('Changes and alerts:\n');
  for (const e of changes) await out.line(render(e));
  await out.write(`\nThe first ${errors.length} errors, all sources merged:\n`);
  for (const e of errors) await out.line(render(e));
  await out.write(
    `\nNext:\n` +
      `  node bin/aftermath.js timeline ${shown} --since "2026-11-22 19:40:36" --until +10s\n` +
      `  node bin/aftermath.js timeline ${shown} --level error --format md | head\n` +
      `  node bin/aftermath.js timeline ${shown} --grep 'too many clients' --count\n` +
      `  node bin/aftermath.js sources ${shown} --json\n`,
  );
  return readableExitCode(timeline.sources);
}

export function demoCommand(): Command {
  return new Command('demo')
    .summary('run aftermath on the bundled example incident (what `npm start` does)')
    .action(async () => {
      process.exitCode = await runDemo();
    });
}
