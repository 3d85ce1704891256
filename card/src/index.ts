// The bundle's entry: defines the elements (once, even if the resource is
// loaded twice) and lists the card in HA's card picker.
import { MyflixCard } from "./card";
import { MyflixCardEditor } from "./editor";
import { pickLang, STRINGS } from "./i18n";
import { MyflixQueueRow } from "./queue-row";

const elements: [string, CustomElementConstructor][] = [
  ["myflix-queue-row", MyflixQueueRow],
  ["myflix-card-editor", MyflixCardEditor],
  ["myflix-card", MyflixCard],
];
for (const [name, element] of elements) {
  if (!customElements.get(name)) customElements.define(name, element);
}

interface CustomCardEntry {
  type: string;
  name: string;
  description?: string;
  preview?: boolean;
  documentationURL?: string;
}

declare global {
  interface Window {
    customCards?: CustomCardEntry[];
  }
}

window.customCards = window.customCards ?? [];
if (!window.customCards.some((card) => card.type === "myflix-card")) {
  window.customCards.push({
    type: "myflix-card",
    name: "Myflix",
    // HA sets <html lang> to the user's language.
    description: STRINGS[pickLang(document.documentElement.lang || navigator.language)].card_description,
    preview: true,
  });
}
