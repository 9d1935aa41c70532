// A long list of rows in a scrolling box, of which only those in view (and a screen's
// worth around them) are displayed. Every row stays in the DOM, so the page's contract
// (one element per line, per task, per timer) holds; the rows out of view are hidden,
// and padding stands in for their height (and, for the lanes, rows sit in blocks that are
// not displayed at all while no row of theirs is in view). A thousand rows then cost a
// frame no more than twenty do.

/** Rows drawn beyond the edges of the box, in px, so that scrolling shows no gap. */
const MARGIN = 60;
/** How many rows a block holds (see `blocks` in the constructor). */
const BLOCK = 256;

export class Rows {
  /**
   * `list` holds the rows and scrolls inside `box`; `height(i)` is row i's height in
   * px (rows must be drawn that tall), and `table`, if given, gets `aria-rowcount`.
   */
  constructor(box, list, height, table = null, { blocks = false } = {}) {
    Object.assign(this, { box, list, height, table });
    /** With `blocks`, the rows sit in blocks of BLOCK (elements of role none), and a
     * block with no row in view is not displayed: the browser neither styles nor lays
     * out the rows in it, however many they are (a hundred thousand lanes). Without,
     * the rows are the list's children (the log's contract: `#log > [data-text]`). */
    this.blocks = blocks ? [] : null;
    this.shownBlocks = [];
    this.rows = [];
    this.attached = 0;
    this.from = 0;
    this.to = 0;
    this.top = 0;
    this.view = 0;
    this.offsets = null;
    this.space = '';
    /** How many rows the table has after this list (they count in aria-rowcount). */
    this.extra = 0;
    this.onMove = null;
    box.addEventListener('scroll', () => {
      this.top = box.scrollTop;
      this.onMove?.();
    }, { passive: true });
    // Read and acted on in the next frame: changing rows while the browser delivers
    // resizes would resize the box again within the same frame (an error, "ResizeObserver
    // loop completed with undelivered notifications").
    new ResizeObserver(() => requestAnimationFrame(() => {
      this.view = box.clientHeight;
      this.onMove?.();
    })).observe(box);
  }

  get length() {
    return this.rows.length;
  }

  /** Adds `elements` as rows, hidden until `place` shows them. */
  add(elements) {
    const from = this.rows.length;
    // (A row's aria-rowindex is set when it is first shown: the hidden rows are not in
    // the accessibility tree, and with a hundred thousand rows every attribute counts.)
    for (const row of elements) {
      row.hidden = true;
      this.rows.push(row);
    }
    if (!this.offsets) return;
    // The rows before keep their places: only the new ones are measured (in an array
    // with room to grow, so that adding rows a few hundred at a time stays cheap).
    if (this.offsets.length < this.rows.length + 1) {
      const bigger = new Float64Array(Math.max(2 * this.offsets.length, this.rows.length + 1));
      bigger.set(this.offsets.subarray(0, from + 1));
      this.offsets = bigger;
    }
    for (let k = from; k < this.rows.length; k++) this.offsets[k + 1] = this.offsets[k] + this.height(k);
  }

  /** Removes every row. */
  clear() {
    this.rows = [];
    this.attached = 0;
    this.from = 0;
    this.to = 0;
    this.offsets = null;
    this.list.replaceChildren();
    if (this.blocks) this.blocks = [];
    this.shownBlocks = [];
    this.list.style.paddingTop = '';
    this.list.style.paddingBottom = '';
    this.space = '';
  }

  /** A row's height changed. */
  resized() {
    this.offsets = null;
  }

  /** Where each row starts, in px from the top of the list. */
  offset(i) {
    if (!this.offsets) {
      this.offsets = new Float64Array(this.rows.length + 1);
      for (let k = 0; k < this.rows.length; k++) this.offsets[k + 1] = this.offsets[k] + this.height(k);
    }
    return this.offsets[i];
  }

  /** Puts the first `count` rows in the list (and no others), showing those in view. */
  place(count = this.rows.length) {
    count = Math.min(count, this.rows.length);
    const top = this.top - MARGIN;
    const bottom = this.top + this.view + MARGIN;
    const from = this.firstEndingAfter(top, count);
    let to = from;
    while (to < count && this.offset(to) < bottom) to++;
    // Hide what leaves the window (detached rows too, so they come back hidden), then
    // attach or detach rows, then show what enters the window.
    for (let i = this.from; i < this.to; i++) if (i < from || i >= to) this.rows[i].hidden = true;
    if (count < this.attached) {
      for (const row of this.rows.slice(count, this.attached)) row.remove();
      if (this.blocks) for (let b = Math.ceil(count / BLOCK); b < this.blocks.length; b++) this.blocks[b].remove();
    } else if (count > this.attached) {
      this.attach(this.attached, count);
    }
    this.attached = count;
    if (this.blocks) {
      // Only the blocks that hold rows in view are displayed.
      const [first, last] = [Math.floor(from / BLOCK), Math.floor((to - 1) / BLOCK)];
      for (const b of this.shownBlocks) if (b < first || b > last || to === from) this.blocks[b].hidden = true;
      this.shownBlocks = [];
      for (let b = first; to > from && b <= last; b++) {
        this.blocks[b].hidden = false;
        this.shownBlocks.push(b);
      }
    }
    for (let i = from; i < to; i++) {
      const row = this.rows[i];
      if (!row.hidden) continue;
      row.hidden = false;
      if (this.table && !row.hasAttribute('aria-rowindex')) row.setAttribute('aria-rowindex', String(i + 2));
    }
    this.from = from;
    this.to = to;
    // Written only when they change: even an equal write costs the page a restyle.
    const space = `${this.offset(from)}px ${this.offset(count) - this.offset(to)}px ${count + this.extra}`;
    if (space !== this.space) {
      this.space = space;
      this.list.style.paddingTop = `${this.offset(from)}px`;
      this.list.style.paddingBottom = `${this.offset(count) - this.offset(to)}px`;
      // The header row, the rows, and any rows after the list (a total).
      this.table?.setAttribute('aria-rowcount', String(count + 1 + this.extra));
    }
  }

  /** The first of the first `count` rows that ends below `y` (or `count`). */
  firstEndingAfter(y, count) {
    let [low, high] = [0, count];
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.offset(mid + 1) <= y) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Puts rows `from` to `to` (detached) in the list, after those before them. */
  attach(from, to) {
    if (!this.blocks) {
      // A few thousand at a time: a call takes only so many arguments.
      for (let i = from; i < to; i += 4096) this.list.append(...this.rows.slice(i, Math.min(to, i + 4096)));
      return;
    }
    for (let i = from; i < to;) {
      const b = Math.floor(i / BLOCK);
      const end = Math.min(to, (b + 1) * BLOCK);
      if (!this.blocks[b]) {
        const block = document.createElement('div');
        block.className = 'rows-block';
        block.setAttribute('role', 'none');
        block.hidden = true;
        this.blocks[b] = block;
      }
      const block = this.blocks[b];
      block.append(...this.rows.slice(i, end));
      if (!block.isConnected) this.list.append(block);
      i = end;
    }
  }

  /** Scrolls the box to the end of the first `count` rows. */
  toEnd(count = this.rows.length) {
    this.top = Math.max(0, this.offset(count) - this.view + 40);
    this.box.scrollTop = this.top;
  }
}
