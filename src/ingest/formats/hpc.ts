/**
 * The Los Alamos HPC cluster event log (the Loghub `HPC` data set): `134681 node-246 unix.hw
 * state_change.unavailable 1077804742 1 Component State Change: …` — record id, node, component,
 * state, epoch seconds, flag, message.
 *
 * The file is a dump of event records in record order, not time order (neighbouring lines are
 * months apart), so the reader sorts it. The records carry no severity: the level comes from the
 * state they report, and only from states that name a failure.
 */
import type { Level } from '../../core/level.js';
import { detectByParse, type LogFormat, type ParsedEntry } from '../format.js';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

// The last part of the state (`clusterfilesystem.not_served` → `not_served`) to a level.
const STATE_LEVELS: ReadonlyMap<string, Level> = new Map([
  ['panic', 'critical'],
  ['error', 'error'],
  ['abort', 'error'],
  ['failure', 'error'],
  ['down', 'warn'],
  ['unavailable', 'warn'],
  ['not_served', 'warn'],
  ['no_server', 'warn'],
  ['full', 'warn'],
  ['temphigh', 'warn'],
]);

/** End of the space-free token at i (at most `max` characters), or -1 when empty or too long. */
function token(s: string, i: number, max: number): number {
  let j = i;
  while (j < s.length && s.charCodeAt(j) !== 32) if (++j - i > max) return -1;
  return j > i ? j : -1;
}

/** End of the run of digits at i (an optional `-` first when `signed`), or -1. */
function number(s: string, i: number, max: number, signed: boolean): number {
  let j = signed && s.charCodeAt(i) === 45 ? i + 1 : i;
  const start = j;
  while (isDigit(s.charCodeAt(j)) && j - start < max) j++;
  return j > start ? j : -1;
}

function parse(line: string): ParsedEntry | null {
  const idEnd = number(line, 0, 12, false);
  if (idEnd < 0 || line.charCodeAt(idEnd) !== 32) return null;
  const ends: number[] = [];
  let at = idEnd + 1;
  // Node, component, state.
  for (let k = 0; k < 3; k++) {
    const end = token(line, at, 128);
    if (end < 0 || line.charCodeAt(end) !== 32) return null;
    ends.push(end);
    at = end + 1;
  }
  const epochAt = at;
  const epochEnd = number(line, epochAt, 11, false);
  // Epoch seconds have 9 or 10 digits from 1973 to 2286.
  if (epochEnd - epochAt < 9 || line.charCodeAt(epochEnd) !== 32) return null;
  const flagEnd = number(line, epochEnd + 1, 6, true);
  if (flagEnd < 0 || (flagEnd < line.length && line.charCodeAt(flagEnd) !== 32)) return null;
  const [nodeEnd, componentEnd, stateEnd] = ends as [number, number, number];
  const state = line.slice(componentEnd + 1, stateEnd);
  const entry: ParsedEntry = {
    ts: Number(line.slice(epochAt, epochEnd)) * 1000,
    tsText: line.slice(epochAt, epochEnd),
    zoned: true,
    message: line.slice(flagEnd + 1).trim(),
    attrs: {
      logId: Number(line.slice(0, idEnd)),
      node: line.slice(idEnd + 1, nodeEnd),
      component: line.slice(nodeEnd + 1, componentEnd),
      state,
      flag: Number(line.slice(epochEnd + 1, flagEnd)),
    },
  };
  const level = STATE_LEVELS.get(state.slice(state.lastIndexOf('.') + 1));
  if (level !== undefined) entry.level = level;
  return entry;
}

export const hpc: LogFormat = {
  id: 'hpc',
  aliases: ['lanl-hpc'],
  description:
    'Los Alamos HPC cluster event log (Loghub HPC): node, component, state; sorted by time',
  multiline: false,
  unordered: true,
  detect: (sample, ctx) => detectByParse(hpc, sample, ctx),
  parse,
};
