// Renders an HTML file (the daily email, a console page saved to disk) in Debian's Chromium and
// writes a full-page PNG, for the screenshots in docs/. Uses playwright-core only: no browser
// download, the system's /usr/bin/chromium (CHROMIUM_PATH to override).
//
//   node tools/screenshot.mjs <page.html | http://127.0.0.1:...> <out.png> [--width 1000] [--max-height N]
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const [input, out, ...rest] = process.argv.slice(2);
if (!input || !out) {
  console.error("usage: node tools/screenshot.mjs <page.html | url> <out.png> [--width 1000]");
  process.exit(2);
}
const widthAt = rest.indexOf("--width");
const width = widthAt >= 0 ? Number(rest[widthAt + 1]) : 1000;
const maxAt = rest.indexOf("--max-height");
const maxHeight = maxAt >= 0 ? Number(rest[maxAt + 1]) : Infinity;
const url = /^https?:\/\//.test(input) ? input : pathToFileURL(resolve(input)).href;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
try {
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  await page.goto(url, { waitUntil: "load" });
  // Runs in the page, where `document` exists.
  // eslint-disable-next-line no-undef
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({
    path: out,
    fullPage: true,
    clip: { x: 0, y: 0, width, height: Math.min(height, maxHeight) },
  });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
