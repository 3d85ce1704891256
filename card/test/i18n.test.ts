import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  connectabilityWords,
  killswitchWords,
  pickLang,
  releaseKindWords,
  STRINGS,
  stateWords,
  translator,
} from "../src/i18n";

const row = (state: string, strikes = 0, strike_limit: number | null = 3) => ({ state, strikes, strike_limit });

describe("state words", () => {
  test("English", () => {
    assert.equal(stateWords(row("downloading"), "en"), "Downloading");
    assert.equal(stateWords(row("metadata"), "en"), "Fetching metadata");
    assert.equal(stateWords(row("halted"), "en"), "Halted by the killswitch");
    assert.equal(stateWords(row("missing_files"), "en"), "Files missing");
    assert.equal(stateWords(row("seeding"), "en"), "Seeding");
  });

  test("French", () => {
    assert.equal(stateWords(row("downloading"), "fr"), "Téléchargement");
    assert.equal(stateWords(row("stalled"), "fr"), "Bloqué");
    assert.equal(stateWords(row("halted"), "fr"), "Arrêté par le coupe-circuit");
  });

  test("strikes count against their limit", () => {
    assert.equal(stateWords(row("struck", 2, 3), "en"), "Struck by self-healing (2 of 3)");
    assert.equal(stateWords(row("struck", 2, 3), "fr"), "Sanctionné par l'autoréparation (2 sur 3)");
    assert.equal(stateWords(row("struck", 4, null), "en"), "Struck by self-healing (4)");
  });

  test("an unknown key is shown raw", () => {
    assert.equal(stateWords(row("pausedDL"), "en"), "pausedDL");
    assert.equal(stateWords(row("pausedDL"), "fr"), "pausedDL");
    // A key that only collides with another table's prefix stays raw too.
    assert.equal(stateWords(row("armed"), "en"), "armed");
  });
});

test("release kinds, killswitch and connectability in words", () => {
  assert.equal(releaseKindWords("cinema", "en"), "In cinemas");
  assert.equal(releaseKindWords("digital", "fr"), "Numérique");
  assert.equal(releaseKindWords(null, "en"), "");
  assert.equal(killswitchWords("tripped", "en"), "Tripped: downloads halted");
  assert.equal(killswitchWords(null, "fr"), "Inconnu");
  assert.equal(killswitchWords("new_state", "en"), "new_state");
  assert.equal(connectabilityWords("firewalled", "fr"), "Derrière un pare-feu");
  assert.equal(connectabilityWords("port_not_applied", "en"), "Forwarded port not applied to qBittorrent");
});

test("every string exists in both languages, with the same placeholders", () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  assert.deepEqual(Object.keys(STRINGS.fr).sort(), Object.keys(STRINGS.en).sort());
  for (const key of Object.keys(STRINGS.en) as (keyof typeof STRINGS.en)[]) {
    assert.ok(STRINGS.fr[key].length > 0, key);
    assert.deepEqual(placeholders(STRINGS.fr[key]), placeholders(STRINGS.en[key]), key);
  }
});

test("translator fills placeholders", () => {
  assert.equal(translator("en")("nothing_upcoming", { days: 7 }), "Nothing in the next 7 days");
  assert.equal(translator("fr")("confirm_remove", { title: "Dune" }), "Supprimer Dune et ses fichiers ?");
  assert.equal(translator("en")("more_rows", { count: 12 }), "+ 12 more");
});

test("pickLang: French for any fr tag", () => {
  assert.equal(pickLang("fr"), "fr");
  assert.equal(pickLang("fr-CA"), "fr");
  assert.equal(pickLang("FR"), "fr");
  assert.equal(pickLang("en-GB"), "en");
  assert.equal(pickLang("de"), "en");
  assert.equal(pickLang(undefined), "en");
});
