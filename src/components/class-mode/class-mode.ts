/**
 * Class mode: an instructor's switch that hides hints and solutions (anything marked
 * `[data-class-hide]`) for a class session. Turned on with `?class=on` in any page's address or a
 * `[data-class-mode-toggle]` button; it sticks for the browser session (sessionStorage, so a new
 * session starts without it), shows a banner saying so on every page, and the banner turns it off
 * (`?class=off` too).
 */
const KEY = "secrets-lab:class-mode";

function session(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

export function classModeOn(): boolean {
  try {
    return session()?.getItem(KEY) === "on";
  } catch {
    return false;
  }
}

function store(on: boolean): void {
  try {
    if (on) session()?.setItem(KEY, "on");
    else session()?.removeItem(KEY);
  } catch {
    /* storage refused: the switch lasts for this page */
  }
}

function apply(root: Document, on: boolean): void {
  if (on) root.documentElement.dataset.classMode = "on";
  else delete root.documentElement.dataset.classMode;
  const banner = root.querySelector<HTMLElement>("[data-class-mode-banner]");
  if (banner) {
    banner.hidden = !on;
    if (on && !banner.firstChild) {
      const text = root.createElement("span");
      text.textContent = "Class mode: hints and solutions are hidden for this session.";
      const off = root.createElement("button");
      off.type = "button";
      off.textContent = "End class mode";
      off.addEventListener("click", () => {
        setClassMode(root, false);
        // The banner (and the focused button) goes: focus lands on the content, not the page's start.
        root.querySelector<HTMLElement>("#main")?.focus();
      });
      banner.append(text, " ", off);
    }
  }
  for (const toggle of root.querySelectorAll<HTMLButtonElement>("[data-class-mode-toggle]")) {
    toggle.textContent = on ? "End class mode" : "Start class mode";
    toggle.setAttribute("aria-pressed", String(on));
  }
}

export function setClassMode(root: Document, on: boolean): void {
  store(on);
  apply(root, on);
}

export function mountClassMode(root: Document): void {
  const asked = new URLSearchParams(location.search).get("class");
  if (asked === "on" || asked === "off") store(asked === "on");
  apply(root, classModeOn());
  for (const toggle of root.querySelectorAll<HTMLButtonElement>("[data-class-mode-toggle]")) {
    toggle.addEventListener("click", () => setClassMode(root, !classModeOn()));
  }
}
