// The Coming up section: releases grouped under their day in the user's zone.
import { html, nothing } from "lit";
import { formatDayHeader, formatTime, type Locale } from "../format";
import { releaseKindWords, translator } from "../i18n";
import type { Release } from "../protocol";
import { groupByDay } from "../time";

export interface UpcomingView {
  releases: readonly Release[];
  days: number;
  /** Today in the user's zone, "YYYY-MM-DD". */
  today: string;
  locale: Locale;
}

// Flat, like a queue row: 200 releases mean 200 clones, not 600.
function releaseTemplate(release: Release, locale: Locale) {
  const t = translator(locale.lang);
  const when = release.at ? formatTime(release.at, locale) : releaseKindWords(release.release, locale.lang);
  const badge = release.source === "sonarr" ? t("downloaded") : t("in_library");
  return html`<div class="release" data-release=${release.id}>
    <div class="poster-box">
      <img class="poster" alt="" loading="lazy" decoding="async" src=${release.poster ?? nothing} ?hidden=${!release.poster} />
    </div>
    <div class="main">
      <div class="title" .textContent=${release.title}></div>
      <div class="detail" .textContent=${release.detail}></div>
    </div>
    <div class="when">
      <span .textContent=${when}></span>
      <span class="badge" .textContent=${release.has_file ? badge : ""}></span>
    </div>
  </div>`;
}

export function upcomingSection(view: UpcomingView) {
  const t = translator(view.locale.lang);
  const groups = groupByDay(view.releases, view.locale.timeZone);
  return html`<section data-section="upcoming">
    <h2>${t("upcoming")}</h2>
    ${groups.length === 0
      ? html`<div class="empty">
          ${view.days === 1 ? t("nothing_upcoming_one") : t("nothing_upcoming", { days: view.days })}
        </div>`
      : groups.map(
          (group) => html`<div class="day">
            <h3>${formatDayHeader(group.day, view.today, view.locale)}</h3>
            ${group.releases.map((release) => releaseTemplate(release, view.locale))}
          </div>`,
        )}
  </section>`;
}
