import { chromium } from "playwright-core";
const link = process.argv[2];
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const page = await (await browser.newContext()).newPage();
await page.goto(link);
const origin = new URL(link).origin;
const pages = process.argv.slice(3);
for (const p of pages) {
  await page.goto(origin + p);
  const text = await page.locator("main").innerText().catch(() => page.locator("body").innerText());
  console.log(`\n===== ${p} (${page.url()})\n${text}`);
}
await browser.close();
