/* global setTimeout, clearTimeout, document, CustomEvent */
// The postmortem editor: live lint findings while typing, saved only over the version loaded.
import { api } from './api.js';
import { el, replace } from './dom.js';

const LINT_DELAY_MS = 400;

/** Tells the rest of the page (the action items) which file is shown and that it changed. */
function announce(id, reason) {
  document.dispatchEvent(new CustomEvent('aftermath:doc', { detail: { id, reason } }));
}

function findingsList(list, findings) {
  replace(
    list,
    ...(findings.length === 0
      ? [el('li', { class: 'muted' }, 'No findings.')]
      : findings.map((f) =>
          el(
            'li',
            { class: `finding ${f.severity}`, 'data-rule': f.ruleId },
            el('span', { class: 'where' }, `${f.line}:${f.column}`),
            ` ${f.severity} `,
            el('code', {}, f.ruleId),
            ` ${f.message}`,
          ),
        )),
  );
}

/** @param {string} caseId @param {{ docs: { id: string, name: string }[] }} served */
export function editorSection(caseId, served) {
  const section = el(
    'section',
    { 'aria-labelledby': 'doc-h' },
    el('h2', { id: 'doc-h' }, 'Postmortem'),
  );
  const status = el('p', { class: 'status', role: 'status' });
  if (served.docs.length === 0) {
    const draft = el('button', { type: 'button' }, 'Draft a postmortem from the evidence');
    draft.addEventListener('click', async () => {
      try {
        const made = await api(`/api/cases/${encodeURIComponent(caseId)}/draft`, {
          method: 'POST',
        });
        served.docs.push({ id: made.id, name: made.name });
        section.replaceWith(editorSection(caseId, served));
      } catch (err) {
        status.textContent = err.message;
      }
    });
    section.append(el('p', {}, 'This case has no postmortem yet. '), draft, status);
    return section;
  }
  const picker = el(
    'select',
    { id: 'doc-pick', 'aria-label': 'Postmortem file' },
    ...served.docs.map((d) => el('option', { value: d.id }, d.name)),
  );
  const text = el('textarea', {
    id: 'doc-text',
    spellcheck: 'true',
    rows: '24',
    'aria-label': 'Postmortem Markdown',
  });
  const save = el('button', { type: 'button', id: 'doc-save' }, 'Save');
  const list = el('ul', { class: 'findings', id: 'findings', 'aria-live': 'polite' });
  let version = '';
  let timer;
  let lintSeq = 0;

  async function load() {
    const doc = await api(`/api/docs/${encodeURIComponent(picker.value)}`);
    text.value = doc.text;
    version = doc.version;
    findingsList(list, doc.findings);
    status.textContent = `Loaded ${doc.name}.`;
    announce(picker.value, 'load');
  }

  async function lintNow() {
    const seq = ++lintSeq;
    const res = await api('/api/lint', {
      method: 'POST',
      body: { text: text.value, source: picker.value },
    });
    // An older answer arriving late must not replace a newer one.
    if (seq === lintSeq) findingsList(list, res.findings);
  }

  text.addEventListener('input', () => {
    status.textContent = 'Unsaved changes.';
    clearTimeout(timer);
    timer = setTimeout(
      () => lintNow().catch((err) => (status.textContent = err.message)),
      LINT_DELAY_MS,
    );
  });
  save.addEventListener('click', async () => {
    try {
      const res = await api(`/api/docs/${encodeURIComponent(picker.value)}`, {
        method: 'PUT',
        body: { text: text.value },
        headers: { 'if-match': `"${version}"` },
      });
      version = res.version;
      findingsList(list, res.findings);
      status.textContent = 'Saved.';
      status.className = 'status';
      announce(picker.value, 'save');
    } catch (err) {
      status.className = 'status error';
      status.textContent =
        err.status === 409
          ? 'Not saved: the file changed on disk since you opened it. Copy your text, reload the file, and apply your edits again.'
          : `Not saved: ${err.message}`;
    }
  });
  picker.addEventListener('change', () =>
    load().catch((err) => (status.textContent = err.message)),
  );
  section.append(
    el('div', { class: 'doc-bar' }, picker, save, status),
    el('div', { class: 'doc' }, text, el('div', {}, el('h3', {}, 'Lint findings'), list)),
  );
  load().catch((err) => (status.textContent = err.message));
  return section;
}
