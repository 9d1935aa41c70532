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

/** Columns waiting to be fitted (see fitColumns): [table, cells, widths, most] each. */
let fitting = [];

/**
 * Widens a table's columns so that no cell of `cells` ([column, element] pairs) is cut:
 * a cell wider than its column sets `--col-<column>` on `table` to its width (px), which
 * the table's CSS takes as that column's least width. `widths` keeps the widest so far
 * per column (clear it, and the properties, for a new run: see `unfitColumns`). A column
 * grows up to `most[column]` px, if given: its cells then say their whole text in their
 * title. The cells are measured once the frame that drew them is on screen, all at
 * once, so that reading their widths never makes the browser lay the page out twice.
 */
export function fitColumns(table, cells, widths, most = {}) {
  if (fitting.length === 0) setTimeout(fitNow);
  fitting.push([table, cells, widths, most]);
}

function fitNow() {
  const jobs = fitting;
  fitting = [];
  // Every width read, then every property set.
  const grown = jobs.map(([table, cells, widths, most]) => {
    const columns = new Set();
    for (const [column, cell] of cells) {
      const { clientWidth } = cell;
      const scrollWidth = Math.min(cell.scrollWidth, most[column] ?? Infinity);
      if (clientWidth === 0 || scrollWidth <= clientWidth || scrollWidth <= (widths[column] ?? 0)) continue;
      widths[column] = scrollWidth;
      columns.add(column);
    }
    return [table, columns, widths];
  });
  for (const [table, columns, widths] of grown) {
    for (const column of columns) table.style.setProperty(`--col-${column}`, `${widths[column] + 1}px`);
  }
}

/** Gives a table's columns back their own widths (see fitColumns). */
export function unfitColumns(table, widths) {
  fitting = fitting.filter(([waiting]) => waiting !== table);
  for (const column of Object.keys(widths)) table.style.removeProperty(`--col-${column}`);
  for (const column of Object.keys(widths)) delete widths[column];
}

/**
 * What `run` (a program of the editor's) wrote to standard error: once it is `over`, its
 * warnings and then its error; before, only an error it has already (a notebook cell's).
 */
export function stderrText(run, over) {
  if (!run) return '';
  return (over ? [...(run.stderr ?? []), run.error] : [run.error]).filter(Boolean).join('\n').trimEnd();
}

/** A download so far, in words: `96 of 194 KB` (or `96 KB`, its size unknown). */
export function downloaded({ loaded, total }) {
  const kb = (bytes) => Math.round(bytes / 1024).toLocaleString('en');
  return total && loaded <= total ? `${kb(loaded)} of ${kb(total)} KB` : `${kb(loaded)} KB`;
}
