import assert from "node:assert/strict";
import { test } from "node:test";
import { errorMessage, type HomeAssistant, localeOf, sameLocale } from "../src/hass";

function hass(fields: Partial<HomeAssistant>): HomeAssistant {
  return {
    connection: { subscribeMessage: async () => () => undefined },
    callService: async () => undefined,
    callWS: async () => undefined as never,
    ...fields,
  };
}

test("localeOf reads language, clock and zone from HA's profile", () => {
  const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const server = localeOf(
    hass({
      locale: { language: "fr-CA", time_format: "24", time_zone: "server" },
      config: { time_zone: "Asia/Tokyo" },
    }),
  );
  assert.deepEqual(server, { lang: "fr", tag: "fr-CA", hour12: false, timeZone: "Asia/Tokyo" });

  const local = localeOf(
    hass({ locale: { language: "en", time_format: "12", time_zone: "local" }, config: { time_zone: "Asia/Tokyo" } }),
  );
  assert.deepEqual(local, { lang: "en", tag: "en", hour12: true, timeZone: browser });

  // Older HA: only hass.language.
  assert.equal(localeOf(hass({ language: "fr" })).lang, "fr");
  assert.equal(localeOf(hass({ locale: { language: "en", time_format: "language" } })).hour12, undefined);
});

test("sameLocale tells whether a redraw is due", () => {
  const a = localeOf(hass({ locale: { language: "en" } }));
  assert.equal(sameLocale(a, { ...a }), true);
  assert.equal(sameLocale(a, { ...a, timeZone: "Mars/Base" }), false);
  assert.equal(sameLocale(undefined, a), false);
});

test("errorMessage reads HA's rejections", () => {
  assert.equal(errorMessage({ code: "not_found", message: "Unknown entry" }), "Unknown entry");
  assert.equal(errorMessage(new Error("boom")), "boom");
  assert.equal(errorMessage("plain"), "plain");
});
