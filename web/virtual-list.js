/* global requestAnimationFrame */
// A listbox over any number of rows: only the visible ones are in the DOM, pages are fetched as
// the list scrolls, and a screen reader hears each row's position out of the total.
import { el, replace } from './dom.js';

export const ROW_PX = 22;
/** Browsers cap an element's height (Firefox near 17.9M px): past this, scrolling is scaled. */
const MAX_SCROLL_PX = 8_000_000;
const PAGE = 200;

/**
 * @param {{
 *   label: string,
 *   height: number,
 *   fetchPage: (cursor: number, limit: number) => Promise<any[]>,
 *   renderRow: (row: any) => (Node | string)[],
 *   rowText: (row: any) => string,
 *   onOpen: (row: any) => void,
 *   onRendered?: (complete: boolean) => void,
 * }} opts
 */
export function virtualList(opts) {
  const visible = Math.ceil(opts.height / ROW_PX) + 1;
  const inner = el('div', { class: 'vinner' });
  const rowsBox = el('div', { class: 'vrows' }, inner);
  // Set through the CSSOM: the page's CSP forbids style attributes.
  rowsBox.style.height = `${opts.height}px`;
  const spacer = el('div', { class: 'vspacer' });
  const scroller = el(
    'div',
    {
      class: 'vlist',
      role: 'listbox',
      tabindex: '0',
      'aria-label': opts.label,
    },
    rowsBox,
    spacer,
  );
  scroller.style.height = `${opts.height}px`;
  let total = 0;
  let active = 0;
  let generation = 0;
  /** page number → rows, or a promise while it loads */
  let pages = new Map();
  let frame = 0;

  const contentPx = () => Math.min(total * ROW_PX, MAX_SCROLL_PX);
  const maxFirst = () => Math.max(0, total - Math.floor(opts.height / ROW_PX));
  const scaled = () => total * ROW_PX > MAX_SCROLL_PX;

  /** The first row shown for a scroll position, and the sub-row shift for smooth scrolling. */
  function firstRow() {
    const top = scroller.scrollTop;
    if (!scaled()) return { first: Math.floor(top / ROW_PX), shift: top % ROW_PX };
    const range = Math.max(1, contentPx() - opts.height);
    return { first: Math.round((top / range) * maxFirst()), shift: 0 };
  }

  function scrollToRow(n) {
    if (!scaled()) scroller.scrollTop = n * ROW_PX;
    else scroller.scrollTop = (n / Math.max(1, maxFirst())) * (contentPx() - opts.height);
  }

  function rowAt(n) {
    const page = pages.get(Math.floor(n / PAGE));
    return Array.isArray(page) ? page[n % PAGE] : undefined;
  }

  function load(p) {
    if (pages.has(p)) return;
    const gen = generation;
    const pending = opts.fetchPage(p * PAGE, PAGE).then(
      (rows) => {
        if (gen !== generation) return;
        pages.set(p, rows);
        schedule();
      },
      () => gen === generation && pages.delete(p),
    );
    pages.set(p, pending);
  }

  function render() {
    frame = 0;
    const { first, shift } = firstRow();
    const last = Math.min(total, first + visible);
    let complete = true;
    const nodes = [];
    for (let n = first; n < last; n++) {
      const row = rowAt(n);
      if (!row) {
        complete = false;
        load(Math.floor(n / PAGE));
      }
      nodes.push(
        el(
          'div',
          {
            role: 'option',
            id: `ev-${n}`,
            class: n === active ? 'vrow active' : 'vrow',
            'aria-posinset': String(n + 1),
            'aria-setsize': String(total),
            'aria-selected': n === active ? 'true' : 'false',
            'data-n': String(n),
            ...(row ? { 'aria-label': opts.rowText(row) } : {}),
          },
          ...(row ? opts.renderRow(row) : [el('span', { class: 'muted' }, '…')]),
        ),
      );
    }
    inner.style.transform = `translateY(${-shift}px)`;
    replace(inner, ...nodes);
    if (total > 0) scroller.setAttribute('aria-activedescendant', `ev-${active}`);
    else scroller.removeAttribute('aria-activedescendant');
    opts.onRendered?.(complete);
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(render);
  }

  function moveTo(n) {
    active = Math.max(0, Math.min(total - 1, n));
    const { first } = firstRow();
    const rowsShown = Math.floor(opts.height / ROW_PX);
    if (active < first) scrollToRow(active);
    else if (active >= first + rowsShown) scrollToRow(active - rowsShown + 1);
    schedule();
  }

  scroller.addEventListener('scroll', schedule);
  scroller.addEventListener('keydown', (e) => {
    const page = Math.floor(opts.height / ROW_PX) - 1;
    const step = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: page,
      PageUp: -page,
      Home: -Infinity,
      End: Infinity,
    }[e.key];
    if (step !== undefined && total > 0) {
      e.preventDefault();
      moveTo(step === Infinity ? total - 1 : step === -Infinity ? 0 : active + step);
    } else if (e.key === 'Enter') {
      const row = rowAt(active);
      if (row) {
        e.preventDefault();
        opts.onOpen(row);
      }
    }
  });
  rowsBox.addEventListener('click', (e) => {
    const target = /** @type {HTMLElement} */ (e.target).closest('.vrow');
    if (!target) return;
    active = Number(target.dataset.n);
    scroller.focus();
    schedule();
    const row = rowAt(active);
    if (row) opts.onOpen(row);
  });

  return {
    element: scroller,
    /**
     * New filters: forget every page and show row `position`; `seed` is a page already fetched
     * (`{ cursor, rows }`), kept when it starts on a page boundary.
     */
    reset(newTotal, position = 0, seed) {
      generation++;
      pages = new Map();
      total = newTotal;
      if (seed && seed.cursor % PAGE === 0 && seed.rows.length > 0)
        pages.set(seed.cursor / PAGE, seed.rows);
      spacer.style.height = `${Math.max(0, contentPx() - opts.height)}px`;
      active = Math.min(position, Math.max(0, total - 1));
      scrollToRow(active);
      schedule();
    },
    /** More rows found (a search still scanning): rows already shown keep their places. */
    grow(newTotal) {
      total = newTotal;
      // A short page was cut by the end of what had been found; it may be longer now.
      for (const [p, rows] of pages) if (Array.isArray(rows) && rows.length < PAGE) pages.delete(p);
      spacer.style.height = `${Math.max(0, contentPx() - opts.height)}px`;
      schedule();
    },
    moveTo,
    get active() {
      return active;
    },
    focus: () => scroller.focus(),
  };
}
