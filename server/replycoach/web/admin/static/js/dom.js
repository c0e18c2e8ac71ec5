/*
 * DOM helpers for the admin page: build elements, append children, empty an element, find one.
 *
 * Strings always become text nodes or properties, never markup: nothing here (or anywhere in the page)
 * uses innerHTML, outerHTML or insertAdjacentHTML.
 */

/** An element with properties/attributes and children (strings become text nodes, never markup). */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "on") {
      for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    } else if (key === "class") {
      el.className = value;
    } else if (key === "text") {
      el.textContent = value;
    } else if (["value", "checked", "disabled", "hidden", "readOnly", "selected", "htmlFor"].includes(key)) {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Append children (nested arrays allowed; null, undefined and false skipped; strings as text nodes). */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Remove every child of `el`; returns `el`. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** The first element matching `selector` in `root` (the document by default). */
export function $(selector, root) {
  return (root || document).querySelector(selector);
}
