/**
 * The deck page's one inline script: before the first paint, slides are light unless the presenter
 * chose dark (the button, `client/deck-theme.ts`). It is inline so a dark choice never flashes light
 * first, and it is allowed by its hash in the Content-Security-Policy (`src/security/headers.ts`
 * hashes this very text, so an edit here cannot drift from the policy).
 */
export const DECK_THEME_KEY = "secrets-lab:deck-theme";

export const DECK_THEME_BOOT = `try { if (localStorage.getItem(${JSON.stringify(DECK_THEME_KEY)}) === "dark") document.documentElement.dataset.deckTheme = "dark"; } catch {}`;
