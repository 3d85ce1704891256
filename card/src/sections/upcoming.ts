// The Coming up section: releases grouped under their day in the user's zone.
import { html, nothing } from "lit";
import { formatDayHeader, formatTime, type Locale } from "../format";
import { releaseKindWords, translator } from "../i18n";
import { posterTemplate } from "../poster";
import type { Release } from "../protocol";
import { groupByDay } from "../time";

export interface UpcomingView {
  releases: readonly Release[];
  days: number;
  /** Today in the user's zone, "YYYY-MM-DD". */
  today: string;
  locale: Locale;
}

function releaseTemplate(release: Release, locale: Locale) {
  const t = translator(locale.lang);
  const when = release.at ? formatTime(release.at, locale) : releaseKindWords(release.release, locale.lang);
  const badge = release.source === "sonarr" ? t("downloaded") : t("in_library");
  return html`<div class="release" data-release=${release.id}>
    ${posterTemplate(release.poster)}
    <div class="main">
      <div class="title">${release.title}</div>
      ${release.detail ? html`<div class="detail">${release.detail}</div>` : nothing}
    </div>
    <div class="when">
      <span>${when}</span>
      ${release.has_file ? html`<span class="badge">${badge}</span>` : nothing}
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
