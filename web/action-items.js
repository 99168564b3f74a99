/* global document */
// The postmortem's action items as a table, overdue ones marked; reloaded whenever the editor saves.
import { api } from './api.js';
import { el, replace } from './dom.js';

const COLUMNS = ['ID', 'Action', 'Owner', 'Due', 'Priority', 'Type', 'Status', 'Ticket'];

function ticketCell(t) {
  if (!t) return '';
  // The server passes only http(s) URLs; the link text is the cell's text.
  return t.url
    ? el('a', { href: t.url, rel: 'noopener noreferrer', target: '_blank' }, t.text)
    : t.text;
}

function table(items) {
  return el(
    'table',
    { class: 'actions', id: 'actions-table' },
    el(
      'caption',
      { class: 'muted' },
      `${items.length} action item(s), ${items.filter((i) => i.overdue).length} overdue`,
    ),
    el('thead', {}, el('tr', {}, ...COLUMNS.map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      ...items.map((i) =>
        el(
          'tr',
          { class: i.overdue ? 'overdue' : '' },
          el('td', {}, i.id ?? ''),
          el('td', {}, i.action),
          el('td', {}, i.owner ?? ''),
          el(
            'td',
            {},
            i.due ?? '',
            i.overdue ? ' ' : '',
            i.overdue ? el('span', { class: 'badge' }, 'overdue') : '',
          ),
          el('td', {}, i.priority ?? ''),
          el('td', {}, i.type ?? ''),
          el('td', {}, i.status ?? ''),
          el('td', {}, ticketCell(i.ticket)),
        ),
      ),
    ),
  );
}

/** @param {{ docs: { id: string, name: string }[] }} served */
export function actionItemsSection(served) {
  const body = el('div', { 'aria-live': 'polite' });
  const section = el(
    'section',
    { 'aria-labelledby': 'actions-h' },
    el('h2', { id: 'actions-h' }, 'Action items'),
    body,
  );
  let shown;
  async function load(docId) {
    shown = docId;
    if (!docId) {
      replace(body, el('p', { class: 'muted' }, 'No postmortem yet, so no action items.'));
      return;
    }
    try {
      const res = await api(`/api/docs/${encodeURIComponent(docId)}/action-items`);
      replace(
        body,
        res.items.length === 0
          ? el('p', { class: 'muted' }, 'The postmortem lists no action items.')
          : table(res.items),
      );
    } catch (err) {
      replace(body, el('p', { class: 'error', role: 'alert' }, err.message));
    }
  }
  // The editor announces loads and saves; the table follows the file it shows.
  const onDoc = (e) => {
    if (!section.isConnected) document.removeEventListener('aftermath:doc', onDoc);
    // The file shown, loaded again unchanged, needs no second request.
    else if (e.detail.reason !== 'load' || e.detail.id !== shown) void load(e.detail.id);
  };
  document.addEventListener('aftermath:doc', onDoc);
  void load(served.docs[0]?.id);
  return section;
}
