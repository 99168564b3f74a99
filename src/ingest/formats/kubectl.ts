/**
 * Kubernetes container logs: `kubectl logs --timestamps [--prefix]` and CRI files under
 * /var/log/pods. Detection rule (this format and `generic` both read "RFC 3339 time + text"):
 * a line is kubectl only when its time has `T` and a zone, is followed by exactly one space, and
 * either carries the CRI `stdout|stderr F|P` marker, or the `[pod/name/container]` prefix, or has
 * exactly 9 fraction digits (kubelet writes `.000000000Z07:00`; applications rarely do).
 */
import type { Attrs } from '../../core/event.js';
import { digits, scanIso } from '../../core/time.js';
import { UTC } from '../../core/zone.js';
import { detectByParse, type LogFormat } from '../format.js';
import { embeddingFormat, type EmbeddingRecord } from './json-embedded.js';

const MAX_PREFIX = 320;
const F = 70;
const P = 80;

/** `[pod/name/container] ` at the start: [pod, container, index past the space]. */
function readPrefix(line: string): [string, string, number] | undefined {
  if (!line.startsWith('[pod/')) return undefined;
  const limit = Math.min(line.length, MAX_PREFIX);
  let close = -1;
  let slash = -1;
  for (let i = 5; i < limit; i++) {
    const c = line.charCodeAt(i);
    if (c === 93) {
      close = i;
      break;
    }
    if (c === 47) slash = i;
    else if (c === 32) return undefined;
  }
  if (close < 0 || slash < 6 || slash === close - 1 || line.charCodeAt(close + 1) !== 32)
    return undefined;
  return [line.slice(5, slash), line.slice(slash + 1, close), close + 2];
}

function readRecord(line: string): EmbeddingRecord | undefined {
  const c = line.charCodeAt(0);
  let i = 0;
  let prefix: [string, string, number] | undefined;
  if (c === 91) {
    prefix = readPrefix(line);
    if (prefix === undefined) return undefined;
    i = prefix[2];
  } else if (c < 48 || c > 57) return undefined;
  if (line.charCodeAt(i + 10) !== 84 /* T */ || digits(line, i, 4) < 0) return undefined;
  // Zoned times do not depend on the zone given.
  const t = scanIso(line, i, UTC);
  if (t === undefined || !t.zoned || line.charCodeAt(t.end) !== 32) return undefined;
  const tsText = line.slice(i, t.end);
  let rest = t.end + 1;
  const attrs: Attrs = {};
  if (prefix !== undefined) {
    attrs.pod = prefix[0];
    attrs.container = prefix[1];
  }
  let stream = '';
  let partial = false;
  const tag = line.charCodeAt(rest + 7);
  const afterTag = line.charCodeAt(rest + 8);
  if (
    (line.startsWith('stdout ', rest) || line.startsWith('stderr ', rest)) &&
    (tag === F || tag === P) &&
    (afterTag === 32 || afterTag === 58 || Number.isNaN(afterTag))
  ) {
    stream = line.slice(rest, rest + 6);
    partial = tag === P;
    const space = line.indexOf(' ', rest + 8);
    rest = space < 0 ? line.length : space + 1;
    attrs.stream = stream;
  } else if (prefix === undefined && !nanoFraction(line, i + 19, t.end)) return undefined;
  return {
    outer: {
      ts: t.ms,
      tsText,
      zoned: true,
      attrs,
      key: `${attrs.pod ?? ''}/${attrs.container ?? ''}/${stream}`,
    },
    text: line.slice(rest),
    partial,
  };
}

/** Exactly nine fraction digits between `from` (the `.`) and the zone. */
function nanoFraction(line: string, from: number, end: number): boolean {
  if (line.charCodeAt(from) !== 46 || end - from < 10) return false;
  const d = line.charCodeAt(from + 10);
  return !(d >= 48 && d <= 57) && digits(line, from + 1, 9) >= 0;
}

const { parse, shape } = embeddingFormat(readRecord);

export const kubectl: LogFormat = {
  id: 'kubectl',
  aliases: ['kubernetes', 'k8s', 'cri', 'containerd'],
  description: 'kubectl logs --timestamps [--prefix] and CRI pod log files (partial lines joined)',
  multiline: false,
  detect: (sample, ctx) => detectByParse(shape, sample, ctx, 1),
  parse,
};
