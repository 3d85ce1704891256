// <myflix-card>: one websocket subscription feeds a MediaStore; the card draws
// only the sections a message changed, and a row changed in place is handed
// to its own element without redrawing the list.

import { html, LitElement, nothing, type PropertyValues } from "lit";
import { guard } from "lit/directives/guard.js";
import { type CardConfig, normalizeConfig, stubConfig, subscribeRequest } from "./config";
import { DrawBudget } from "./draw-budget";
import type { Locale } from "./format";
import { errorMessage, type HomeAssistant, localeOf, sameLocale } from "./hass";
import { translator } from "./i18n";
import { listenToPosters } from "./poster";
import type { MediaMessage, QueueRow, SubscribeRequest } from "./protocol";
import type { MyflixQueueRow, RowActions } from "./queue-row";
import { queueSection, visibleRows } from "./sections/queue";
import { storageSection } from "./sections/storage";
import { upcomingSection } from "./sections/upcoming";
import { vpnSection } from "./sections/vpn";
import { MediaStore } from "./store";
import { cardStyles } from "./styles";
import { browserTimeZone, zonedDay } from "./time";

/** One subscription; messages of a replaced one are ignored. */
interface Subscription {
  request: SubscribeRequest;
  unsubscribe: Promise<(() => Promise<void> | void) | undefined>;
}

/** Relative times ("3 hours ago") and "Today" are refreshed this often. */
const CLOCK_MS = 60_000;

export class MyflixCard extends LitElement {
  static override styles = cardStyles;

  static override properties = {
    _config: { state: true },
    _error: { state: true },
  };

  declare _config: CardConfig | undefined;
  /** Why the subscription failed. */
  declare _error: string | undefined;

  private _hass: HomeAssistant | undefined;
  private _locale: Locale;
  private _canRemove = false;
  private _store: MediaStore;
  private _subscription: Subscription | undefined;
  /** The rendered row elements by row id, for in-place updates. */
  private _rowElements = new Map<string, MyflixQueueRow>();
  /** Set while rendering when the queue list was redrawn. */
  private _queueRedrawn = false;
  /** How many rows to draw now: a screenful first, then more each frame. */
  private _budget = new DrawBudget();
  private _growing = false;
  private _clock: ReturnType<typeof setInterval> | undefined;
  /** Bumped by the clock: redraws the sections that show relative times. */
  private _tick = 0;

  private readonly _actions: RowActions = {
    pause: (row) => this._callService("pause_downloads", row),
    resume: (row) => this._callService("resume_downloads", row),
    // The torrent goes by `hash`: `id` is the websocket message's own number.
    remove: (row) =>
      this._requireHass().callWS({
        type: "myflix/media/remove",
        ...this._entry(),
        hash: row.hash,
        delete_files: true,
      }),
  };

  constructor() {
    super();
    this._locale = { lang: "en", tag: "en", hour12: undefined, timeZone: browserTimeZone() };
    this._store = new MediaStore(this._locale.timeZone);
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    listenToPosters(root);
    return root;
  }

  static getConfigElement(): HTMLElement {
    return document.createElement("myflix-card-editor");
  }

  static getStubConfig(): Record<string, unknown> {
    return stubConfig();
  }

  setConfig(raw: unknown): void {
    const config = normalizeConfig(raw);
    const before = this._config;
    this._config = config;
    if (before && before.entry_id === config.entry_id && before.days === config.days) return;
    if (before && before.entry_id !== config.entry_id) {
      this._store = new MediaStore(this._locale.timeZone); // another entry's data must not linger
      this._budget.reset();
    }
    this._unsubscribe();
    this._subscribe();
  }

  set hass(hass: HomeAssistant) {
    // HA sets a new hass on every state change in the house: only what the
    // card shows from it may trigger a redraw.
    const before = this._hass;
    this._hass = hass;
    const localeMayDiffer =
      !before ||
      before.locale !== hass.locale ||
      before.language !== hass.language ||
      before.config?.time_zone !== hass.config?.time_zone;
    if (localeMayDiffer) {
      const locale = localeOf(hass);
      if (!sameLocale(this._locale, locale)) {
        this._locale = locale;
        this._store.setTimeZone(locale.timeZone);
        this.requestUpdate();
      }
    }
    this._updateCanRemove();
    this._subscribe();
  }

