/* global performance, requestAnimationFrame, setTimeout, clearTimeout, URLSearchParams */
// The case's whole timeline: a zoomable overview, filters, and a virtualised list of every event
// whose rows open the raw lines around them. Interactions are timed with the Performance API.
import { api } from './api.js';
import { el, replace } from './dom.js';
import { showLines } from './lines.js';
import { overview } from './overview.js';
import { virtualList } from './virtual-list.js';

const LEVELS = ['trace', 'debug', 'info', 'notice', 'warn', 'error', 'critical', 'fatal'];
const SEARCH_DELAY_MS = 300;
/** How often a search still scanning on the server is asked for more. */
const FOLLOW_MS = 150;

/** Measures from `start` to just after the next frame is painted, as `tl-<kind>`. */
function measureAfterFrame(kind, start) {
  requestAnimationFrame(() =>
    setTimeout(() => performance.measure(`tl-${kind}`, { start, end: performance.now() }), 0),
  );
}

/** @param {string} caseId */
export function timelineSection(caseId) {
  const base = `/api/cases/${encodeURIComponent(caseId)}/events`;
  const section = el(
    'section',
    { 'aria-labelledby': 'timeline-h', class: 'timeline' },
    el('h2', { id: 'timeline-h' }, 'Timeline'),
  );
  const status = el(
    'p',
    { id: 'tl-count', role: 'status', class: 'muted' },
    'Indexing the events…',
  );
  const drill = el('div', {
    class: 'tl-drill',
    id: 'tl-drill',
    role: 'region',
    'aria-label': 'Raw lines',
    hidden: true,
  });
  /** `template`: one of the analysis's templates ({ source, template, count }), or null. */
  const filters = { sources: new Set(), level: '', q: '', template: null };
  /** The analysis's templates, once it arrives: [group label, templates] pairs. */
  let templateGroups = null;
  let templateSelect;
  let allSources = [];
  let seq = 0;
  let first = true;
  let scrollStart = 0;
  let extent;

  const params = (extra = {}) => {
    const p = new URLSearchParams();
    p.set('from', String(Math.floor(ov.view.from)));
    p.set('to', String(Math.ceil(ov.view.to)));
    // A template belongs to one source: choosing it shows that source only.
    if (filters.template) {
      p.set('source', filters.template.source);
      p.set('template', filters.template.template);
    } else if (filters.sources.size > 0 && filters.sources.size < allSources.length)
      p.set('source', [...filters.sources].join(','));
    if (filters.level) p.set('level', filters.level);
    if (filters.q) p.set('q', filters.q);
    for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
    return p.toString();
  };

  const list = virtualList({
    label: 'Events',
    height: 440,
    fetchPage: async (cursor, limit) => (await api(`${base}?${params({ cursor, limit })}`)).events,
    renderRow: (r) => [
      el('time', { class: 't', datetime: r.ts }, r.ts.slice(11, 23)),
      el('span', { class: 's' }, r.source),
      el('span', { class: `l lvl-${r.level}` }, r.level),
      el('span', { class: 'm' }, r.message),
    ],
    rowText: (r) => `${r.ts.slice(11, 23)} ${r.source} ${r.level}: ${r.message}`,
    onOpen: (r) => openDrill(r),
    onRendered: (complete) => {
      if (complete && scrollStart) {
        measureAfterFrame('scroll', scrollStart);
        scrollStart = 0;
      }
    },
  });
  list.element.addEventListener('scroll', () => {
    if (!scrollStart) scrollStart = performance.now();
  });

  const ov = overview({
    onView: (_from, _to, kind) => refresh(kind),
    onPick: (ms) => jump(ms, 'jump'),
  });

  function closeDrill() {
    drill.hidden = true;
    replace(drill);
    list.focus();
  }
  function openDrill(r) {
    drill.hidden = false;
    const close = el(
      'button',
      { type: 'button', id: 'tl-drill-close', onclick: closeDrill },
      'Close (Esc)',
    );
    void showLines(drill, caseId, { file: r.file, line: r.line }, [close]);
  }
  section.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !drill.hidden) {
      e.preventDefault();
      closeDrill();
    }
  });

  /** New view or filters: the histogram and the first page are fetched together. */
  async function refresh(kind, at) {
    const start = performance.now();
    const mine = ++seq;
    const bins = Math.max(50, Math.min(600, Math.floor((ov.canvas.clientWidth || 900) / 3)));
    try {
      const [h, page] = await Promise.all([
        api(`${base}/histogram?${params({ bins })}`),
        api(`${base}?${params(at !== undefined ? { at, limit: 200 } : { cursor: 0, limit: 200 })}`),
      ]);
      if (mine !== seq) return;
      ov.show(h);
      if (first) {
        first = false;
        performance.measure('tl-first-chart', { start: 0, end: performance.now() });
      }
      list.reset(page.total, page.cursor, { cursor: page.cursor, rows: page.events });
      showCount(h);
      measureAfterFrame(kind, start);
      if (h.partial || page.partial) setTimeout(() => follow(mine, kind, start), FOLLOW_MS);
      else measureAfterFrame(`${kind}-complete`, start);
    } catch (err) {
      if (mine === seq) status.textContent = `Could not load the events: ${err.message}`;
    }
  }

  function showCount(h) {
    status.textContent = h.partial
      ? `${h.total.toLocaleString('en')} events so far, searching (${Math.round(h.scanned * 100)}% read)…`
      : `${h.total.toLocaleString('en')} events in view`;
  }

  /** A search still scanning on the server: the overview and the list grow until it is done. */
  async function follow(mine, kind, start) {
    if (mine !== seq) return;
    const bins = Math.max(50, Math.min(600, Math.floor((ov.canvas.clientWidth || 900) / 3)));
    try {
      const h = await api(`${base}/histogram?${params({ bins })}`);
      if (mine !== seq) return;
      ov.show(h);
      list.grow(h.total);
      showCount(h);
      if (h.partial) setTimeout(() => follow(mine, kind, start), FOLLOW_MS);
      else measureAfterFrame(`${kind}-complete`, start);
    } catch (err) {
      if (mine === seq) status.textContent = `Could not load the events: ${err.message}`;
    }
  }

  /** Scrolls the list to the first event at or after `ms` (within the current view and filters). */
  async function jump(ms, kind = 'jump') {
    const start = performance.now();
    const mine = ++seq;
    try {
      const page = await api(`${base}?${params({ at: Math.floor(ms), limit: 200 })}`);
      if (mine !== seq) return;
      list.reset(page.total, page.cursor, { cursor: page.cursor, rows: page.events });
      measureAfterFrame(kind, start);
    } catch (err) {
      status.textContent = `Could not load the events: ${err.message}`;
    }
  }

  /** Fills the template list from the analysis; the choices keep their order (top errors first). */
  function fillTemplates() {
    if (!templateSelect || !templateGroups) return;
    const all = templateGroups.flatMap(([, list]) => list);
    replace(
      templateSelect,
      el('option', { value: '' }, all.length ? 'any' : 'none found by the analysis'),
      ...templateGroups
        .filter(([, list]) => list.length > 0)
        .map(([label, list]) =>
          el(
            'optgroup',
            { label },
            ...list.map((t) =>
              el(
                'option',
                { value: String(all.indexOf(t)) },
                `${t.count.toLocaleString('en')} × ${t.template} (${t.source})`,
              ),
            ),
          ),
        ),
    );
    templateSelect.disabled = all.length === 0;
    templateSelect.onchange = () => {
      filters.template = templateSelect.value === '' ? null : all[Number(templateSelect.value)];
      // The closed list cuts long templates: the whole one is a hover away.
      templateSelect.title = filters.template ? filters.template.template : '';
      refresh('filter');
    };
  }

  function filterBar(summary) {
    templateSelect = el(
      'select',
      { id: 'tl-template', disabled: true, class: 'tl-template' },
      el('option', { value: '' }, 'waiting for the analysis…'),
    );
    fillTemplates();
    const level = el(
      'select',
      { id: 'tl-level' },
      el('option', { value: '' }, 'any'),
      ...LEVELS.filter((l) => summary.levels[l]).map((l) =>
        el('option', { value: l }, `${l} and above`),
      ),
    );
    level.addEventListener('change', () => {
      filters.level = level.value;
      refresh('filter');
    });
    const q = el('input', {
      id: 'tl-q',
      type: 'search',
      placeholder: 'text or /regex/',
      size: '28',
    });
    let timer;
    const search = () => {
      clearTimeout(timer);
      if (filters.q === q.value.trim()) return;
      filters.q = q.value.trim();
      refresh('search');
    };
    q.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(search, SEARCH_DELAY_MS);
    });
    q.addEventListener('keydown', (e) => e.key === 'Enter' && search());
    const boxes = summary.sources.map((name, i) => {
      const box = el('input', { type: 'checkbox', id: `tl-src-${i}`, value: name, checked: true });
      box.addEventListener('change', () => {
        if (box.checked) filters.sources.add(name);
        else filters.sources.delete(name);
        refresh('filter');
      });
      return el('label', { class: 'src' }, box, ` ${name}`);
    });
    return el(
      'div',
      { class: 'timeline-bar' },
      el('fieldset', { class: 'sources' }, el('legend', {}, 'Sources'), ...boxes),
      el('label', {}, 'Minimum level ', level),
      el('label', {}, 'Search ', q),
      el('label', {}, 'Template ', templateSelect),
    );
  }

  async function load() {
    const summary = await api(`${base}/summary`);
    allSources = summary.sources;
    filters.sources = new Set(allSources);
    if (summary.total === 0) {
      status.textContent = 'This case has no events.';
      return;
    }
    extent = { from: summary.from, to: summary.to + 1 };
    ov.setExtent(extent.from, extent.to, summary.focus ?? undefined);
    section.append(
      filterBar(summary),
      ov.element,
      el(
        'div',
        { class: 'vhead', 'aria-hidden': 'true' },
        el('span', { class: 't' }, 'Time (UTC)'),
        el('span', {}, 'Source · level · message'),
      ),
      list.element,
      el(
        'p',
        { class: 'muted' },
        '↑/↓, Page Up/Down, Home/End move through the events; Enter opens the raw lines, Esc closes them.',
      ),
      drill,
    );
    await refresh('first');
  }

  section.append(status);
  load().catch((err) => (status.textContent = `Could not load the events: ${err.message}`));
  return {
    element: section,
    /**
     * The templates of the case's analysis (docs/analysis-schema.md `templates`), offered as a
     * filter once it has arrived: the index does not mine templates itself.
     */
    setTemplates(templates) {
      const pick = (list) =>
        (Array.isArray(list) ? list : []).filter(
          (t) =>
            t &&
            typeof t.template === 'string' &&
            typeof t.source === 'string' &&
            typeof t.count === 'number',
        );
      templateGroups = [
        ['Top errors', pick(templates?.topErrors)],
        ['New in the incident', pick(templates?.new)],
      ];
      fillTemplates();
    },
    /** Shows the events at an ISO time, zooming out to the whole case when it is outside the view. */
    scrollToTime(iso) {
      const ms = Date.parse(iso);
      if (!Number.isFinite(ms)) return;
      section.scrollIntoView({ block: 'start' });
      if (extent && (ms < ov.view.from || ms >= ov.view.to)) {
        ov.setExtent(extent.from, extent.to);
        void refresh('jump', Math.floor(ms));
      } else void jump(ms, 'jump');
    },
  };
}
