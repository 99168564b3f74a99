// The raw lines around one evidence line, read by the server from the file on demand.
import { api } from './api.js';
import { el, replace } from './dom.js';

/**
 * @param {HTMLElement} box where the lines go
 * @param {string} caseId
 * @param {{ file: string, line: number }} ev
 * @param {Node[]} [extra] nodes put after the heading (a close button)
 */
export async function showLines(box, caseId, ev, extra = []) {
  replace(box, el('p', {}, `Reading ${ev.file}:${ev.line}…`));
  try {
    const res = await api(
      `/api/cases/${encodeURIComponent(caseId)}/lines?file=${encodeURIComponent(ev.file)}&line=${ev.line}&context=5`,
    );
    replace(
      box,
      el('h3', {}, `${ev.file}:${ev.line}`),
      ...extra,
      el(
        'pre',
        { class: 'lines' },
        ...res.lines.map((l) =>
          el(
            'div',
            { class: l.line === ev.line ? 'hit' : '', 'data-line': String(l.line) },
            el('span', { class: 'ln' }, String(l.line).padStart(6, ' ')),
            ` ${l.text}${l.truncated ? ' …' : ''}`,
          ),
        ),
      ),
    );
    box.scrollIntoView({ block: 'nearest' });
  } catch (err) {
    replace(box, el('p', { class: 'error', role: 'alert' }, err.message), ...extra);
  }
}
