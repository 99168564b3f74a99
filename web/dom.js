/* global document */
// Every piece of data reaches the page as text nodes: log lines are attacker-controlled, so no
// string from the API is ever parsed as HTML.

/**
 * An element with attributes and children; strings become text nodes.
 * @param {string} tag
 * @param {Record<string, string | boolean | ((e: Event) => void)>} [attrs]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElement}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') node.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) node.setAttribute(k, '');
    else if (v !== false) node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

/** @param {Node} node @param {...(Node | string)} children */
export function replace(node, ...children) {
  node.replaceChildren(...children);
}

/** `19:40:42` from an ISO time (UTC, as the evidence is shown everywhere in aftermath). */
export function clock(iso) {
  return typeof iso === 'string' ? iso.slice(11, 19) : '—';
}
