/** `aftermath new`: writes a new postmortem document from a template. */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import {
  BUILT_IN_TEMPLATES,
  customTemplates,
  findTemplate,
  newDocument,
  type Template,
} from '../../document/index.js';
import { AftermathError, UsageError } from '../../errors.js';
import { Output } from '../io.js';

interface Flags {
  template: string;
  templatesDir?: string;
  title?: string;
  id?: string;
  severity?: string;
  author?: string[];
  service?: string[];
  output?: string;
  force?: boolean;
  listTemplates?: boolean;
}

async function readTemplates(dir: string | undefined): Promise<Template[]> {
  if (dir === undefined) return [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    throw new UsageError(
      `--templates-dir: expected a folder of .md templates, could not read "${dir}" (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      { cause: err },
    );
  }
  const md = names.filter((n) => n.toLowerCase().endsWith('.md')).sort();
  const files = await Promise.all(
    md.map(async (n) => ({ path: n, text: await readFile(join(dir, n), 'utf8') })),
  );
  return customTemplates(files);
}

/** Asks for the title on a terminal; prompts go to stderr so stdout stays the document. */
async function promptTitle(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question('Title of the incident: ')).trim();
  } finally {
    rl.close();
  }
}

export async function runNew(flags: Flags, out = new Output()): Promise<number> {
  const custom = await readTemplates(flags.templatesDir);
  if (flags.listTemplates) {
    const shadowed = new Set(custom.map((t) => t.name));
    const all = [...custom, ...BUILT_IN_TEMPLATES.filter((t) => !shadowed.has(t.name))];
    const width = Math.max(...all.map((t) => t.name.length));
    for (const t of all)
      await out.line(`${t.name.padEnd(width)}  ${t.builtIn ? '' : '(custom) '}${t.description}`);
    await out.flush();
    return 0;
  }
  let title = flags.title?.trim();
  if (!title && process.stdin.isTTY && flags.title === undefined) title = await promptTitle();
  if (!title) {
    throw new UsageError(
      '--title: expected the incident\'s title, got nothing (e.g. --title "Checkout API returned 502s")',
    );
  }
  // Resolve the template first, so that an unknown name is a usage error.
  let template: Template;
  try {
    template = findTemplate(flags.template, custom);
  } catch (err) {
    throw new UsageError(`--template: ${(err as Error).message}`, { cause: err });
  }
  let text: string;
  try {
    text = newDocument({
      title,
      template,
      ...(flags.id === undefined ? {} : { id: flags.id }),
      ...(flags.severity === undefined ? {} : { severity: flags.severity }),
      ...(flags.author ? { authors: flags.author } : {}),
      ...(flags.service ? { services: flags.service } : {}),
    });
  } catch (err) {
    if (err instanceof AftermathError && err.code === 'bad-severity')
      throw new UsageError(`--severity: ${err.message}`, { cause: err });
    throw err;
  }
  if (flags.output === undefined || flags.output === '-') {
    await out.write(text);
    return 0;
  }
  try {
    await writeFile(flags.output, text, { flag: flags.force ? 'w' : 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new UsageError(
        `-o: ${flags.output} already exists; expected a new file (pass --force to overwrite)`,
      );
    }
    throw new UsageError(
      `-o: could not write ${flags.output} (${code ?? (err as Error).message})`,
      {
        cause: err,
      },
    );
  }
  process.stderr.write(`aftermath: wrote ${flags.output} (template ${template.name})\n`);
  return 0;
}

const collect = (v: string, prev: string[] = []): string[] => [
  ...prev,
  ...v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

export function newCommand(): Command {
  return new Command('new')
    .summary('write a new postmortem document from a template')
    .description(
      'Writes a postmortem in Markdown with YAML front matter (id, title, status, severity, authors, ' +
        'times) from a built-in or custom template, to stdout or -o FILE. On a terminal it asks for the ' +
        'title when --title is not given.',
    )
    .option(
      '-t, --template <name>',
      'template: default, google-sre, minimal or a custom one',
      'default',
    )
    .option('--templates-dir <dir>', 'a folder of custom templates, one <name>.md each')
    .option('--title <text>', "the incident's title")
    .option('--id <id>', 'document id (default: <date>-<title slug>)')
    .option('--severity <level>', 'SEV1–SEV4 or P1–P4')
    .option('--author <names>', 'author (repeat or comma-separate)', collect)
    .option('--service <names>', 'affected service (repeat or comma-separate)', collect)
    .option(
      '-o, --output <file>',
      'write to this file instead of stdout (never overwrites without --force)',
    )
    .option('--force', 'overwrite the -o file if it exists')
    .option('--list-templates', 'list the templates and exit')
    .addHelpText(
      'after',
      `
Examples:
  $ aftermath new --title "Checkout API returned 502s" --severity SEV2 -o postmortem.md
  $ aftermath new --template minimal --title "Login latency" --author alice,bob
  $ aftermath new --templates-dir .aftermath/templates --template security --title "Leaked token"
  $ aftermath new --list-templates
  $ aftermath new                       # on a terminal: asks for the title
`,
    )
    .action(async (flags: Flags) => {
      process.exitCode = await runNew(flags);
    });
}
