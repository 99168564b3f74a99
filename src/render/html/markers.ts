/**
 * The key moments drawn as vertical markers on every chart: the ones a reviewer reads a graph
 * against (what changed, when people knew, when it ended). Short labels go on the chart, the
 * moment's full title in its tooltip and in the key-moments table the label links to.
 */
import { clip, msOf } from './format.js';
import type { MomentJson } from './types.js';

export const MARKER_KINDS = [
  'deploy',
  'alert_firing',
  'alert_resolved',
  'onset',
  'mitigation',
  'recovery',
  'oom_kill',
] as const;

/** One colour per kind of moment, shared by the charts, the swimlane and the table. */
export const KIND_COLOURS: Record<string, string> = {
  deploy: '#6f42c1',
  change: '#8b6fc9',
  config_reload: '#8b6fc9',
  restart: '#8b6fc9',
  alert_firing: '#d9480f',
  alert_resolved: '#2f9e44',
  onset: '#c92a2a',
  peak: '#e03131',
  first_error: '#e8590c',
  new_template: '#1c7ed6',
  warning_sign: '#f08c00',
  slow_query: '#f08c00',
  mitigation: '#0c8599',
  recovery: '#2b8a3e',
  oom_kill: '#a61e4d',
};

export const OTHER_COLOUR = '#868e96';

export function kindColour(kind: string): string {
  return KIND_COLOURS[kind] ?? OTHER_COLOUR;
}

/** `alert_firing` → `alert firing`. */
export function kindName(kind: string): string {
  return kind.replace(/_/g, ' ');
}

export interface Marker {
  /** Epoch seconds (uPlot's x unit). */
  t: number;
  kind: string;
  label: string;
  title: string;
  /** The key-moments table row. */
  href: string;
  colour: string;
}

const text = (data: Record<string, unknown> | undefined, key: string): string | undefined => {
  const v = data?.[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
};

function label(m: MomentJson): string {
  const d = m.data;
  switch (m.kind) {
    case 'deploy': {
      const v = text(d, 'version');
      return `deploy${v ? ` ${clip(v, 14)}` : ''}${d?.revert ? ' (revert)' : ''}`;
    }
    case 'alert_firing':
      return `firing ${clip(text(d, 'alertname') ?? 'alert', 28)}`;
    case 'alert_resolved':
      return `resolved ${clip(text(d, 'alertname') ?? 'alert', 28)}`;
    case 'oom_kill':
      return `OOM kill${text(d, 'process') ? ` ${clip(text(d, 'process') ?? '', 16)}` : ''}`;
    default:
      return kindName(m.kind);
  }
}

/** The anchor of a moment's row in the key-moments table. */
export const momentAnchor = (index: number): string => `moment-${index}`;

export function markersOf(moments: readonly MomentJson[]): Marker[] {
  const out: Marker[] = [];
  moments.forEach((m, i) => {
    const ms = msOf(m.ts);
    if (ms === undefined || !(MARKER_KINDS as readonly string[]).includes(m.kind)) return;
    out.push({
      t: ms / 1000,
      kind: m.kind,
      label: label(m),
      title: `${new Date(ms).toISOString().slice(11, 19)} UTC ${m.title}`,
      href: `#${momentAnchor(i)}`,
      colour: kindColour(m.kind),
    });
  });
  return out;
}
