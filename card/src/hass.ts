// The part of Home Assistant's frontend `hass` object the card uses, and how
// the user's language, clock and zone are read from it. No Lit, no DOM.

import type { Locale } from "./format";
import { pickLang } from "./i18n";
import { resolveTimeZone } from "./time";

export interface HassConnection {
  subscribeMessage<T>(
    callback: (message: T) => void,
    message: Record<string, unknown>,
  ): Promise<() => Promise<void> | void>;
}

export interface HomeAssistant {
  connection: HassConnection;
  callService(
    domain: string,
    service: string,
    data?: Record<string, unknown>,
  ): Promise<unknown>;
  callWS<T>(message: Record<string, unknown>): Promise<T>;
  language?: string;
  locale?: {
    language?: string;
    /** "language" | "system" | "12" | "24" */
    time_format?: string;
    /** "local" (the browser's) | "server" */
    time_zone?: string;
  };
  config?: { time_zone?: string };
  user?: { is_admin?: boolean } | null;
}

function supportedTag(tag: string | undefined): string {
  if (tag) {
    try {
      if (Intl.DateTimeFormat.supportedLocalesOf([tag]).length) return tag;
    } catch {
      // A malformed tag: fall through to English.
    }
  }
  return "en";
}

function hour12For(timeFormat: string | undefined): boolean | undefined {
  if (timeFormat === "12") return true;
  if (timeFormat === "24") return false;
  if (timeFormat === "system") {
    return new Intl.DateTimeFormat(undefined, { hour: "numeric" }).resolvedOptions().hour12;
  }
  return undefined; // "language": the language's own clock
}

export function localeOf(hass: HomeAssistant): Locale {
  const language = hass.locale?.language ?? hass.language;
  return {
    lang: pickLang(language),
    tag: supportedTag(language),
    hour12: hour12For(hass.locale?.time_format),
    timeZone: resolveTimeZone(hass.locale?.time_zone, hass.config?.time_zone),
  };
}

export function sameLocale(a: Locale | undefined, b: Locale): boolean {
  return (
    a !== undefined &&
    a.lang === b.lang &&
    a.tag === b.tag &&
    a.hour12 === b.hour12 &&
    a.timeZone === b.timeZone
  );
}

/** The text of a rejected call: HA rejects with {code, message} or an Error. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}
