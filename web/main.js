/* global document, window, location */
// The UI's entry: a hash router over three pages, the case list, one case, and the archive's insights.
import { api, takeToken } from './api.js';
import { casePage } from './case-page.js';
import { el, replace } from './dom.js';
import { insightsPage } from './insights.js';

const view = document.getElementById('view');
const crumb = document.getElementById('crumb');

async function listPage() {
  replace(crumb, '');
  const { cases } = await api('/api/cases');
  if (cases.length === 0) {
    replace(view, el('p', {}, 'No cases here: a case is a folder with an aftermath.yaml.'));
    return;
  }
  replace(
    view,
    el('h1', {}, 'Cases'),
    el(
      'ul',
      { class: 'cases' },
      ...cases.map((c) =>
        el(
          'li',
          {},
          el('a', { href: `#/case/${encodeURIComponent(c.id)}` }, c.title ?? c.name),
          el('span', { class: 'muted' }, ` ${c.name} · ${c.docs.length} postmortem(s)`),
        ),
      ),
    ),
  );
}

async function route() {
  const m = /^#\/case\/([^/]+)/.exec(location.hash);
  try {
    if (m) await casePage(view, crumb, decodeURIComponent(m[1]));
    else if (location.hash.startsWith('#/insights')) await insightsPage(view, crumb);
    else await listPage();
  } catch (err) {
    replace(view, el('p', { class: 'error', role: 'alert' }, `Could not load: ${err.message}`));
  }
}

takeToken();
window.addEventListener('hashchange', route);
route();
