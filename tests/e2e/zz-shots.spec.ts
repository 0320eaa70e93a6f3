import { test, expect } from "@playwright/test";
for (const [name, size, scheme] of [["light", { width: 1280, height: 900 }, "light"], ["dark", { width: 1280, height: 900 }, "dark"], ["phone", { width: 390, height: 844 }, "dark"]] as const) {
  test(`shot ${name}`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/terminal/");
    const region = page.getByRole("region", { name: "Terminal: Docker terminal" });
    await region.scrollIntoViewIfNeeded();
    const rows = region.locator(".xterm-rows");
    await expect(rows).toContainText("learner@secrets-lab:/work$");
    const input = region.getByRole("textbox", { name: "Terminal input: Docker terminal" });
    await input.focus();
    await input.evaluate((el, data) => {
      const clipboardData = new DataTransfer();
      clipboardData.setData("text/plain", data);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData, bubbles: true, cancelable: true }));
    }, "for n in 1 2 3; do\n  if [ $n -eq 2 ]; then\n    echo \"$n even\"\n  else\n    echo \"$n odd\"\n  fi\ndone\ncurl -s https://api.payments.example/v1/charges -d amount=5 | jq -r .error.message\nbash: nope\n");
    await expect(rows).toContainText("did not provide");
    await page.keyboard.type("while true; do :; done");
    await page.keyboard.press("Enter");
    await page.waitForTimeout(300);
    await page.keyboard.press("Control+c");
    await expect(rows).toContainText("^C");
    await region.screenshot({ path: `/tmp/sc/shot-${name}.png` });
  });
}
