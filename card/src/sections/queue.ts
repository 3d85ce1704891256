// The Queue section: one <myflix-queue-row> per torrent, keyed by id so a
// re-sort moves elements instead of redrawing them.
import { html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { Locale } from "../format";
import { translator } from "../i18n";
import type { QueueRow } from "../protocol";
import type { RowActions } from "../queue-row";

export interface QueueView {
  order: readonly string[];
  rows: ReadonlyMap<string, QueueRow>;
  /** 0: all. */
  maxRows: number;
  locale: Locale;
  actions: RowActions;
  canRemove: boolean;
}

/** The ids the section shows: at most maxRows of them. */
export function visibleRows(order: readonly string[], maxRows: number): readonly string[] {
  return maxRows > 0 && order.length > maxRows ? order.slice(0, maxRows) : order;
}

export function queueSection(view: QueueView) {
  const t = translator(view.locale.lang);
  const visible = visibleRows(view.order, view.maxRows);
  const hidden = view.order.length - visible.length;
  return html`<section data-section="queue">
    <h2>${t("queue")}${view.order.length ? html` <span class="count">${view.order.length}</span>` : nothing}</h2>
    ${view.order.length === 0
      ? html`<div class="empty">${t("nothing_downloading")}</div>`
      : html`<div class="rows">
          ${repeat(
            visible,
            (id) => id,
            (id) => html`<myflix-queue-row
              .row=${view.rows.get(id)}
              .locale=${view.locale}
              .actions=${view.actions}
              .canRemove=${view.canRemove}
            ></myflix-queue-row>`,
          )}
        </div>`}
    ${hidden > 0 ? html`<div class="more">${t("more_rows", { count: hidden })}</div>` : nothing}
  </section>`;
}