  get hass(): HomeAssistant | undefined {
    return this._hass;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._subscribe();
    if (this.hasUpdated) this.requestUpdate(); // resumes an unfinished list
    this._clock = setInterval(() => this._onClock(), CLOCK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unsubscribe();
    clearInterval(this._clock);
    this._clock = undefined;
  }

  getCardSize(): number {
    const config = this._config;
    if (!config) return 1;
    const store = this._store;
    let size = config.title ? 1 : 0;
    if (config.queue) {
      const rows = config.max_rows ? Math.min(config.max_rows, store.queueOrder.length) : store.queueOrder.length;
      size += 1 + Math.ceil(rows * 1.5);
    }
    if (config.upcoming) size += 1 + Math.max(1, store.upcoming.length);
    if (config.vpn) size += 3;
    if (config.storage) size += 3;
    return Math.max(1, size);
  }

  private _subscribe(): void {
    const hass = this._hass;
    const config = this._config;
    if (!this.isConnected || !hass || !config || this._subscription) return;
    const subscription: Subscription = {
      request: subscribeRequest(config),
      unsubscribe: Promise.resolve(undefined),
    };
    this._subscription = subscription;
    this._error = undefined;
    subscription.unsubscribe = hass.connection
      .subscribeMessage<MediaMessage>((message) => {
        if (this._subscription === subscription) this._onMessage(message);
      }, { ...subscription.request })
      .catch((error: unknown) => {
        if (this._subscription === subscription) this._error = errorMessage(error);
        return undefined;
      });
  }

  private _unsubscribe(): void {
    const subscription = this._subscription;
    this._subscription = undefined;
    subscription?.unsubscribe
      .then((unsubscribe) => unsubscribe?.())
      .catch(() => undefined); // the connection may already be gone
  }

  private _onMessage(message: MediaMessage): void {
    const change = this._store.apply(message);
    if (change.full) this._error = undefined;
    this._updateCanRemove();
    if (change.full || change.queueOrder || change.upcoming || change.vpn || change.storage) {
      this.requestUpdate();
    }
    // Rows changed in place: their elements redraw alone.
    for (const id of change.queueRows) {
      const element = this._rowElements.get(id);
      const row = this._store.queue.get(id);
      if (element && row) element.row = row;
    }
  }

  private _onClock(): void {
    this._tick += 1;
    this.requestUpdate();
  }

  private _updateCanRemove(): void {
    const canRemove = this._store.admin && this._hass?.user?.is_admin === true;
    if (canRemove !== this._canRemove) {
      this._canRemove = canRemove;
      this.requestUpdate();
    }
  }

  private _requireHass(): HomeAssistant {
    if (!this._hass) throw new Error("Home Assistant is not connected");
    return this._hass;
  }

  /** The entry the server picked (or the configured one), as call data. */
  private _entry(): { entry_id?: string } {
    const entryId = this._store.entryId ?? this._config?.entry_id;
    return entryId ? { entry_id: entryId } : {};
  }

  private _callService(service: string, row: QueueRow): Promise<unknown> {
    // Myflix actions name their entry "config_entry_id", as HA's own do.
    const entryId = this._entry().entry_id;
    const target = entryId ? { config_entry_id: entryId } : {};
    return this._requireHass().callService("myflix", service, { ...target, hashes: [row.hash] });
  }

  protected override render() {
    const config = this._config;
    if (!config) return nothing;
    const locale = this._locale;
    const store = this._store;
    const t = translator(locale.lang);
    const today = zonedDay(Date.now(), locale.timeZone);
    return html`<ha-card .header=${config.title || undefined}>
      ${this._error
        ? html`<div class="card-error" role="alert">${t("subscribe_failed", { message: this._error })}</div>`
        : nothing}
      ${!store.loaded
        ? this._error
          ? nothing
          : html`<section class="loading">${t("loading")}</section>`
        : html`
            ${config.queue
              ? guard([store.queueOrder, config.max_rows, locale, this._canRemove, this._budget.limit], () => {
                  this._queueRedrawn = true;
                  return queueSection({
                    order: store.queueOrder,
                    rows: store.queue,
                    maxRows: config.max_rows,
                    drawLimit: this._budget.limit,
                    locale,
                    actions: this._actions,
                    canRemove: this._canRemove,
                  });
                })
              : nothing}
            ${config.upcoming
              ? guard([store.upcoming, config.days, today, locale], () =>
                  upcomingSection({ releases: store.upcoming, days: config.days, today, locale }),
                )
              : nothing}
            ${config.vpn
              ? guard([store.vpn, locale, this._tick], () =>
                  vpnSection({ vpn: store.vpn, locale, now: Date.now() }),
                )
              : nothing}
            ${config.storage
              ? guard([store.storage, locale], () => storageSection({ storage: store.storage, locale }))
              : nothing}
          `}
    </ha-card>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const queueShown = this._store.loaded && this._config?.queue === true;
    if (this._queueRedrawn || (!queueShown && this._rowElements.size > 0)) {
      this._queueRedrawn = false;
      this._rowElements.clear();
      if (queueShown) {
        for (const element of this.renderRoot.querySelectorAll<MyflixQueueRow>("myflix-queue-row")) {
          if (element.row) this._rowElements.set(element.row.id, element);
        }
      }
    }
    if (this._store.loaded) this.dataset.rows = String(this._rowElements.size);
    if (queueShown) this._growIfNeeded();
  }

  /** Draws the next step of a long list after this frame is painted. */
  private _growIfNeeded(): void {
    const wanted = visibleRows(this._store.queueOrder, this._config?.max_rows ?? 0).length;
    if (this._growing || !this._budget.needsMore(wanted)) return;
    this._growing = true;
    // After the next frame is painted (two rAFs, then a task): each step
    // leaves a frame for the page to show what was drawn before it.
    requestAnimationFrame(() =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          this._growing = false;
          if (!this.isConnected) return; // connectedCallback draws again
          this._budget.grow();
          this.requestUpdate();
        }),
      ),
    );
  }
}
