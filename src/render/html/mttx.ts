/**
 * MTTx as one bar from the start of the incident to its resolution, a segment per stage reached
 * (detect, acknowledge, mitigate, resolve), and a list of the five points where an unknown one
 * says it is unknown and why, instead of disappearing.
 */
import { markup, type SafeHtml } from './escape.js';
import { evidenceList } from './evidence.js';
import { clock, duration, msOf } from './format.js';
import { MTTX_KEYS, type MttxJson, type MttxKey } from './types.js';

const NAMES: Record<MttxKey, { point: string; phase: string; colour: string }> = {
  started: { point: 'started', phase: '', colour: '' },
  detected: { point: 'detected', phase: 'detect', colour: '#f08c00' },
  acknowledged: { point: 'acknowledged', phase: 'acknowledge', colour: '#e8590c' },
  mitigated: { point: 'mitigated', phase: 'mitigate', colour: '#0c8599' },
  resolved: { point: 'resolved', phase: 'resolve', colour: '#2b8a3e' },
};

export function mttxBar(m: MttxJson): SafeHtml {
  const at = (k: MttxKey): number | undefined => msOf(m[k]?.ts);
  const start = at('started');
  const known = MTTX_KEYS.filter((k) => at(k) !== undefined);
  const end = Math.max(...known.map((k) => at(k) ?? -Infinity));
  const stages = markup`<ol class="mttx-stages">
    ${MTTX_KEYS.map((k) => {
      const p = m[k];
      const ms = at(k);
      if (ms === undefined || !p)
        return markup`<li class="stage unknown">
          <span class="stage-name">${NAMES[k].point}</span> <span class="stage-time">unknown</span>
          <span class="stage-how">${p?.how ?? 'not in the analysis'}</span>
        </li>`;
      const since =
        start !== undefined && k !== 'started' ? ` (+${duration((ms - start) / 1000)})` : '';
      return markup`<li class="stage known">
        <span class="stage-name">${NAMES[k].point}</span>
        <span class="stage-time">${clock(ms)} UTC${since}</span>
        <span class="stage-how"
          >${p.how.replace(/_/g, ' ')}${p.source ? ` in ${p.source}` : ''}${p.evidence.length ? markup` · ${evidenceList(p.evidence, ', ')}` : ''}</span
        >
      </li>`;
    })}
  </ol>`;
  if (start === undefined || !(end > start))
    return markup`<p class="empty">
        The incident's start${start === undefined ? '' : ' or end'} is unknown: no bar can be drawn.
      </p>
      ${stages}`;

  const segments: SafeHtml[] = [];
  let prev = start;
  let skipped: MttxKey[] = [];
  for (const k of MTTX_KEYS.slice(1)) {
    const ms = at(k);
    if (ms === undefined) {
      skipped.push(k);
      continue;
    }
    const width = (Math.max(0, ms - prev) / (end - start)) * 100;
    const unknownNote = skipped.length
      ? ` (${skipped.map((s) => NAMES[s].point).join(', ')} unknown)`
      : '';
    const text = `${NAMES[k].phase} ${duration(Math.max(0, ms - prev) / 1000)}${unknownNote}`;
    segments.push(
      markup`<div
        class="seg${skipped.length ? ' seg-gap' : ''}"
        style="width:${width.toFixed(2)}%;--seg:${NAMES[k].colour}"
        title="${text}"
      >
        <span>${text}</span>
      </div>`,
    );
    prev = Math.max(prev, ms);
    skipped = [];
  }
  const tail = skipped.length
    ? markup`<div class="seg seg-unknown">
        <span>${skipped.map((s) => NAMES[s].point).join(', ')}: unknown</span>
      </div>`
    : '';
  const summary = MTTX_KEYS.slice(1)
    .map(
      (k) =>
        `${NAMES[k].point} ${at(k) === undefined ? 'unknown' : `after ${duration(((at(k) ?? 0) - start) / 1000)}`}`,
    )
    .join(', ');
  return markup`<p class="mttx-note">
      Each segment is one stage, from the start of impact to its resolution; hatched where a stage
      in between is unknown.
    </p>
    <div
      class="mttx-bar"
      role="img"
      aria-label="${`From the start at ${clock(start)} UTC: ${summary}.`}"
    >
      ${segments}${tail}
    </div>
    ${stages}`;
}
