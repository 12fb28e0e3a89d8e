// Opens each report.html in headless Chromium (puppeteer-core driving
// Debian's chromium) and checks what a reader would see: no console errors,
// every chart drawn with data marks (counted from the Vega view's scene
// graph), every chart's specification carrying tooltips, a tooltip that
// really appears on hover, and a full-page screenshot kept for people to look at.
//
// Usage: node browser_check.cjs CHROMIUM SCREENSHOT_DIR NAME=REPORT.html[#CHART,...] ...
// where each CHART named after '#' must be in the report and drawn with marks.
// Exit 0 when every report passes; the reasons otherwise.
'use strict';
const path = require('path');
const puppeteer = require(path.join(__dirname, '../../tools/report/web/node_modules/puppeteer-core'));

function hasTooltip(spec) {
  if (Array.isArray(spec)) return spec.some(hasTooltip);
  if (spec && typeof spec === 'object')
    return Object.keys(spec).some((key) => (key === 'tooltip' && spec[key]) || hasTooltip(spec[key]));
  return false;
}

async function check(browser, name, file, required, screenshots) {
  const problems = [];
  const page = await browser.newPage();
  await page.setViewport({width: 1200, height: 900});
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed load: ${request.url()}`));
  page.on('request', (request) => {
    if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) problems.push(`fetched: ${request.url()}`);
  });
  await page.goto('file://' + path.resolve(file), {waitUntil: 'load'});
  const rendered = await page.evaluate(() => window.flowsimReportReady);
  const charts = await page.evaluate(() => Array.from(document.querySelectorAll('div.chart')).map((div) => ({
    name: div.getAttribute('data-chart'),
    marks: Number(div.getAttribute('data-marks') || 0),
    tooltip: JSON.parse(document.getElementById(div.id + '-spec').textContent),
    hasView: !!(window.flowsimViews && window.flowsimViews[div.getAttribute('data-chart')]),
  })));
  if (charts.length === 0) problems.push('no charts');
  for (const wanted of required)
    if (!charts.some((chart) => chart.name === wanted && chart.marks > 0)) problems.push(`chart ${wanted}: missing or without marks`);
  if (rendered !== charts.length) problems.push(`${rendered} of ${charts.length} charts drawn`);
  for (const chart of charts) {
    if (!chart.hasView) problems.push(`chart ${chart.name}: no Vega view`);
    if (!(chart.marks > 0)) problems.push(`chart ${chart.name}: no data marks`);
    if (!hasTooltip(chart.tooltip)) problems.push(`chart ${chart.name}: no tooltip in its specification`);
  }
  // Hover the first chart's marks until the tooltip shows.
  const shown = await page.evaluate(async () => {
    const svg = document.querySelector('div.chart svg');
    if (!svg) return false;
    const marks = Array.from(svg.querySelectorAll('g.mark-symbol path, g.mark-rect path, g.mark-area path, g.mark-rule line'));
    for (const mark of marks.slice(0, 60)) {
      const box = mark.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      mark.scrollIntoView({block: 'center'});
      const b = mark.getBoundingClientRect();
      const x = b.left + b.width / 2;
      const y = b.top + b.height / 2;
      for (const type of ['pointerover', 'pointermove', 'mouseover', 'mousemove']) {
        mark.dispatchEvent(new MouseEvent(type, {bubbles: true, clientX: x, clientY: y, view: window}));
      }
      await new Promise((resolve) => setTimeout(resolve, 80));
      const tip = document.getElementById('vg-tooltip-element');
      if (tip && tip.classList.contains('visible') && tip.textContent.trim().length > 0) return tip.textContent.trim();
    }
    return false;
  });
  if (!shown) problems.push('no tooltip appeared when hovering the first chart');
  await page.evaluate(() => window.scrollTo(0, 0));
  const screenshot = path.join(screenshots, `${name}.png`);
  await page.screenshot({path: screenshot, fullPage: true});
  await page.close();
  return {name, charts: charts.length, tooltip: shown, screenshot, problems};
}

(async () => {
  const [chromium, screenshots, ...reports] = process.argv.slice(2);
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'],
  });
  let failed = false;
  try {
    for (const entry of reports) {
      const [name, target] = entry.split('=');
      const [file, charts] = target.split('#');
      const result = await check(browser, name, file, charts ? charts.split(',') : [], screenshots);
      console.log(`${name}: ${result.charts} charts, tooltip ${JSON.stringify(result.tooltip).slice(0, 80)}, ` +
                  `screenshot ${result.screenshot}`);
      for (const problem of result.problems) console.log(`  FAIL ${name}: ${problem}`);
      failed = failed || result.problems.length > 0;
    }
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
})().catch((error) => {
  console.log(`FAIL: ${error.stack || error}`);
  process.exit(1);
});
