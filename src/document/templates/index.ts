/** Templates: the built-in ones (a literal registry) and custom ones read from a folder by the caller. */
import { AftermathError } from '../../errors.js';
import { DEFAULT_TEMPLATE } from './default.js';
import { GOOGLE_SRE_TEMPLATE } from './google-sre.js';
import { MINIMAL_TEMPLATE } from './minimal.js';

export interface Template {
  name: string;
  description: string;
  text: string;
  builtIn: boolean;
}

export const BUILT_IN_TEMPLATES: readonly Template[] = [
  {
    name: 'default',
    description: 'every section of the Google SRE, PagerDuty and Atlassian formats, with guidance',
    text: DEFAULT_TEMPLATE,
    builtIn: true,
  },
  {
    name: 'google-sre',
    description: "the order of the example postmortem in Google's SRE book",
    text: GOOGLE_SRE_TEMPLATE,
    builtIn: true,
  },
  {
    name: 'minimal',
    description: 'summary, impact, timeline, root cause, action items',
    text: MINIMAL_TEMPLATE,
    builtIn: true,
  },
];

/**
 * Custom templates from files (`<name>.md` each); the caller reads the folder. A leading
 * `<!-- description -->` line describes the template in listings.
 */
export function customTemplates(files: readonly { path: string; text: string }[]): Template[] {
  return files
    .filter((f) => f.path.toLowerCase().endsWith('.md'))
    .map((f) => {
      const base = f.path.split(/[\\/]/).pop() ?? f.path;
      const desc = /^\s*<!--\s*(.*?)\s*-->/.exec(f.text.replace(/^---[\s\S]*?\n---\r?\n/, ''));
      return {
        name: base.replace(/\.md$/i, ''),
        description: desc?.[1] ?? 'custom template',
        text: f.text,
        builtIn: false,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A template by name; custom templates shadow built-in ones of the same name. */
export function findTemplate(name: string, custom: readonly Template[] = []): Template {
  const t = custom.find((c) => c.name === name) ?? BUILT_IN_TEMPLATES.find((c) => c.name === name);
  if (t) return t;
  const names = [...new Set([...custom, ...BUILT_IN_TEMPLATES].map((c) => c.name))].join(', ');
  throw new AftermathError(
    'unknown-template',
    `unknown template "${name}": expected one of ${names}`,
  );
}
