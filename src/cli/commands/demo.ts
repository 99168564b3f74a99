/** `aftermath demo` (what `npm start` runs): the pipeline on the bundled example incident. */
import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import type { LogEvent } from '../../core/event.js';
import { openTimeline } from '../../ingest/timeline.js';
import { renderSources } from '../../render/sources.js';
import { tableRenderer } from '../../render/timeline.js';
import { Output, painter, useColour } from '../io.js';
import { readableExitCode } from './timeline.js';

/** The example incident shipped in the package. */
export function exampleDir(): string {
  return fileURLToPath(new URL('../../../examples/pool-exhaustion', import.meta.url));
}

const HEAD = 25;
const TAIL = 15;

export async function runDemo(dir = exampleDir(), out = new Output()): Promise<number> {
  const shown = relative(process.cwd(), dir) || '.';
  const timeline = await openTimeline([dir], { filter: { level: 'notice' } });
  const head: LogEvent[] = [];
  const tail: LogEvent[] = [];
  let total = 0;
  for await (const batch of timeline.events) {
    for (const e of batch) {
      total++;
      if (head.length < HEAD) head.push(e);
      else {
        tail.push(e);
        if (tail.length > TAIL) tail.shift();
      }
    }
  }
  const title = timeline.caseConfig?.title ?? 'example incident';
  await out.write(`aftermath demo: ${title}\nevidence in ${shown}\n\n`);
  await out.write('SOURCES\n' + renderSources(timeline.sources) + '\n');
  const lines = timeline.sources.reduce((n, s) => n + s.lines, 0);
  await out.write(`MERGED TIMELINE (UTC), notice and above: ${total} of ${lines} lines\n`);
  const width = Math.min(24, Math.max(6, ...timeline.specs.map((s) => s.name.length)));
  const render = tableRenderer(
    width,
    process.stdout.isTTY ? process.stdout.columns : 160,
    painter(useColour()),
  );
  for (const e of head) await out.line(render(e));
  if (total > HEAD + TAIL) await out.line(`   … ${total - HEAD - TAIL} more …`);
  for (const e of tail) await out.line(render(e));
  await out.write(
    `\nNext:\n` +
      `  node bin/aftermath.js timeline ${join(shown)} --since "2026-11-22 19:40:30" --until +30s\n` +
      `  node bin/aftermath.js timeline ${join(shown)} --level error --format md | head\n` +
      `  node bin/aftermath.js sources ${join(shown)} --json\n`,
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
