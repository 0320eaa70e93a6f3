/**
 * An editable two-column table (environment variables, or virtual files) built
 * from real inputs, so it works with the keyboard and a screen reader.
 */
export class KeyValuePanel {
  #body: HTMLTableSectionElement;
  #kind: { key: string; value: string; multiline: boolean };

  constructor(parent: HTMLElement, kind: { caption: string; key: string; value: string; multiline: boolean }, initial: Record<string, string>) {
    this.#kind = kind;
    const table = document.createElement("table");
    table.className = "sandbox-kv";
    table.innerHTML = `<caption>${kind.caption}</caption><thead><tr><th scope="col">${kind.key}</th><th scope="col">${kind.value}</th><th scope="col"><span class="visually-hidden">Remove</span></th></tr></thead><tbody></tbody>`;
    this.#body = table.tBodies[0]!;
    const add = document.createElement("button");
    add.type = "button";
    add.className = "sandbox-btn small";
    add.textContent = `Add ${kind.key.toLowerCase()}`;
    add.addEventListener("click", () => this.#addRow("", "").querySelector("input")?.focus());
    parent.append(table, add);
    this.set(initial);
  }

  set(values: Record<string, string>): void {
    this.#body.replaceChildren();
    for (const [k, v] of Object.entries(values)) this.#addRow(k, v);
  }

  values(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const row of this.#body.rows) {
      const key = (row.querySelector<HTMLInputElement>("input.kv-key")?.value ?? "").trim();
      const value = row.querySelector<HTMLInputElement | HTMLTextAreaElement>(".kv-value")?.value ?? "";
      if (key) out[key] = value;
    }
    return out;
  }

  #addRow(key: string, value: string): HTMLTableRowElement {
    const row = this.#body.insertRow();
    const keyInput = document.createElement("input");
    keyInput.className = "kv-key";
    keyInput.value = key;
    keyInput.spellcheck = false;
    keyInput.setAttribute("aria-label", this.#kind.key);
    const valueInput = this.#kind.multiline ? document.createElement("textarea") : document.createElement("input");
    valueInput.className = "kv-value";
    valueInput.value = value;
    valueInput.spellcheck = false;
    if (valueInput instanceof HTMLTextAreaElement) valueInput.rows = Math.min(4, Math.max(1, value.split("\n").length));
    const label = () => `${this.#kind.value} of ${keyInput.value || "new entry"}`;
    valueInput.setAttribute("aria-label", label());
    keyInput.addEventListener("input", () => valueInput.setAttribute("aria-label", label()));
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "sandbox-btn small";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", `Remove ${key || "entry"}`);
    remove.addEventListener("click", () => row.remove());
    row.insertCell().append(keyInput);
    row.insertCell().append(valueInput);
    row.insertCell().append(remove);
    return row;
  }
}
