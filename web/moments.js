// The key moments as a filterable table; each evidence link opens the raw lines around it.
import { api } from './api.js';
import { clock, el, replace } from './dom.js';

function options(values) {
  return [el('option', { value: '' }, 'all'), ...values.map((v) => el('option', { value: v }, v))];
}

/** @param {string} caseId @param {any} a the analysis JSON */
export function momentsSection(caseId, a) {
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

  async function openLines(ev) {
    replace(drill, el('p', {}, `Reading ${ev.file}:${ev.line}…`));
    try {
      const res = await api(
        `/api/cases/${encodeURIComponent(caseId)}/lines?file=${encodeURIComponent(ev.file)}&line=${ev.line}&context=5`,
      );
      replace(
        drill,
        el('h3', {}, `${ev.file}:${ev.line}`),
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
      drill.scrollIntoView({ block: 'nearest' });
    } catch (err) {
      replace(drill, el('p', { class: 'error', role: 'alert' }, err.message));
    }
  }

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
          el('td', {}, el('time', { datetime: m.ts ?? '' }, clock(m.ts))),
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
