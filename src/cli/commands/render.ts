/** `aftermath render`: a postmortem with its Mermaid diagrams embedded, or its parsed model as JSON. */
import { rename, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { parseDocument } from '../../document/parse.js';
import { withDiagrams } from '../../render/diagrams.js';
import { renderDocument } from '../../render/html/document-html.js';
import { escapeHtml } from '../../render/html/escape.js';
import { Output, printDiagnostics, readTextFile } from '../io.js';

interface Flags {
  to: 'md' | 'html' | 'json';
  output?: string;
  inPlace?: boolean;
}

const PAGE_CSS = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;vertical-align:top}
pre{background:#f6f8fa;padding:.75rem;overflow:auto}code{font-size:.9em}
@media print{body{margin:0;max-width:none}a{color:inherit}}`;

/**
 * The document alone as one HTML page (sanitised, no script: Mermaid diagrams show as their
 * source; \`aftermath report\` draws them beside the charts).
 */
function documentPage(markdown: string): string {
  const doc = renderDocument(markdown);
  const title = escapeHtml(doc.title ?? 'Postmortem');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>${title}</title><style>${PAGE_CSS}</style></head><body><main>${doc.html}</main></body></html>\n`;
}

/** The model without the syntax tree (large, and internal): what a script wants from a document. */
function modelJson(text: string, source: string): string {
  const { tree: _tree, sections, ...doc } = parseDocument(text, { source });
  return JSON.stringify(
    { ...doc, text: undefined, sections: sections.map(({ nodes: _n, ...s }) => s) },
    null,
    2,
  );
}

export async function runRender(file: string, flags: Flags, out = new Output()): Promise<number> {
  const text = await readTextFile(file);
  const result =
    flags.to === 'json'
      ? modelJson(text, file)
      : flags.to === 'html'
        ? documentPage(withDiagrams(text))
        : withDiagrams(text);
  const target = flags.inPlace ? file : flags.output;
  if (target) {
    const tmp = `${target}.aftermath-tmp`;
    await writeFile(tmp, result);
    await rename(tmp, target);
  } else await out.write(result);
  printDiagnostics(parseDocument(text, { source: file }).diagnostics);
  return 0;
}

export function renderCommand(): Command {
  return new Command('render')
    .summary(
      'embed Mermaid diagrams (timeline, five whys, contributing factors) or print the model',
    )
    .description(
      'Reads a postmortem and writes it with Mermaid diagrams after the sections they draw: the ' +
        'timeline, the five-whys chain and the contributing factors by group. GitHub and GitLab draw ' +
        'them. The diagrams sit between `<!-- aftermath:diagram … -->` markers and are replaced when ' +
        'rendering again; nothing else changes. --to html writes the document as one sanitised page ' +
        '(no script; `aftermath report` draws the diagrams); --to json prints the parsed model.',
    )
    .argument('<file>', 'a postmortem in Markdown')
    .addOption(
      new Option('--to <format>', 'md, html (one page, no script) or json')
        .choices(['md', 'html', 'json'])
        .default('md'),
    )
    .option('-o, --output <file>', 'write here instead of printing')
    .option('-i, --in-place', 'rewrite the file itself')
    .addHelpText(
      'after',
      `
Examples:
  $ aftermath render postmortem.md --in-place          # add or refresh the diagrams
  $ aftermath render postmortem.md --to html -o postmortem.html
  $ aftermath render postmortem.md --to json | jq '.actionItems.items[] | .text'`,
    )
    .action(async (file: string, flags: Flags) => {
      process.exitCode = await runRender(file, flags);
    });
}
