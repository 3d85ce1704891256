// The Queue section: one <myflix-queue-row> per torrent, keyed by id so a
// re-sort moves elements instead of redrawing them.
import { html, nothing } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { Locale } from "../format";
import { translator } from "../i18n";
import type { QueueRow } from "../protocol";
import type { RowActions } from "../queue-row";

/** A row's height in px, as styles.ts gives it (contain-intrinsic-size). */
export const ROW_HEIGHT = 72;

export interface QueueView {
  order: readonly string[];
  rows: ReadonlyMap<string, QueueRow>;
  /** 0: all. */
  maxRows: number;
  /** Rows drawn so far of a long list (see DrawBudget). */
  drawLimit: number;
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
  const drawn = visible.length > view.drawLimit ? visible.slice(0, view.drawLimit) : visible;
  // Rows still to be drawn keep their room: nothing below jumps as they come.
  const pending = visible.length - drawn.length;
  return html`<section data-section="queue">
    <h2>${t("queue")}${view.order.length ? html` <span class="count">${view.order.length}</span>` : nothing}</h2>
    ${view.order.length === 0
      ? html`<div class="empty">${t("nothing_downloading")}</div>`
      : html`<div class="rows">
          ${repeat(
            drawn,
            (id) => id,
            // .row last: the row draws when it gets one, with the rest set.
            (id) => html`<myflix-queue-row
              .locale=${view.locale}
              .actions=${view.actions}
              .canRemove=${view.canRemove}
              .row=${view.rows.get(id)}
            ></myflix-queue-row>`,
          )}
          ${pending ? html`<div class="pending" style=${`height: ${pending * ROW_HEIGHT}px`}></div>` : nothing}
        </div>`}
    ${hidden > 0 ? html`<div class="more">${t("more_rows", { count: hidden })}</div>` : nothing}
  </section>`;
}
