/**
 * What the benchmark runs: aftermath's timeline (JSONL and count-only), lnav as the peer, and
 * `wc -l` as the floor. Each says whether it can run here and how to check what it printed.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';

export type SubjectId = 'timeline' | 'count' | 'lnav' | 'wc';

export const SUBJECT_IDS: readonly SubjectId[] = ['timeline', 'count', 'lnav', 'wc'];

export interface Invocation {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Whether stdout is kept (to check it) rather than sent to /dev/null. */
  keepStdout: boolean;
}

export interface Subject {
  id: SubjectId;
  label: string;
  /** The command as the report shows it, with `<files>` for the input. */
  display: string;
  /** Why it cannot run here, when it cannot. */
  unavailable?: string;
  /** Builds the invocation for one run; `scratch` is a fresh directory for that run. */
  invocation(files: readonly string[], scratch: string): Promise<Invocation>;
  /** Reads the kept stdout: what the command reported, and whether it matches the input. */
  check?(stdout: string): Check;
}

/** `ok` is absent when there is nothing to compare with. */
export interface Check {
  note: string;
  ok?: boolean;
}

export interface Expected {
  /** Physical lines, what `wc -l` counts. */
  lines: number;
  /** Entries once continuation lines are folded in, what lnav counts. */
  entries: number;
}

const firstLine = (text: string): string => text.trim().split('\n')[0]?.slice(0, 200) ?? '';

/** The line of a failure that says what went wrong (node prints the source line first). */
const errorLine = (text: string): string =>
  (text.split('\n').find((l) => /\b\w*Error\b|^error:/i.test(l)) ?? firstLine(text))
    .trim()
    .slice(0, 200);

/** Runs a quick probe (`--help`, `-V`); returns stdout, or the reason it failed. */
function probe(
  command: string,
  args: string[],
  cwd: string,
): { ok: true; out: string } | { ok: false; why: string } {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error) return { ok: false, why: r.error.message };
  if (r.status !== 0)
    return { ok: false, why: `exit ${r.status}: ${errorLine(r.stderr || r.stdout)}` };
  return { ok: true, out: `${r.stdout}\n${r.stderr}` };
}

const lastInteger = (text: string): number | undefined => {
  const all = text.match(/\d+/g);
  return all ? Number(all[all.length - 1]) : undefined;
};

/** The bench's lnav format for the API's pino JSON lines: lnav 0.11 would skip that file otherwise. */
export const LNAV_FORMAT = new URL('../lnav/shop_api_json.json', import.meta.url);

/** `root`: the repository; `cliRoot`: where the built CLI to measure lives (a snapshot of it). */
export function makeSubjects(root: string, cliRoot: string, expected: Expected): Subject[] {
  const cli = join(cliRoot, 'bin', 'aftermath.js');
  const help = probe(process.execPath, [cli, 'timeline', '--help'], root);
  const noTimeline = help.ok ? undefined : `\`aftermath timeline\` does not run yet (${help.why})`;
  const noCount =
    noTimeline ??
    (help.ok && !help.out.includes('--count')
      ? '`aftermath timeline --count` does not exist yet'
      : undefined);
  const lnavVersion = probe('lnav', ['-V'], root);
  const noLnav = lnavVersion.ok
    ? undefined
    : `lnav is not installed (apt-get install lnav): ${lnavVersion.why}`;
  const node = { ...process.env, NO_COLOR: '1' };

  return [
    {
      id: 'timeline',
      label: 'aftermath timeline --format jsonl',
      display: 'node bin/aftermath.js timeline <files> --format jsonl > /dev/null',
      ...(noTimeline === undefined ? {} : { unavailable: noTimeline }),
      invocation: async (files) => ({
        command: process.execPath,
        args: [cli, 'timeline', ...files, '--format', 'jsonl'],
        env: node,
        keepStdout: false,
      }),
    },
    {
      id: 'count',
      label: 'aftermath timeline --count',
      display: 'node bin/aftermath.js timeline <files> --count',
      ...(noCount === undefined ? {} : { unavailable: noCount }),
      invocation: async (files) => ({
        command: process.execPath,
        args: [cli, 'timeline', ...files, '--count'],
        env: node,
        keepStdout: true,
      }),
      // The output format is the CLI's to choose: keep it for the report, do not judge it.
      check: (stdout) => ({ note: `printed: ${firstLine(stdout.replace(/\s+/g, ' '))}` }),
    },
    {
      id: 'lnav',
      label: "lnav -n -c ';SELECT count(*) FROM all_logs'",
      display: "HOME=<fresh> lnav -n -c ';SELECT count(*) FROM all_logs' <files>",
      ...(noLnav === undefined ? {} : { unavailable: noLnav }),
      invocation: async (files, scratch) => {
        // A fresh HOME per run: no config, index state or crash dumps carry over between runs.
        const home = await mkdtemp(join(scratch, 'home-'));
        const formats = join(home, '.lnav', 'formats', 'installed');
        await mkdir(formats, { recursive: true });
        await copyFile(LNAV_FORMAT, join(formats, 'shop_api_json.json'));
        const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
        delete env.XDG_CONFIG_HOME;
        return {
          command: 'lnav',
          args: ['-n', '-c', ';SELECT count(*) FROM all_logs', ...files],
          env,
          keepStdout: true,
        };
      },
      check: (stdout) => {
        const n = lastInteger(stdout);
        const ok = n === expected.entries;
        return { note: `counted ${n ?? '?'} entries, expected ${expected.entries}`, ok };
      },
    },
    {
      id: 'wc',
      label: 'wc -l',
      display: 'wc -l <files>',
      invocation: async (files) => ({
        command: 'wc',
        args: ['-l', ...files],
        env: { ...process.env, LC_ALL: 'C' },
        keepStdout: true,
      }),
      check: (stdout) => {
        const n = lastInteger(stdout.trim().split('\n').pop() ?? '');
        return {
          note: `counted ${n ?? '?'} lines, expected ${expected.lines}`,
          ok: n === expected.lines,
        };
      },
    },
  ];
}
