// The Storage section: the hot and archive disks, and what tiering moves next.
import { html, nothing } from "lit";
import { styleMap } from "lit/directives/style-map.js";
import { formatBytes, formatDateTime, formatPercent, type Locale } from "../format";
import { type StringKey, translator } from "../i18n";
import type { Disk, NextMove, Storage } from "../protocol";

export interface StorageView {
  storage: Storage | null;
  locale: Locale;
}

/** How many of the next move's titles are named before "+ N more". */
const TITLES_SHOWN = 3;

function diskTemplate(label: StringKey, disk: Disk, locale: Locale) {
  const t = translator(locale.lang);
  const percent = disk.total > 0 ? Math.min(100, (disk.used / disk.total) * 100) : 0;
  const level = percent >= 95 ? "critical" : percent >= 85 ? "high" : "ok";
  return html`<div class="disk" data-disk=${label === "hot_disk" ? "hot" : "archive"}>
    <div class="line">
      <span class="label">${t(label)}</span>
      <span class="free">${t("disk_free", { free: formatBytes(disk.free, locale) })}</span>
    </div>
    <div class="track"><div class="bar ${level}" style=${styleMap({ width: `${percent}%` })}></div></div>
    <div class="meta">
      ${t("disk_usage", {
        used: formatBytes(disk.used, locale),
        total: formatBytes(disk.total, locale),
        percent: formatPercent(percent, locale.tag),
      })}
    </div>
  </div>`;
}

function nextMoveTemplate(move: NextMove | null, locale: Locale) {
  const t = translator(locale.lang);
  const look = move?.at ? `, ${t("next_look_at", { when: formatDateTime(move.at, locale) })}` : "";
  if (!move || move.files === null || move.files === 0) {
    const what = move?.files === null ? t("not_planned") : t("nothing_to_move");
    return html`<div class="next-move"><span class="label">${t("next_move")}</span> ${what}${look}</div>`;
  }
  const bytes = formatBytes(move.bytes ?? 0, locale);
  const size = move.files === 1 ? t("next_move_size_one", { bytes }) : t("next_move_size", { files: move.files, bytes });
  const when = move.at ? t("next_move_at", { when: formatDateTime(move.at, locale) }) : t("next_move_when_full");
  const named = move.titles.slice(0, TITLES_SHOWN);
  const more = move.titles.length - named.length;
  return html`<div class="next-move">
    <div><span class="label">${t("next_move")}</span> ${size}, ${when}</div>
    ${named.length
      ? html`<div class="meta titles">
          ${named.join(", ")}${more > 0 ? ` ${t("more_rows", { count: more })}` : ""}
        </div>`
      : nothing}
  </div>`;
}

export function storageSection(view: StorageView) {
  const { storage, locale } = view;
  const t = translator(locale.lang);
  const empty = !storage || (!storage.hot && !storage.archive && !storage.next_move);
  return html`<section data-section="storage">
    <h2>${t("storage")}</h2>
    ${empty
      ? html`<div class="empty">${t("no_storage")}</div>`
      : html`
          ${storage.hot ? diskTemplate("hot_disk", storage.hot, locale) : nothing}
          ${storage.archive ? diskTemplate("archive_disk", storage.archive, locale) : nothing}
          ${nextMoveTemplate(storage.next_move, locale)}
        `}
  </section>`;
}
