// Small helpers the views share: formatting times, and making elements whose text
// is set as text, never parsed as HTML.

export const $ = (id) => document.getElementById(id);

/** An element with `props` assigned (dataset entries under `data`) and text children. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  const { data, role, ...rest } = props;
  if (role) node.setAttribute('role', role);
  Object.assign(node, rest);
  if (data) Object.assign(node.dataset, data);
  node.append(...children);
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes `attrs`. */
export function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

/** A number rounded to the microsecond, for data-* attributes. */
export const round3 = (x) => String(Math.round(x * 1000) / 1000);
export const ms = (x) => `${x.toFixed(1)} ms`;
export const signedMs = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)} ms`;
/** Seconds with at most three decimals and no trailing zeros: `2.0 s`, `0.25 s`. */
export const seconds = (x) => `${(x / 1000).toFixed(3).replace(/(\.\d+?)0+$/, '$1')} s`;
/** A short time for tight spaces: `850 ms`, `1.5 s`. */
export const short = (x) => (Math.abs(x) < 1000 ? `${Math.round(x * 10) / 10} ms` : seconds(x));
