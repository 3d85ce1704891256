// The VPN section: killswitch, exit country, connectability and the last halt.
import { html, nothing } from "lit";
import { formatDateTime, formatRelative, type Locale } from "../format";
import { connectabilityWords, killswitchWords, translator } from "../i18n";
import type { Vpn } from "../protocol";

export interface VpnView {
  vpn: Vpn | null;
  locale: Locale;
  /** Now, in ms: the last halt reads "3 hours ago". */
  now: number;
}

/** A country code ("CH") in words ("Switzerland"); any other text as is. */
function countryName(country: string, tag: string): string {
  if (/^[A-Za-z]{2}$/.test(country)) {
    try {
      return new Intl.DisplayNames(tag, { type: "region" }).of(country.toUpperCase()) ?? country;
    } catch {
      return country;
    }
  }
  return country;
}

function connectableWords(vpn: Vpn, locale: Locale): string {
  const t = translator(locale.lang);
  if (vpn.connectable == null) {
    return vpn.connectability ? connectabilityWords(vpn.connectability, locale.lang) : t("unknown");
  }
  const answer = vpn.connectable ? t("yes") : t("no");
  return vpn.connectability
    ? `${answer} — ${connectabilityWords(vpn.connectability, locale.lang)}`
    : answer;
}

export function vpnSection(view: VpnView) {
  const { vpn, locale } = view;
  const t = translator(locale.lang);
  if (!vpn) {
    return html`<section data-section="vpn">
      <h2>${t("vpn")}</h2>
      <div class="empty">${t("no_vpn")}</div>
    </section>`;
  }
  const halt = vpn.last_halt;
  return html`<section data-section="vpn">
    <h2>${t("vpn")}</h2>
    <dl class="facts">
      <dt>${t("killswitch")}</dt>
      <dd data-killswitch=${vpn.killswitch ?? "unknown"}>${killswitchWords(vpn.killswitch, locale.lang)}</dd>
      <dt>${t("exit_country")}</dt>
      <dd>${vpn.exit_country ? countryName(vpn.exit_country, locale.tag) : t("unknown")}</dd>
      <dt>${t("connectable")}</dt>
      <dd data-connectable=${vpn.connectable == null ? "unknown" : String(vpn.connectable)}>
        ${connectableWords(vpn, locale)}
      </dd>
      <dt>${t("last_halt")}</dt>
      <dd>
        ${halt
          ? html`<span title=${formatDateTime(halt.at, locale)}>${formatRelative(halt.at, view.now, locale.tag)}</span>${halt.latency_ms != null
                ? html` · ${t("latency", { ms: Math.round(halt.latency_ms) })}`
                : nothing}`
          : t("never")}
      </dd>
    </dl>
  </section>`;
}
