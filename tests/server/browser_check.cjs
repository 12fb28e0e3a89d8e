// Drives flowsim serve's page in headless Chromium (puppeteer-core with
// Debian's chromium) as a planner would: the scenarios list; the acute
// capacity changed in the form, then a bad value shown at its line in the
// YAML tab; a run with live progress and its charts drawn; interventions
// switched on with what they change; a paired comparison with an
// intervention, its beds that can close and money lines; sizing questions
// built from a measure of the planner's choosing, answered; a run
// cancelled; an escalating ward saved, run and flagged; a unit and a route
// added and removed in the form; the interventions offered for each
// baseline; the runs listed. Fails on console errors; keeps a screenshot of
// each step.
// Usage: node browser_check.cjs CHROMIUM URL SCREENSHOT_DIR
'use strict';
const path = require('path');
const puppeteer = require(path.join(__dirname, '../../tools/report/web/node_modules/puppeteer-core'));

const [chromium, url, screenshots] = process.argv.slice(2);
// A 20-bed ward opening escalation beds at two levels (shared with tests/report/browser_test.sh).
const ESCALATING_WARD = require('fs').readFileSync(path.join(__dirname, '../data/escalating_ward.yaml'), 'utf8');
const problems = [];
const check = (ok, what) => { if (!ok) problems.push(what); };

