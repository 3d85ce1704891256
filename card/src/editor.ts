// <myflix-card-editor>: the visual editor, HA's own <ha-form> over a schema.

import { html, LitElement, nothing } from "lit";
import { DEFAULTS, MAX_DAYS, MIN_DAYS } from "./config";
import type { HomeAssistant } from "./hass";
import { pickLang, type StringKey, translator } from "./i18n";

export const EDITOR_SCHEMA = [
  { name: "title", selector: { text: {} } },
  { name: "entry_id", selector: { config_entry: { integration: "myflix" } } },
  { name: "days", selector: { number: { min: MIN_DAYS, max: MAX_DAYS, step: 1, mode: "box" } } },
  { name: "queue", selector: { boolean: {} } },
  { name: "upcoming", selector: { boolean: {} } },
  { name: "vpn", selector: { boolean: {} } },
  { name: "storage", selector: { boolean: {} } },
  { name: "max_rows", selector: { number: { min: 0, step: 1, mode: "box" } } },
] as const;

type Config = Record<string, unknown>;

// Shown for keys the YAML leaves out, so a switch reads "on" when the card is.
const { title: _title, ...FORM_DEFAULTS } = DEFAULTS;

export class MyflixCardEditor extends LitElement {
  static override properties = {
    hass: { attribute: false },
    _config: { state: true },
  };

  declare hass: HomeAssistant | undefined;
  declare _config: Config | undefined;

  setConfig(config: Config): void {
    this._config = config;
  }

  private _label = (field: { name: string }): string => {
    const lang = pickLang(this.hass?.locale?.language ?? this.hass?.language);
    return translator(lang)(`editor_${field.name}` as StringKey);
  };

  private _changed(event: CustomEvent<{ value: Config }>): void {
    event.stopPropagation();
    const before = this._config ?? {};
    const config: Config = { ...before, ...event.detail.value };
    // An emptied field leaves the YAML rather than staying as "".
    for (const key of ["title", "entry_id"]) {
      if (config[key] === "" || config[key] == null) delete config[key];
    }
    // Defaults the form showed stay out of the YAML unless it had them.
    for (const [key, value] of Object.entries(FORM_DEFAULTS)) {
      if (config[key] === value && !(key in before)) delete config[key];
    }
    this._config = config;
    this.dispatchEvent(
      new CustomEvent("config-changed", { detail: { config }, bubbles: true, composed: true }),
    );
  }

  protected override render() {
    if (!this.hass || !this._config) return nothing;
    return html`<ha-form
      .hass=${this.hass}
      .data=${{ ...FORM_DEFAULTS, ...this._config }}
      .schema=${EDITOR_SCHEMA}
      .computeLabel=${this._label}
      @value-changed=${this._changed}
    ></ha-form>`;
  }
}
