// One queue row as its own element, so a delta that changes one torrent
// redraws that row alone. It renders into the light DOM: the card's shadow
// root holds it and styles it, saving a shadow root per row.

import { html, LitElement, nothing, type PropertyValues } from "lit";
import { styleMap } from "lit/directives/style-map.js";
import { formatPercent, formatSpeed, formatTimeLeft, type Locale } from "./format";
import { errorMessage } from "./hass";
import { stateWords, translator } from "./i18n";
import { deleteIcon, pauseIcon, playIcon } from "./icons";
import { posterTemplate } from "./poster";
import type { QueueRow } from "./protocol";

/** What a row's buttons do; the card reads `hass` only when one is pressed. */
export interface RowActions {
  pause(row: QueueRow): Promise<unknown>;
  resume(row: QueueRow): Promise<unknown>;
  remove(row: QueueRow): Promise<unknown>;
}

type Action = "pause" | "resume" | "remove";

export class MyflixQueueRow extends LitElement {
  /** Render passes of all rows: the bench checks a one-row delta adds one. */
  static renders = 0;

  static override properties = {
    row: { attribute: false },
    locale: { attribute: false },
    actions: { attribute: false },
    canRemove: { attribute: false },
    _running: { state: true },
    _confirming: { state: true },
    _error: { state: true },
  };

  declare row: QueueRow;
  declare locale: Locale;
  declare actions: RowActions;
  declare canRemove: boolean;
  /** The call in flight: its button is disabled. */
  declare _running: Action | null;
  /** Asking "Remove … and its files?" in place of the details. */
  declare _confirming: boolean;
  declare _error: string | null;

  constructor() {
    super();
    this.canRemove = false;
    this._running = null;
    this._confirming = false;
    this._error = null;
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("row")) {
      // The browser test's hooks, on the host.
      this.dataset.row = this.row.id;
      this.dataset.state = this.row.state;
      this.dataset.progress = String(this.row.progress);
    }
  }

  protected override updated(): void {
    MyflixQueueRow.renders += 1;
  }

  private async run(action: Action): Promise<void> {
    const row = this.row;
    this._running = action;
    this._error = null;
    try {
      await this.actions[action](row);
      this._confirming = false;
    } catch (error) {
      this._error = translator(this.locale.lang)("call_failed", { message: errorMessage(error) });
    } finally {
      this._running = null;
    }
  }

  protected override render() {
    const { row, locale } = this;
    if (!row || !locale) return nothing;
    const t = translator(locale.lang);
    const progress = Math.min(100, Math.max(0, Number(row.progress) || 0));
    const finished = row.stopped || progress >= 100;
    return html`
      ${posterTemplate(row.poster)}
      <div class="main">
        <div class="line">
          <span class="title" title=${row.name || row.title}>${row.title}</span>
          <span class="percent">${formatPercent(progress, locale.tag)}</span>
        </div>
        <div class="track"><div class="bar" style=${styleMap({ width: `${progress}%` })}></div></div>
        ${this._confirming ? this.renderConfirm(t) : this.renderDetails(row, finished)}
        ${this._error ? html`<div class="error" role="alert">${this._error}</div>` : nothing}
      </div>
      <div class="actions">
        ${row.stopped
          ? this.renderButton("resume", t("resume"), playIcon)
          : this.renderButton("pause", t("pause"), pauseIcon)}
        ${this.canRemove && !this._confirming
          ? html`<button
              class="icon"
              data-action="remove"
              title=${t("remove")}
              aria-label=${t("remove")}
              ?disabled=${this._running !== null}
              @click=${() => (this._confirming = true)}
            >
              ${deleteIcon}
            </button>`
          : nothing}
      </div>
    `;
  }

  private renderDetails(row: QueueRow, finished: boolean) {
    const { locale } = this;
    return html`<div class="meta">
      <span class="state">${stateWords(row, locale.lang)}</span>
      <span>${formatSpeed(row.download_speed, locale)}</span>
      <span>${finished ? "—" : formatTimeLeft(row.eta, locale.lang)}</span>
    </div>`;
  }

  private renderConfirm(t: ReturnType<typeof translator>) {
    return html`<div class="confirm">
      <span>${t("confirm_remove", { title: this.row.title })}</span>
      <button
        class="text"
        data-action="cancel-remove"
        ?disabled=${this._running === "remove"}
        @click=${() => (this._confirming = false)}
      >
        ${t("cancel")}
      </button>
      <button
        class="text danger"
        data-action="confirm-remove"
        ?disabled=${this._running === "remove"}
        @click=${() => this.run("remove")}
      >
        ${t("remove")}
      </button>
    </div>`;
  }

  private renderButton(action: "pause" | "resume", label: string, icon: unknown) {
    return html`<button
      class="icon"
      data-action=${action}
      title=${label}
      aria-label=${label}
      ?disabled=${this._running === action}
      @click=${() => this.run(action)}
    >
      ${icon}
    </button>`;
  }
}
