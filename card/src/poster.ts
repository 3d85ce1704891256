// A poster thumbnail over a placeholder icon: the image hides itself when it
// fails to load, uncovering the icon, with no re-render.
import { html, nothing } from "lit";
import { moviePlaceholder } from "./icons";

function hideBroken(event: Event): void {
  (event.currentTarget as HTMLImageElement).hidden = true;
}

function showLoaded(event: Event): void {
  (event.currentTarget as HTMLImageElement).hidden = false;
}

export function posterTemplate(src: string | null) {
  return html`<div class="poster-box">
    ${moviePlaceholder}
    ${src
      ? html`<img
          class="poster"
          src=${src}
          loading="lazy"
          decoding="async"
          alt=""
          @error=${hideBroken}
          @load=${showLoaded}
        />`
      : nothing}
  </div>`;
}
