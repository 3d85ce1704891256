// One queue row as its own element, so a delta that changes one torrent
// redraws that row alone.
//
// Text goes in through .textContent bindings: cheaper than child parts (no
// marker comments, no text node inserted between them).
//
// Drawn with lit-html's render(), synchronously, when `row` is set: the card's
// list sets it while a new row is still in a detached fragment, so 500 rows
// are built without a style invalidation each; an in-place update costs one
// row's draw. It renders into the light DOM: the card's shadow root holds and
// styles it, saving a shadow root per row. Its template is flat (no nested
// templates in the common case) because each nested one is a clone and an
// insertion per row.

import { html, nothing, render } from "lit";
import { styleMap } from "lit/directives/style-map.js";
import { formatPercent, formatSpeed, formatTimeLeft, type Locale } from "./format";
import { errorMessage } from "./hass";
import { stateWords, translator } from "./i18n";
import { PAUSE_PATH, PLAY_PATH } from "./icons";
import type { QueueRow } from "./protocol";

/** What a row's buttons do; the card reads `hass` only when one is pressed. */
export interface RowActions {
  pause(row: QueueRow): Promise<unknown>;
  resume(row: QueueRow): Promise<unknown>;
  remove(row: QueueRow): Promise<unknown>;
}

type Call = "pause" | "resume" | "remove";

export class MyflixQueueRow extends HTMLElement {
  /** Draws of all rows: the bench checks that a one-row delta adds one. */
  static renders = 0;

  private _row: QueueRow | undefined;
  private _locale: Locale | undefined;
  private _actions: RowActions | undefined;
  private _canRemove = false;
  /** The call in flight: its button is disabled. */
  private _running: Call | null = null;
  /** Asking "Remove … and its files?" in place of the details. */
  private _confirming = false;
  private _error: string | null = null;

  constructor() {
    super();
    this.addEventListener("click", (event) => this._onClick(event));
  }

  get row(): QueueRow | undefined {
    return this._row;
  }

  /** Set last by the card's template: the row draws as soon as it has one. */
  set row(row: QueueRow) {
    if (row === this._row) return;
    this._row = row;
    this._draw();
  }

  set locale(locale: Locale) {
    if (locale === this._locale) return;
    this._locale = locale;
    this._draw();
  }

  set actions(actions: RowActions) {
    this._actions = actions;
  }

  set canRemove(canRemove: boolean) {
    if (canRemove === this._canRemove) return;
    this._canRemove = canRemove;
    this._draw();
  }

  /** Drawing is synchronous: there is never an update pending. */
  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }

  private _onClick(event: Event): void {
    const button = (event.target as Element).closest<HTMLButtonElement>("button[data-action]");
    if (!button || button.disabled) return;
    switch (button.dataset.action) {
      case "pause":
      case "resume":
        void this._call(button.dataset.action);
        break;
      case "remove":
        this._confirming = true;
        this._draw();
        break;
      case "cancel-remove":
        this._confirming = false;
        this._error = null;
        this._draw();
        break;
      case "confirm-remove":
        void this._call("remove");
        break;
    }
  }

  private async _call(call: Call): Promise<void> {
    const row = this._row;
    if (!row || !this._actions) return;
    this._running = call;
    this._error = null;
    this._draw();
    try {
      await this._actions[call](row);
      this._confirming = false;
    } catch (error) {
      this._error = translator(this._locale?.lang ?? "en")("call_failed", {
        message: errorMessage(error),
      });
    } finally {
      this._running = null;
      this._draw();
    }
  }

  private _draw(): void {
    const row = this._row;
    const locale = this._locale;
    if (!row || !locale) return;
    // The browser test's hooks, on the host.
    this.dataset.row = row.id;
    this.dataset.state = row.state;
    this.dataset.progress = String(row.progress);
    render(this._template(row, locale), this);
    MyflixQueueRow.renders += 1;
  }

  private _template(row: QueueRow, locale: Locale) {
    const t = translator(locale.lang);
    const progress = Math.min(100, Math.max(0, Number(row.progress) || 0));
    const finished = row.stopped || progress >= 100;
    const toggle = row.stopped ? "resume" : "pause";
    const confirming = this._confirming;
    return html`<div class="poster-box">
        <img class="poster" alt="" loading="lazy" decoding="async" src=${row.poster ?? nothing} ?hidden=${!row.poster} />
      </div>
      <div class="main">
        <div class="line">
          <span class="title" .title=${row.name || row.title} .textContent=${row.title}></span>
          <span class="percent" .textContent=${formatPercent(progress, locale.tag)}></span>
        </div>
        <div class="track"><div class="bar" style=${styleMap({ width: `${progress}%` })}></div></div>
        <div class="meta" ?hidden=${confirming}>
          <span class="state" .textContent=${stateWords(row, locale.lang)}></span>
          <span .textContent=${formatSpeed(row.download_speed, locale)}></span>
          <span .textContent=${finished ? "—" : formatTimeLeft(row.eta, locale.lang)}></span>
        </div>
        ${confirming
          ? html`<div class="confirm">
              <span>${t("confirm_remove", { title: row.title })}</span>
              <button class="text" data-action="cancel-remove" ?disabled=${this._running === "remove"}>
                ${t("cancel")}
              </button>
              <button class="text danger" data-action="confirm-remove" ?disabled=${this._running === "remove"}>
                ${t("remove")}
              </button>
            </div>`
          : nothing}
        <div class="error" role="alert" .textContent=${this._error ?? ""}></div>
      </div>
      <div class="actions">
        <button class="icon" data-action=${toggle} .title=${t(toggle)} ?disabled=${this._running === toggle}>
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d=${row.stopped ? PLAY_PATH : PAUSE_PATH}></path></svg>
        </button>
        <button
          class="icon"
          data-action="remove"
          .title=${t("remove")}
          ?hidden=${!this._canRemove || confirming}
          ?disabled=${this._running !== null}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M19,4H15.5L14.5,3H9.5L8.5,4H5V6H19M6,19A2,2 0 0,0 8,21H16A2,2 0 0,0 18,19V7H6V19Z"></path>
          </svg>
        </button>
      </div>`;
  }
}
