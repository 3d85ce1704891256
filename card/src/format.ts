// Numbers, sizes, durations and dates as the user reads them. Pure: the Node
// tests import it.

import { type Lang, translator } from "./i18n";
import { addDays } from "./time";

/** How the user reads things: words, Intl's locale, clock and zone. */
export interface Locale {
  lang: Lang;
  /** A BCP 47 tag for Intl ("en-GB", "fr"). */
  tag: string;
  /** true/false forces a 12/24-hour clock; undefined follows the language. */
  hour12: boolean | undefined;
  timeZone: string;
}

/** qBittorrent's "no estimate" (100 days). */
const ETA_INFINITE = 8_640_000;

const BYTE_UNITS: Record<Lang, string[]> = {
  en: ["B", "kB", "MB", "GB", "TB", "PB"],
  fr: ["o", "ko", "Mo", "Go", "To", "Po"],
};
const DURATION_UNITS: Record<Lang, { d: string; h: string; min: string; s: string }> = {
  en: { d: "d", h: "h", min: "min", s: "s" },
  fr: { d: "j", h: "h", min: "min", s: "s" },
};

// Intl formatters are costly to build and cheap to reuse.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter as T;
}

function numberFormat(tag: string, fractionDigits: number): Intl.NumberFormat {
  return cached(`n|${tag}|${fractionDigits}`, () =>
    new Intl.NumberFormat(tag, { maximumFractionDigits: fractionDigits }),
  );
}

function dateFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(`d|${tag}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(tag, options));
}

/** Decimal units (1 kB = 1000 B), one decimal below 10 of a unit. */
export function formatBytes(bytes: number, locale: Pick<Locale, "lang" | "tag">): string {
  const units = BYTE_UNITS[locale.lang];
  let value = Math.max(0, Number.isFinite(bytes) ? bytes : 0);
  let unit = 0;
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit > 0 && value < 9.95 ? 1 : 0;
  return `${numberFormat(locale.tag, digits).format(value)} ${units[unit]}`;
}

export function formatSpeed(bytesPerSecond: number, locale: Pick<Locale, "lang" | "tag">): string {
  return `${formatBytes(bytesPerSecond, locale)}/s`;
}

/** "45 s", "5 min", "1 h 5 min", "2 d 3 h"; "∞" when there is no estimate. */
export function formatTimeLeft(seconds: number | null, lang: Lang): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds >= ETA_INFINITE) return "∞";
  const units = DURATION_UNITS[lang];
  const total = Math.max(0, Math.round(seconds));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  if (days > 0) return hours ? `${days} ${units.d} ${hours} ${units.h}` : `${days} ${units.d}`;
  if (hours > 0) return minutes ? `${hours} ${units.h} ${minutes} ${units.min}` : `${hours} ${units.h}`;
  if (minutes > 0) return `${minutes} ${units.min}`;
  return `${total} ${units.s}`;
}

interface PercentPattern {
  prefix: string;
  decimal: string;
  suffix: string;
}

const percentPatterns = new Map<string, PercentPattern | null>();

/**
 * How a language writes a percentage, read once from Intl ("12.5%", "12,5 %",
 * "%12.5"); null when its digits are not 0-9. Every queue row shows one, and
 * Intl's percent format costs several microseconds a call.
 */
function percentPattern(tag: string): PercentPattern | null {
  let pattern = percentPatterns.get(tag);
  if (pattern === undefined) {
    const parts = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 }).formatToParts(0.125);
    const integer = parts.findIndex((part) => part.type === "integer");
    const fraction = parts.findIndex((part) => part.type === "fraction");
    const text = (from: number, to: number) => parts.slice(from, to).map((part) => part.value).join("");
    pattern =
      parts[integer]?.value === "12" && parts[fraction]?.value === "5" && fraction === integer + 2
        ? { prefix: text(0, integer), decimal: parts[integer + 1].value, suffix: text(fraction + 1, parts.length) }
        : null;
    percentPatterns.set(tag, pattern);
  }
  return pattern;
}

/** A 0..100 number as "42.5%" / "42,5 %", to one decimal. */
export function formatPercent(percent: number, tag: string): string {
  const value = Number.isFinite(percent) ? percent : 0;
  const pattern = percentPattern(tag);
  if (!pattern || value < 0 || value >= 1000) {
    return cached(`p|${tag}`, () =>
      new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 }),
    ).format(value / 100);
  }
  const tenths = Math.round(value * 10);
  const whole = Math.floor(tenths / 10);
  const number = tenths % 10 ? `${whole}${pattern.decimal}${tenths % 10}` : String(whole);
  return pattern.prefix + number + pattern.suffix;
}

/** An instant's time of day in the user's zone: "20:30" / "8:30 PM". */
export function formatTime(instant: string, locale: Locale): string {
  return dateFormat(locale.tag, {
    hour: "numeric",
    minute: "2-digit",
    hour12: locale.hour12,
    timeZone: locale.timeZone,
  }).format(new Date(instant));
}

/** An instant as a short date and time in the user's zone. */
export function formatDateTime(instant: string, locale: Locale): string {
  return dateFormat(locale.tag, {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    hour12: locale.hour12,
    timeZone: locale.timeZone,
  }).format(new Date(instant));
}

/** A calendar day ("YYYY-MM-DD") in words, with no zone shift: "Tuesday, Dec 8". */
export function formatDay(day: string, tag: string): string {
  const [year, month, date] = day.split("-").map(Number);
  const words = dateFormat(tag, {
    weekday: "long",
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  }).format(Date.UTC(year, month - 1, date));
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A day group's header: "Today", "Tomorrow", else the weekday and date. */
export function formatDayHeader(day: string, today: string, locale: Pick<Locale, "lang" | "tag">): string {
  const t = translator(locale.lang);
  if (day === today) return t("today");
  if (day === addDays(today, 1)) return t("tomorrow");
  return formatDay(day, locale.tag);
}

/** "3 hours ago", "yesterday", "in 5 minutes". */
export function formatRelative(instant: string, now: number, tag: string): string {
  const seconds = Math.round((Date.parse(instant) - now) / 1000);
  const format = cached(`r|${tag}`, () => new Intl.RelativeTimeFormat(tag, { numeric: "auto" }));
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, "second");
}
