// The card's YAML config: defaults, bounds, and a clear error for a bad value.
// Pure: the Node tests import it.

import type { SubscribeRequest } from "./protocol";

export interface CardConfig {
  type: string;
  title: string;
  entry_id: string | undefined;
  days: number;
  queue: boolean;
  upcoming: boolean;
  vpn: boolean;
  storage: boolean;
  /** 0: every queue row. */
  max_rows: number;
}

export const MIN_DAYS = 1;
export const MAX_DAYS = 30;

export const DEFAULTS = {
  title: "",
  days: 7,
  queue: true,
  upcoming: true,
  vpn: true,
  storage: true,
  max_rows: 0,
} as const;

export const SECTIONS = ["queue", "upcoming", "vpn", "storage"] as const;
export type Section = (typeof SECTIONS)[number];

/** What the card editor starts a new card with. */
export function stubConfig(): Record<string, unknown> {
  return { days: 7, queue: true, upcoming: true, vpn: true, storage: true };
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

function finiteNumber(raw: unknown, key: string, what: string): number {
  if (typeof raw !== "number" || !Number.isFinite(raw)) {
    throw new ConfigError(`myflix-card: '${key}' must be ${what}, got ${JSON.stringify(raw)}`);
  }
  return raw;
}

/**
 * The config with its defaults filled in. Throws ConfigError for a value of
 * the wrong type (HA shows the message in place of the card); days out of
 * 1..30 are brought back into it.
 */
export function normalizeConfig(raw: unknown): CardConfig {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigError("myflix-card: the config must be a mapping");
  }
  const given = raw as Record<string, unknown>;
  const config: CardConfig = {
    type: typeof given.type === "string" ? given.type : "custom:myflix-card",
    entry_id: undefined,
    ...DEFAULTS,
  };

  if (given.title != null) {
    if (typeof given.title !== "string") {
      throw new ConfigError(`myflix-card: 'title' must be text, got ${JSON.stringify(given.title)}`);
    }
    config.title = given.title;
  }
  if (given.entry_id != null && given.entry_id !== "") {
    if (typeof given.entry_id !== "string") {
      throw new ConfigError(
        `myflix-card: 'entry_id' must be a config entry id, got ${JSON.stringify(given.entry_id)}`,
      );
    }
    config.entry_id = given.entry_id;
  }
  if (given.days != null) {
    const days = Math.round(finiteNumber(given.days, "days", `a number from ${MIN_DAYS} to ${MAX_DAYS}`));
    config.days = Math.min(MAX_DAYS, Math.max(MIN_DAYS, days));
  }
  for (const section of SECTIONS) {
    const value = given[section];
    if (value == null) continue;
    if (typeof value !== "boolean") {
      throw new ConfigError(`myflix-card: '${section}' must be true or false, got ${JSON.stringify(value)}`);
    }
    config[section] = value;
  }
  if (given.max_rows != null) {
    const maxRows = finiteNumber(given.max_rows, "max_rows", "a whole number, 0 for all rows");
    if (maxRows < 0) {
      throw new ConfigError(`myflix-card: 'max_rows' must be 0 or more, got ${maxRows}`);
    }
    config.max_rows = Math.floor(maxRows);
  }
  return config;
}

/** The subscription a config asks for: without entry_id the server picks. */
export function subscribeRequest(config: CardConfig): SubscribeRequest {
  const request: SubscribeRequest = { type: "myflix/media/subscribe", days: config.days };
  if (config.entry_id) request.entry_id = config.entry_id;
  return request;
}
