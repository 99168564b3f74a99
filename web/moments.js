// The key moments as a filterable table; each evidence link opens the raw lines around it.
import { clock, el, replace } from './dom.js';
import { showLines } from './lines.js';

function options(values) {
  return [el('option', { value: '' }, 'all'), ...values.map((v) => el('option', { value: v }, v))];
}

/**
 * @param {string} caseId @param {any} a the analysis JSON
 * @param {(ts: string) => void} [onTime] shows a moment's time in the timeline
 */
export function momentsSection(caseId, a, onTime) {
  const moments = a.moments ?? [];
  const drill = el('div', { class: 'drill', id: 'drill', 'aria-live': 'polite' });
  const source = el(
    'select',
    { id: 'f-source' },
    ...options([...new Set(moments.map((m) => m.source))].sort()),
  );
  const kind = el(
    'select',
    { id: 'f-kind' },
    ...options([...new Set(moments.map((m) => m.kind))].sort()),
  );
  const text = el('input', { id: 'f-text', type: 'search', placeholder: 'text' });
  const body = el('tbody');
  const count = el('span', { class: 'muted' });

  const openLines = (ev) => showLines(drill, caseId, ev);

  function render() {
    const q = text.value.trim().toLowerCase();
    const shown = moments.filter(
      (m) =>
        (!source.value || m.source === source.value) &&
        (!kind.value || m.kind === kind.value) &&
        (!q || m.title.toLowerCase().includes(q)),
    );
    count.textContent = ` ${shown.length} of ${moments.length}`;
    replace(
      body,
      ...shown.map((m) =>
        el(
          'tr',
          {},
          el(
            'td',
            {},
            m.ts && onTime
              ? el(
                  'button',
                  {
                    type: 'button',
                    class: 'to-timeline',
                    'aria-label': `Show ${clock(m.ts)} in the timeline`,
                    onclick: () => onTime(m.ts),
                  },
                  el('time', { datetime: m.ts }, clock(m.ts)),
                )
              : el('time', { datetime: m.ts ?? '' }, clock(m.ts)),
          ),
          el('td', {}, m.kind),
          el('td', {}, m.source),
          el('td', {}, m.title),
          el(
            'td',
            {},
            ...m.evidence.map((ev) =>
              el(
                'button',
                { type: 'button', class: 'evidence', onclick: () => openLines(ev) },
                `${ev.file}:${ev.line}`,
              ),
            ),
          ),
        ),
      ),
    );
  }
  for (const input of [source, kind]) input.addEventListener('change', render);
  text.addEventListener('input', render);
  render();
  return el(
    'section',
    { 'aria-labelledby': 'moments-h' },
    el('h2', { id: 'moments-h' }, 'Key moments'),
    el(
      'div',
      { class: 'filters' },
      el('label', {}, 'Source ', source),
      el('label', {}, 'Kind ', kind),
      el('label', {}, 'Text ', text),
      count,
    ),
    el(
      'table',
      { class: 'moments' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['Time (UTC)', 'Kind', 'Source', 'What', 'Evidence'].map((h) => el('th', {}, h)),
        ),
      ),
      body,
    ),
    drill,
  );
}
