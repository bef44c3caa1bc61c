import type { Directive } from 'vue';

/**
 * A table that does not fit its box becomes a list of cards, one per row, each cell with its
 * column's header ("Score: 27.6"), instead of making the page scroll sideways on a phone. Each body
 * cell gets its header as `data-label`; when the table is wider than its container the table gets
 * `is-stacked` and the stylesheet (`.stacked-table.is-stacked`) lays the rows out as cards. It is
 * measured again whenever the container's width changes and after each update (new rows, another
 * language). Works on a `<table>` or on a component whose root holds one (PrimeVue's DataTable).
 * Screen readers still get the table itself.
 */
interface Stacked extends HTMLElement {
  _stackedObserver?: ResizeObserver;
}

function tableOf(root: HTMLElement): HTMLTableElement | null {
  return root instanceof HTMLTableElement ? root : root.querySelector('table');
}

function label(table: HTMLTableElement): void {
  const headers = Array.from(table.querySelectorAll<HTMLTableCellElement>(':scope > thead > tr > th')).map((th) =>
    (th.textContent ?? '').replace(/\s+/g, ' ').trim(),
  );
  for (const row of Array.from(table.querySelectorAll<HTMLTableRowElement>(':scope > tbody > tr'))) {
    let column = 0;
    for (const cell of Array.from(row.cells)) {
      // A cell across columns (an empty list's message, an expanded detail) has no one header.
      const text = cell.colSpan > 1 ? '' : (headers[column] ?? '');
      if (text) cell.setAttribute('data-label', text);
      else cell.removeAttribute('data-label');
      column += cell.colSpan || 1;
    }
  }
}

/** Stacks the table when, laid out as a table, it is wider than the box it sits in. */
function fit(table: HTMLTableElement): void {
  const box = table.parentElement;
  if (!box) return;
  table.classList.remove('is-stacked');
  if (table.scrollWidth > box.clientWidth + 1) table.classList.add('is-stacked');
}

function apply(root: HTMLElement): void {
  const table = tableOf(root);
  if (!table) return;
  table.classList.add('stacked-table');
  label(table);
  fit(table);
}

export const vStackedTable: Directive<Stacked> = {
  mounted(root) {
    apply(root);
    const table = tableOf(root);
    if (table?.parentElement && typeof ResizeObserver !== 'undefined') {
      let width = table.parentElement.clientWidth;
      root._stackedObserver = new ResizeObserver(([entry]) => {
        // Only a change of width matters (stacking changes the height, which must not loop).
        if (Math.abs(entry.contentRect.width - width) < 1) return;
        width = entry.contentRect.width;
        fit(table);
      });
      root._stackedObserver.observe(table.parentElement);
    }
  },
  updated: apply,
  beforeUnmount(root) {
    root._stackedObserver?.disconnect();
  },
};
