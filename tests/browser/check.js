// Drives the system Chromium (headless) over an audit report opened from disk, for
// tests/report.rs: node check.js INDEX.html ARTICLE.html SCREENSHOT_DIR
// Prints one JSON object: what the pages show (counts, the partner lit by a click, filters,
// sorting) and every request that left for a non-file URL and every console error; the Rust
// test asserts on it. Screenshots go to SCREENSHOT_DIR (under target/, not committed).
"use strict";
const path = require("path");
const fs = require("fs");
const { chromium } = require("playwright-core");

async function main() {
  const [index, article, shots] = process.argv.slice(2);
  if (!index || !article || !shots) throw new Error("usage: node check.js INDEX.html ARTICLE.html SCREENSHOT_DIR");
  fs.mkdirSync(shots, { recursive: true });
  const profile = fs.mkdtempSync(path.join(shots, "profile-"));
  // Chromium's own background traffic off, so that every request seen is the page's.
  // A fresh profile (user data dir) each time.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.LEAPFIG_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1400, height: 1000 },
    deviceScaleFactor: 1,
    args: [
      "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync",
    ],
  });
  const out = { requests: [], external: [], console_errors: [] };
  try {
    // Any request but a file: URL is recorded and refused.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      out.requests.push(url);
      if (url.startsWith("file:")) return route.continue();
      out.external.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on("console", (m) => { if (m.type() === "error") out.console_errors.push(m.text()); });
    page.on("pageerror", (e) => out.console_errors.push(String(e)));
    page.on("requestfailed", (r) => { if (!r.url().startsWith("file:")) out.external.push(r.url()); });

    // The index: articles, charts, search.
    await page.goto("file://" + path.resolve(index));
    out.index_rows = await page.locator("#articles-table tbody tr").count();
    out.charts = await page.locator("svg.chart").count();
    out.chart_points = await page.locator("svg.chart circle[cx]").count();
    await page.screenshot({ path: path.join(shots, "index.png"), fullPage: false });
    const firstId = (await page.locator("#articles-table tbody tr td a").first().textContent()).trim();
    await page.fill("#search", firstId);
    out.search_rows = await page.locator("#articles-table tbody tr:not(.off)").count();
    await page.fill("#search", "");

    // The article: marks, a click on an English mark, filters, sorting.
    await page.goto("file://" + path.resolve(article));
    out.marks = await page.locator("mark.m").count();
    out.rows = await page.locator("#claims tbody tr").count();
    const en = page.locator(".cell[lang=en] mark.m[data-p]").first();
    const p = await en.getAttribute("data-p");
    out.clicked = await en.getAttribute("id");
    await en.click();
    const partner = page.locator("#c" + p);
    out.partner = "c" + p;
    out.partner_lit = await partner.evaluate((e) => e.classList.contains("partner"));
    out.partner_lang = await partner.evaluate((e) => e.closest(".cell").getAttribute("lang"));
    out.clicked_lit = await en.evaluate((e) => e.classList.contains("lit"));
    out.lit_count = await page.locator(".lit, .partner").count();
    out.panel = (await page.locator("#panel").textContent()).replace(/\s+/g, " ").trim();
    await page.screenshot({ path: path.join(shots, "article.png"), fullPage: false });
    // A status badge is text, not only colour.
    out.badge = await en.evaluate((e) => getComputedStyle(e, "::after").content);
    // Filter by kind: the rows left are of that kind.
    const kind = await en.getAttribute("data-k");
    await page.selectOption("#f-kind", kind);
    out.filter_kind = kind;
    out.filter_rows = await page.locator("#claims tbody tr:not(.off)").count();
    out.filter_wrong = await page.locator(`#claims tbody tr:not(.off):not([data-k="${kind}"])`).count();
    await page.selectOption("#f-kind", "");
    // Sort by start, descending after two clicks: the first row has the largest start.
    const head = page.locator("#claims thead th", { hasText: /^start$/ });
    await head.click();
    await head.click();
    const starts = await page.locator("#claims tbody tr td:nth-child(5)").allTextContents();
    out.sorted_desc = starts.every((s, i) => i === 0 || Number(starts[i - 1]) >= Number(s));
    out.first_start = Number(starts[0]);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(1);
});