async function main() {
  // A comparison with its sizing waits minutes for its answer: longer than puppeteer's default protocol timeout.
  const browser = await puppeteer.launch({ executablePath: chromium, headless: true, protocolTimeout: 900000, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const shot = (name) => page.screenshot({ path: path.join(screenshots, name + '.png'), fullPage: true });
  const tab = (name) => page.click(`#tabs button[data-tab="${name}"]`);

  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="yes"]', { timeout: 60000 });
  const listed = await page.$$eval('#scenario-table tbody tr', (rows) => rows.length);
  check(listed >= 5, `scenarios listed: ${listed}`);
  await shot('1_scenarios');

  // Edit: the default scenario (the LLR baseline) is in the editor; change the acute beds in the form.
  await tab('edit');
  const capacity = 'input[data-path="units.acute.capacity"]';
  await page.waitForSelector(capacity, { visible: false });
  await page.$eval(capacity, (input) => { input.closest('details').open = true; });
  await page.$eval(capacity, (input) => { input.value = '1350'; input.dispatchEvent(new Event('change')); });
  await page.waitForFunction(() => window.flowsim.editor.getValue().includes('capacity: 1350'), { timeout: 10000 });
  await page.waitForFunction(() => document.getElementById('edit-status').textContent.includes('valid'), { timeout: 20000 });
  check(await page.$eval('#edit-status', (s) => s.className.includes('ok')), 'the changed scenario should be valid');
  await page.$eval(capacity, (input) => { input.value = '-5'; input.dispatchEvent(new Event('change')); });
  await page.waitForFunction(() => document.getElementById('edit-status').className.includes('bad'), { timeout: 20000 });
  const line = await page.evaluate(() => window.flowsim.editor.getValue().split('\n').findIndex((l) => l.includes('capacity: -5')) + 1);
  const shown = await page.$$eval('#diagnostics li', (items) => items.map((i) => Number(i.dataset.line)));
  check(shown.includes(line), `the error should be listed at line ${line}, got ${shown}`);
  check(await page.$eval(capacity, (i) => i.classList.contains('invalid')), 'the form field should be marked');
  await page.$eval(capacity, (input) => input.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: path.join(screenshots, '2_edit_form_error.png') });
  await page.click('.subtabs button[data-subtab="yaml"]');
  await page.evaluate((l) => window.flowsim.editor.scrollIntoView({ line: l - 1, ch: 0 }, 200), line);
  await page.waitForSelector('.CodeMirror-lint-marker-error', { timeout: 10000 });
  const markerLines = await page.evaluate(() => {
    const cm = window.flowsim.editor;
    const lines = [];
    cm.eachLine((handle) => {
      const info = cm.lineInfo(handle);
      if (info.gutterMarkers && info.gutterMarkers['CodeMirror-lint-markers']) lines.push(info.line + 1);
    });
    return lines;
  });
  check(markerLines.includes(line), `the YAML tab should mark line ${line}, marks at ${markerLines}`);
  await shot('3_edit_yaml_error');

  // Interventions: what Home First changes.
  await tab('interventions');
  await page.click('#int-list input[value="shipped/interventions/home_first.yaml"]');
  await page.waitForFunction(() => document.querySelectorAll('#diff-table tbody tr').length > 3, { timeout: 20000 });
  await shot('4_interventions');

  // Run a small scenario: progress, then the report's charts.
  await tab('run');
  await page.select('#run-scenario', 'shipped/validation/c1_erlang_c_small.yaml');
  await page.type('#run-reps', '8');
  await page.type('#run-seed', '5');
  await page.click('#run-button');
  await page.waitForSelector('#run-results[data-charts-drawn]', { timeout: 120000 });
  const drawn = await page.$eval('#run-results', (r) => Number(r.dataset.chartsDrawn));
  const charts = await page.$$eval('#run-results div.chart', (c) => c.length);
  check(drawn > 0 && drawn === charts, `charts drawn: ${drawn} of ${charts}`);
  check(await page.$$eval('#run-results div.chart svg .mark-line path, #run-results div.chart svg .mark-area path', (m) => m.length) > 0, 'a chart should have lines');
  check((await page.$eval('#run-progress-text', (t) => t.dataset.state)) === 'done', 'the run should be done');
  await shot('5_run_results');

  // Compare the LLR baseline with Home First, paired, with the acute beds that can close.
  await tab('compare');
  await page.select('#compare-scenario', 'shipped/llr_2016_baseline.yaml');
  await page.waitForFunction(() => document.querySelector('#compare-unit option[value="acute"]'), { timeout: 20000 });
  await page.$eval('#compare-reps', (i) => { i.value = '3'; });
  await page.click('#compare-overlays input[value="shipped/interventions/home_first.yaml"]');
  await page.click('#compare-size-on');
  const asked = await page.$eval('#compare-sentence', (s) => s.textContent);
  check(asked === 'How many acute beds keep midnight occupancy at or below 92% on 95% of days?', `the compare question: ${asked}`);
  await page.click('#compare-button');
  await page.waitForSelector('#compare-results[data-charts-drawn]', { timeout: 500000 });
  const beds = await page.$eval('#compare-beds', (w) => w.textContent);
  check(/^[\d,]+ acute beds can close \(band [\d,]+ to [\d,]+\)|more acute beds are needed/.test(beds), `beds that can close in words: ${beds}`);
  const money = await page.$$eval('#compare-money tr[data-money]', (rows) => rows.map((r) => r.textContent));
  check(money.length === 3 && money.every((m) => /£[\d,.]+m a year|none/.test(m)), `the money lines: ${money}`);
  check(await page.$('#compare-served, #compare-not-served') !== null, 'patients served should be said');
  const printed = await page.$eval('#compare-console', (p) => p.textContent);
  check(printed.includes('Money, home_first vs llr_2016_baseline') && printed.includes('Beds that can close: acute'), 'the console of flowsim compare');
  const compareCharts = await page.$eval('#compare-results', (r) => Number(r.dataset.chartsDrawn));
  check(compareCharts > 0, `compare charts drawn: ${compareCharts}`);
  await shot('6_compare_full');
  // The answer as a planner first sees it (the README's picture): the question, then beds and money.
  await page.$eval('#compare-size-on', (box) => box.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(screenshots, '6_compare.png') });
  await (await page.$('#compare-answer')).screenshot({ path: path.join(screenshots, '6_compare_answer.png') });

  // Size with a measure of the planner's choosing: how many ward beds keep the patients who wait at or below 20%?
  await tab('size');
  await page.select('#size-scenario', 'shipped/validation/c1_erlang_c_small.yaml');
  await page.waitForFunction(() => document.querySelector('#size-unit option[value="ward"]') &&
    document.querySelector('#size-measure option[value="p_wait"]'), { timeout: 20000 });
  const measures = await page.$$eval('#size-measure option', (o) => o.map((x) => x.value));
  check(measures.includes('midnight_days') && measures.includes('delayed') && !measures.includes('ae_4h'), `measures offered: ${measures}`);
  await page.select('#size-measure', 'p_wait');
  await page.$eval('#size-level', (i) => { i.value = '20'; i.dispatchEvent(new Event('input')); });
  const sentence = await page.$eval('#size-sentence', (s) => s.textContent);
  check(sentence === 'How many ward beds keep the patients who wait for a bed at or below 20%?', `the size question: ${sentence}`);
  const target = await page.$eval('#size-target', (s) => s.textContent);
  check(target === "--unit ward --target 'unit.ward.p_wait <= 20%'", `the size target: ${target}`);
  await page.$eval('#size-reps', (i) => { i.value = '4'; });
  await page.click('#size-button');
  await page.waitForSelector('#size-results[data-charts-drawn]', { timeout: 300000 });
  const sized = await page.$eval('#size-words', (w) => w.textContent);
  check(/\d+ beds of ward meet the target with confidence/.test(sized), `the sizing should answer in words: ${sized}`);
  check(sized.includes('ward beds keep the patients who wait for a bed at or below 20% with confidence'), `the answer repeats the question: ${sized}`);
  // The sizing curve comes first, drawn from its own specification (not the Run tab's, which has the same ids).
  const first = await page.$eval('#size-results div.chart', (div) => div.dataset.chart);
  const drawnTitle = await page.$eval('#size-results div.chart svg', (svg) => svg.textContent);
  check(/^size-/.test(first) && /ward/.test(drawnTitle), `the first sizing chart should be the sizing curve: ${first}`);
  await shot('7_size');
  // The A&E measures are offered where the scenario has an A&E, for the acute beds.
  await page.select('#size-scenario', 'shipped/llr_2016_baseline.yaml');
  await page.waitForFunction(() => document.querySelector('#size-measure option[value="ae_4h"]'), { timeout: 20000 });
  await page.select('#size-measure', 'ae_4h');
  const edSentence = await page.$eval('#size-sentence', (s) => s.textContent);
  check(edSentence === 'How many acute beds see at least 95% of A&E patients within 4 hours?', `the A&E question: ${edSentence}`);
  await page.select('#size-measure', 'midnight_days');
  const daysTarget = await page.$eval('#size-target', (s) => s.textContent);
  check(daysTarget === "--unit acute --target 'unit.acute.midnight_days_at_or_above_92pct <= 5%'", `the share-of-days target: ${daysTarget}`);
  await page.screenshot({ path: path.join(screenshots, '7_size_question.png') });

  // Cancel a long run.
  await tab('run');
  await page.$eval('#run-reps', (i) => { i.value = '1000'; });
  await page.click('#run-button');
  await page.waitForFunction(() => !document.getElementById('cancel-button').disabled, { timeout: 20000 });
  await page.click('#cancel-button');
  await page.waitForFunction(() => document.getElementById('run-progress-text').dataset.state === 'cancelled', { timeout: 60000 });
  await shot('8_cancelled');

  // A ward that escalates: saved into the workspace through the API, run, and flagged.
  const saved = await page.evaluate(async (yaml) => {
    const answer = await fetch('/api/scenarios/workspace/escalating_ward.yaml', { method: 'PUT', body: yaml });
    await window.flowsim.reload('workspace/escalating_ward.yaml');
    return answer.status;
  }, ESCALATING_WARD);
  check(saved === 200, `saving the escalating ward: ${saved}`);
  await page.select('#run-scenario', 'workspace/escalating_ward.yaml');
  await page.$eval('#run-reps', (i) => { i.value = '4'; });
  await page.click('#run-button');
  await page.waitForSelector('#escalation-flag', { timeout: 120000 });
  check((await page.$eval('#escalation-flag', (f) => f.textContent)).includes('ward escalated'), 'escalation should be flagged for the ward');
  await page.screenshot({ path: path.join(screenshots, '9_escalation.png') });

  // Form lists: add a unit and a route to it in the form; the YAML follows and validates; remove both again.
  await tab('edit');
  await page.click('.subtabs button[data-subtab="form"]');
  await page.select('#edit-scenario', 'shipped/validation/c1_erlang_c_small.yaml');
  await page.waitForFunction(() => window.flowsim.editor.getValue().includes('C1 Erlang C, 3 beds') &&
    document.querySelector('#form details[data-section="units: ward"] .add-route'), { timeout: 20000 });
  const original = await page.evaluate(() => window.flowsim.editor.getValue());
  await page.type('#add-unit-name', 'step_down');
  await page.click('#add-unit');
  await page.waitForSelector('#form details[data-section="units: step_down"]', { timeout: 20000 });
  const withUnit = await page.evaluate(() => window.flowsim.editor.getValue());
  check(/\n  step_down:\n    kind: community\n    capacity: 1\n    los: \{dist: exponential, mean: 1, unit: days\}\n    routes: \{home: 1\}\n/.test(withUnit),
    `the YAML should hold the new unit with the keys a unit needs:\n${withUnit}`);
  // Nothing reaches the new unit yet: that is the diagnostic, at the unit's line.
  await page.waitForFunction(() => document.getElementById('edit-status').textContent.includes('cannot be reached'), { timeout: 20000 });
  const unitLine = await page.evaluate(() => window.flowsim.editor.getValue().split('\n').findIndex((l) => l.includes('kind: community')) + 1);
  const unreachableAt = await page.$$eval('#diagnostics li', (items) => items.map((i) => Number(i.dataset.line)));
  check(unreachableAt.includes(unitLine), `the unreachable unit should be listed at line ${unitLine}, got ${unreachableAt}`);
  const ward = '#form details[data-section="units: ward"]';
  await page.$eval(ward, (d) => { d.open = true; });
  await page.select(`${ward} .route-target`, 'step_down');
  await page.$eval(`${ward} .route-probability`, (i) => { i.value = '0.2'; });
  await page.$eval(`${ward} .add-route`, (b) => b.click());
  await page.waitForFunction(() => window.flowsim.editor.getValue().includes('routes: {home: 1, step_down: 0.2}'), { timeout: 20000 });
  // The shares out of the ward now sum to 1.2: the diagnostic is shown at the routes' line ...
  await page.waitForFunction(() => document.getElementById('edit-status').textContent.includes('sum to 1'), { timeout: 20000 });
  const routesLine = await page.evaluate(() => window.flowsim.editor.getValue().split('\n').findIndex((l) => l.includes('step_down: 0.2')) + 1);
  const listedAt = await page.$$eval('#diagnostics li', (items) => items.map((i) => Number(i.dataset.line)));
  check(listedAt.includes(routesLine), `the routes' error should be listed at line ${routesLine}, got ${listedAt}`);
  // ... and taking the share from home in the form makes the scenario valid.
  await page.waitForSelector('input[data-path="units.ward.routes.home"]', { timeout: 20000 });
  await page.$eval('input[data-path="units.ward.routes.home"]', (input) => { input.value = '0.8'; input.dispatchEvent(new Event('change')); });
  await page.waitForFunction(() => window.flowsim.editor.getValue().includes('routes: {home: 0.8, step_down: 0.2}') &&
    document.getElementById('edit-status').className.includes('ok'), { timeout: 20000 });
  await page.$eval('#form details[data-section="units: step_down"]', (d) => { d.open = true; d.scrollIntoView(); });
  await shot('10_form_lists');
  await page.click('.subtabs button[data-subtab="yaml"]');
  await page.screenshot({ path: path.join(screenshots, '11_form_lists_yaml.png') });
  await page.click('.subtabs button[data-subtab="form"]');
  // Removing the route and the unit gives back the text as it was, but for the home share.
  // (Clicked in the page: a folded section's buttons are not on screen.)
  await page.$eval('input[data-path="units.ward.routes.step_down"] ~ span .remove-route', (b) => b.click());
  await page.waitForFunction(() => !window.flowsim.editor.getValue().includes('step_down: 0.2'), { timeout: 20000 });
  await page.waitForSelector('#form details[data-section="units: step_down"] .remove-unit', { timeout: 20000 });
  await page.$eval('#form details[data-section="units: step_down"] .remove-unit', (b) => b.click());
  await page.waitForFunction(() => !window.flowsim.editor.getValue().includes('step_down'), { timeout: 20000 });
  const restored = await page.evaluate(() => window.flowsim.editor.getValue());
  check(restored === original.replace('routes: {home: 1}', 'routes: {home: 0.8}'), `removing should restore the text:\n${restored}`);

  // Interventions are offered only for the scenarios they were written for.
  const plan = 'shipped/interventions/whole_hospital/llr_2020_bed_plan.yaml';
  await tab('compare');
  await page.select('#compare-scenario', 'shipped/llr_2016_baseline.yaml');
  check(!(await page.$(`#compare-overlays input[value="${plan}"]`)), 'the whole-hospital plan should not be offered for the baseline');
  await page.select('#compare-scenario', 'shipped/llr_2016_whole_hospital.yaml');
  check(!!(await page.$(`#compare-overlays input[value="${plan}"]`)), 'the whole-hospital plan should be offered for the whole hospital');
  check(!(await page.$('#compare-overlays input[value="shipped/interventions/home_first.yaml"]')), 'Home First should not be offered for the whole hospital');

  // Runs: every run of this session, newest first, the cancelled one saying what it kept.
  await tab('runs');
  await page.waitForSelector('#runs-table tbody[data-listed]', { timeout: 20000 });
  const runs = await page.$$eval('#runs-table tbody tr', (rows) => rows.map((r) => ({ state: r.dataset.state, text: r.textContent })));
  // A run, a comparison, a sizing, the cancelled run and the escalating ward.
  check(runs.length >= 5, `runs listed: ${runs.length}`);
  check(runs.some((r) => r.state === 'done' && r.text.includes('compared, paired') && r.text.includes('baseline against the baseline with')),
    'the comparison should be listed as one paired comparison');
  check(runs.length > 0 && runs[0].text.includes('Escalating ward'), `the newest run should come first: ${runs.length ? runs[0].text : ''}`);
  check(runs.some((r) => r.state === 'cancelled' && /cancelled after \d+ of 1000 replications/.test(r.text)), 'the cancelled run should say how far it got');
  await shot('12_runs');
  await browser.close();
}

main().then(() => {
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log('flowsim serve in the browser: every step passed');
}).catch((error) => {
  console.error(error);
  console.error(problems.join('\n'));
  process.exit(1);
});
