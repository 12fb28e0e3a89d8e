// flowsim serve's Compare and Size pages. Compare runs `flowsim compare`'s
// paired comparison on the server (POST /api/compares) and says the answer
// as a finance director reads it: beds that can close with their band, the
// money (cash-releasing, non-cash-releasing, unserved demand) with 95% CIs,
// patients not served said plainly. Size asks a question in words built
// from the measures `flowsim size --target` accepts (POST /api/metrics lists
// them for the scenario) and answers it with its band. Uses app.js's
// helpers (window.flowsim.ui); app.js calls window.flowsim.startPages.
'use strict';
(function () {
  const flowsim = window.flowsim;
  const { api, el, showMessage, describeErrors, checkedOverlays, drawCharts, runRequest, startRun, followRun, withToken, seconds } = flowsim.ui;
  const byId = (id) => document.getElementById(id);
  const grouped = (x, digits = 0) => Number(x).toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

  // ---- questions in words: each measure a target of flowsim size --target
  // (tools/sizing/targets.hpp: METRIC <= or >= NUMBER, NUMBER% for a share).
  // 'level' is the threshold the planner types; 'share' the share of days or
  // of the time; 'levels' the occupancy levels the scenario reports days or
  // time at or above (run.occupancy_thresholds).
  const MEASURES = [
    { id: 'midnight_p95', label: 'midnight occupancy, on 95% of days', scope: 'unit', level: 92, percent: true,
      metric: (q) => `unit.${q.unit}.midnight_occupancy_p95`,
      words: (q) => `keep midnight occupancy at or below ${q.level}% on 95% of days`,
      target: (q, m) => `${m} <= ${q.level}%` },
    { id: 'midnight_days', label: 'midnight occupancy, on a share of days you choose', scope: 'unit', levels: 'midnight_days_at_or_above_', share: 95, shareOf: 'of days',
      metric: (q) => `unit.${q.unit}.midnight_days_at_or_above_${q.levelName}pct`,
      words: (q) => `keep midnight occupancy below ${q.levelText} on at least ${q.share}% of days`,
      target: (q, m) => `${m} <= ${complement(q.share)}%` },
    { id: 'time_above', label: 'occupancy, for a share of the time you choose', scope: 'unit', levels: 'time_at_or_above_', share: 95, shareOf: 'of the time',
      metric: (q) => `unit.${q.unit}.time_at_or_above_${q.levelName}pct`,
      words: (q) => `keep occupancy below ${q.levelText} for at least ${q.share}% of the time`,
      target: (q, m) => `${m} <= ${complement(q.share)}%` },
    { id: 'occupancy_p95', label: 'occupancy, 95% of the time', scope: 'unit', level: 92, percent: true,
      metric: (q) => `unit.${q.unit}.utilisation_p95`,
      words: (q) => `keep occupancy at or below ${q.level}% for 95% of the time`,
      target: (q, m) => `${m} <= ${q.level}%` },
    { id: 'mean', label: 'average occupancy', scope: 'unit', level: 85, percent: true,
      metric: (q) => `unit.${q.unit}.utilisation`,
      words: (q) => `keep average occupancy at or below ${q.level}%`,
      target: (q, m) => `${m} <= ${q.level}%` },
    { id: 'p_wait', label: 'patients who wait for a bed', scope: 'unit', level: 5, percent: true,
      metric: (q) => `unit.${q.unit}.p_wait`,
      words: (q) => `keep the patients who wait for a bed at or below ${q.level}%`,
      target: (q, m) => `${m} <= ${q.level}%` },
    { id: 'delayed', label: 'delayed transfers (patients ready to leave, still in a bed)', scope: 'unit', level: 20, suffix: 'beds',
      metric: (q) => `unit.${q.unit}.delayed_mean`,
      words: (q) => `keep delayed transfers at or below ${q.level} beds on an average day`,
      target: (q, m) => `${m} <= ${q.level}` },
    { id: 'ae_4h', label: 'A&E: patients seen within 4 hours', scope: 'ae', level: 95, percent: true,
      metric: (q) => `ae.${q.ed}.within_4h`,
      words: (q) => `see at least ${q.level}% of A&E patients within 4 hours`,
      target: (q, m) => `${m} >= ${q.level}%` },
    { id: 'ae_12h', label: 'A&E: waits over 12 hours', scope: 'ae', level: 100, suffix: 'patients',
      metric: (q) => `ae.${q.ed}.over_12h`,
      words: (q) => `keep A&E waits over 12 hours at or below ${q.level} patients in the measured period`,
      target: (q, m) => `${m} <= ${q.level}` },
  ];
  function complement(share) { return Number((100 - Number(share)).toFixed(6)); }

  // A question's controls in 'box' (ids PREFIX-unit, -measure, -level,
  // -share, -sentence, -target); refresh(scenario) reads the scenario's units
  // and metrics. question() is {unit, target, sentence}, or {problem}.
  function questionBuilder(box, prefix) {
    const unit = el('select', { id: prefix + '-unit' });
    const measure = el('select', { id: prefix + '-measure' });
    const level = el('input', { id: prefix + '-level', type: 'number', min: '0', step: 'any', size: '5' });
    const levelWord = el('span', { class: 'suffix' });
    const levels = el('select', { id: prefix + '-levels' });
    const share = el('input', { id: prefix + '-share', type: 'number', min: '1', max: '100', step: 'any', size: '4' });
    const shareWord = el('span', { class: 'suffix' });
    const levelLabel = el('label', {}, 'At or below', el('span', { class: 'inline' }, level, levelWord));
    const levelsLabel = el('label', {}, 'Occupancy level', levels);
    const shareLabel = el('label', {}, 'On at least', el('span', { class: 'inline' }, share, shareWord));
    const sentence = el('p', { class: 'question', id: prefix + '-sentence' });
    const target = el('code', { id: prefix + '-target' });
    box.innerHTML = '';
    box.append(el('div', { class: 'row' }, el('label', {}, 'Unit', unit), el('label', {}, 'Measure', measure), levelLabel, levelsLabel, shareLabel),
      sentence, el('p', { class: 'ci' }, 'As flowsim size takes it: ', target,
        ' (met with confidence when the whole 95% confidence interval is on its side).'));
    let known = { units: [], metrics: [] };
    const has = (metric) => known.metrics.some((m) => m.metric === metric);
    const eds = () => known.units.filter((u) => u.emergency_department).map((u) => u.name);
    function current() {
      const chosen = MEASURES.find((m) => m.id === measure.value) || MEASURES[0];
      const q = { unit: unit.value, ed: eds()[0], level: level.value, share: share.value };
      if (chosen.levels) {
        q.levelName = levels.value;
        q.levelText = levels.selectedOptions[0] ? levels.selectedOptions[0].textContent : '';
      }
      return { chosen, q };
    }
    function levelsOf(chosen) {
      const pattern = new RegExp(`^unit\\.${unit.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.${chosen.levels}(.+)pct$`);
      return known.metrics.map((m) => (m.metric.match(pattern) || [])[1]).filter(Boolean);
    }
    function fillMeasures() {
      const before = measure.value;
      measure.innerHTML = '';
      for (const m of MEASURES) {
        const q = { unit: unit.value, ed: eds()[0], levelName: m.levels ? levelsOf(m)[0] : '' };
        if (m.scope === 'ae' && !q.ed) continue;
        if (!has(m.metric(q))) continue;
        measure.append(el('option', { value: m.id }, m.label));
      }
      if ([...measure.options].some((o) => o.value === before)) measure.value = before;
      fillInputs(before !== measure.value);
    }
    function fillInputs(fresh) {
      const { chosen } = current();
      levelLabel.hidden = chosen.level === undefined;
      levelsLabel.hidden = !chosen.levels;
      shareLabel.hidden = chosen.share === undefined;
      levelLabel.firstChild.textContent = chosen.scope === 'ae' && chosen.id === 'ae_4h' ? 'At least' : 'At or below';
      levelWord.textContent = chosen.percent ? '%' : (chosen.suffix || '');
      shareWord.textContent = '% ' + (chosen.shareOf || '');
      if (fresh && chosen.level !== undefined) level.value = chosen.level;
      if (fresh && chosen.share !== undefined) share.value = chosen.share;
      if (chosen.levels) {
        const before = levels.value;
        levels.innerHTML = '';
        for (const name of levelsOf(chosen)) levels.append(el('option', { value: name }, name.replace(/_/g, '.') + '%'));
        if ([...levels.options].some((o) => o.value === before)) levels.value = before;
        else if ([...levels.options].some((o) => o.value === '92')) levels.value = '92';
      }
      show();
    }
    function question() {
      const { chosen, q } = current();
      if (!q.unit || !measure.value) return { problem: 'This scenario has no unit to size.' };
      if (chosen.level !== undefined && (level.value === '' || Number(level.value) < 0 || (chosen.percent && Number(level.value) > 100)))
        return { problem: `The level must be a number${chosen.percent ? ' from 0 to 100' : ' of at least 0'}.` };
      if (chosen.share !== undefined && (share.value === '' || Number(share.value) <= 0 || Number(share.value) > 100))
        return { problem: 'The share must be a number above 0 and at most 100.' };
      return { unit: q.unit, target: chosen.target(q, chosen.metric(q)), words: chosen.words(q),
        sentence: `How many ${q.unit} beds ${chosen.words(q)}?` };
    }
    function show() {
      const answer = question();
      sentence.textContent = answer.problem || answer.sentence;
      sentence.classList.toggle('bad', !!answer.problem);
      target.textContent = answer.problem ? '' : `--unit ${answer.unit} --target '${answer.target}'`;
    }
    unit.addEventListener('change', fillMeasures);
    measure.addEventListener('change', () => fillInputs(true));
    for (const input of [level, share, levels]) input.addEventListener('input', show);
    levels.addEventListener('change', show);
    async function refresh(scenario) {
      const answer = await api('/api/metrics', { method: 'POST', body: JSON.stringify({ scenario }), headers: { 'Content-Type': 'application/json' } });
      if (answer.status !== 200) return showMessage(describeErrors(answer.body));
      known = answer.body;
      const before = unit.value;
      unit.innerHTML = '';
      for (const u of known.units.filter((x) => !x.emergency_department))
        unit.append(el('option', { value: u.name }, u.capacity === null ? `${u.name} (unlimited now)` : `${u.name} (${grouped(u.capacity)} now)`));
      const names = [...unit.options].map((o) => o.value);
      unit.value = names.includes(before) ? before : names.includes('acute') ? 'acute' : names[0] || '';
      fillMeasures();
    }
    return { refresh, question };
  }

  // ---- shared by both pages
  function downloads(id, files) {
    const links = el('p', { class: 'downloads' }, 'Download: ', el('a', { href: withToken(`/api/runs/${id}/report`), target: '_blank' }, 'the full report (report.html)'));
    for (const file of files || []) links.append(el('a', { href: withToken(`/api/runs/${id}/files/${file}`) }, file));
    return links;
  }
  async function showSections(id, box) {
    box.innerHTML = (await api(`/api/runs/${id}/results`)).body;
    const drawn = await drawCharts(box);
    box.setAttribute('data-charts-drawn', String(drawn.filter(Boolean).length));
  }
  const titleOf = (name) => (flowsim.scenarios.find((s) => s.name === name) || { title: name }).title;

  // ---- compare: the answer as finance reads it
  const millions = (gbp) => `£${grouped(Math.abs(gbp) / 1e6, 2)}m`;
  const clear = (m) => m.ci95_low > 0 || m.ci95_high < 0;
  // An interval said in the sense of its mean: "more" or "fewer", "saved" or
  // "more to pay", with its CI turned the same way (-5.1 to 123.5 fewer).
  const turned = (m) => (m.mean < 0 ? { mean: -m.mean, low: -m.ci95_high, high: -m.ci95_low } : { mean: m.mean, low: m.ci95_low, high: m.ci95_high });
  const signed = (x, say) => (x < 0 ? '−' : '') + say(Math.abs(x));
  // "£1.23m a year saved (95% CI £0.80m to £1.60m)", or "£0.27m a year more to pay (...)".
  function moneyText(m) {
    if (Math.abs(m.mean) < 500 && Math.abs(m.ci95_low) < 500 && Math.abs(m.ci95_high) < 500) return 'none (£0.00m a year)';
    const t = turned(m);
    return `${millions(t.mean)} a year ${m.mean >= 0 ? 'saved' : 'more to pay'} (95% CI ${signed(t.low, millions)} to ${signed(t.high, millions)}` +
      `${clear(m) ? '' : ': not clearly different from nothing'})`;
  }
  function moneyBlock(money, variantTitle) {
    const rows = [
      ['Cash-releasing', 'staffed beds and places that close: budget that can be taken out', money.cash_releasing_gbp_per_year],
      ['Non-cash-releasing', 'bed-days, admissions and visits freed while the capacity stays staffed: room to treat other patients, no budget falls', money.non_cash_releasing_gbp_per_year],
      ['Unserved demand', 'patients waiting at the door, turned away or left waiting, at what the system spends per patient', money.unserved_gbp_per_year],
    ];
    const table = el('table', { class: 'list money', id: 'compare-money' },
      el('tr', {}, el('th', {}, 'Money, a year'), el('th', {}, 'What it is'), el('th', {}, `${variantTitle} against the baseline`)));
    for (const [name, what, m] of rows)
      table.append(el('tr', { 'data-money': name }, el('td', {}, el('b', {}, name)), el('td', { class: 'ci' }, what), el('td', {}, moneyText(m))));
    const served = money.patients_served_difference;
    const servedWords = !clear(served) ? 'No clear difference in the patients served.'
      : `${grouped(turned(served).mean)} ${served.mean > 0 ? 'more' : 'fewer'} patients served with ${variantTitle} in the measured period (95% CI ${signed(turned(served).low, grouped)} to ${signed(turned(served).high, grouped)}).`;
    const notServed = money.served_fewer_patients ? el('p', { class: 'flag', id: 'compare-not-served' },
      'Patients not served: part of the lower cost is patients who were not treated, not a saving. ' + servedWords) : el('p', { id: 'compare-served' }, servedWords);
    return el('div', {}, el('h3', {}, 'Money, as finance counts it'), table, notServed,
      el('p', { class: 'ci', id: 'compare-money-words' }, money.explanation));
  }
  // "111 acute beds can close (band 61 to 111) and still ...".
  function bedsWords(sizing, baseline, variant, variantTitle, words) {
    const base = sizing.scenarios[baseline];
    const side = sizing.scenarios[variant];
    const close = side.beds_can_close || {};
    const needed = (s) => s.met_with_confidence === null ? 'no capacity tried meets it' : `${grouped(s.met_with_confidence)} needed`;
    const lines = [];
    if (close.beds === null || close.beds === undefined) {
      lines.push(`Beds that can close: unknown, because ${base.met_with_confidence === null ? 'the baseline' : variantTitle} has no capacity of ${sizing.unit} that ${words} with confidence.`);
    } else {
      const band = close.band ? ` (band ${grouped(close.band.low)} to ${grouped(close.band.high)})` : ' (band unknown)';
      lines.push(close.beds >= 0
        ? `${grouped(close.beds)} ${sizing.unit} beds can close${band} and still ${words}.`
        : `${grouped(-close.beds)} more ${sizing.unit} beds are needed${band} to ${words}.`);
    }
    lines.push(`Without it ${needed(base)}, with ${variantTitle} ${needed(side)} (now ${base.current_capacity === null ? 'unlimited' : grouped(base.current_capacity)}).`);
    const occupied = side.occupied_beds_difference;
    if (occupied) {
      const t = turned(occupied);
      const oneDecimal = (x) => grouped(x, 1);
      lines.push(`On an average day ${oneDecimal(t.mean)} ${occupied.mean < 0 ? 'fewer' : 'more'} ${sizing.unit} beds are occupied (paired 95% CI ${signed(t.low, oneDecimal)} to ${signed(t.high, oneDecimal)}); ` +
        'the beds that can close differ because capacity must cover the busy days, not the average one.');
    }
    return lines;
  }

  const compareQuestion = questionBuilder(byId('compare-question'), 'compare');
  byId('compare-size-on').addEventListener('change', (e) => { byId('compare-question').hidden = !e.target.checked; });
  byId('compare-scenario').addEventListener('change', (e) => compareQuestion.refresh(e.target.value));
  byId('compare-button').addEventListener('click', async () => {
    showMessage('');
    const answerBox = byId('compare-answer');
    const results = byId('compare-results');
    answerBox.innerHTML = ''; results.innerHTML = ''; results.removeAttribute('data-charts-drawn');
    const base = byId('compare-scenario').value;
    const overlays = checkedOverlays(byId('compare-overlays'));
    if (overlays.length === 0) return showMessage('Switch on at least one intervention to compare with the baseline.');
    const request = runRequest(base, overlays, byId('compare-reps').value, byId('compare-seed').value);
    let question = null;
    if (byId('compare-size-on').checked) {
      question = compareQuestion.question();
      if (question.problem) return showMessage(question.problem);
      request.size_unit = question.unit;
      request.size_target = question.target;
    }
    let id;
    try { id = await startRun(request, '/api/compares'); } catch (e) { return showMessage(e.message); }
    flowsim.runId = id;
    const progress = byId('compare-progress');
    progress.textContent = 'waiting to start';
    const last = await followRun(id, (s) => {
      const replications = 2 * s.replications;
      progress.textContent = s.state === 'queued' ? 'waiting for a free slot'
        : s.replications_done <= replications ? `${s.replications_done} of ${replications} replications done (baseline and variant)`
          : `sizing ${question ? question.unit : ''}: ${s.replications_done - replications} capacities tried`;
    });
    progress.setAttribute('data-state', last.state);
    if (last.state !== 'done') return showMessage('The comparison did not finish: ' + last.state + ' ' + last.message);
    progress.textContent = `Done: ${last.replications} paired replications (seed ${last.seed}) in ${seconds(last.wall_seconds)}.`;
    const status = (await api('/api/runs/' + id)).body;
    const compared = status.compare;
    const variantTitle = overlays.map(titleOf).join(' + ');
    const head = el('div', { class: 'verdict', id: 'compare-words' },
      el('h3', {}, `${variantTitle} against ${titleOf(base)}`),
      el('p', { class: 'ci' }, `${compared.replications_compared} paired replications on the same synthetic patients (common random numbers), seed ${compared.seed}; ` +
        'each difference is the variant minus the baseline, replication by replication, with its 95% confidence interval.'));
    if (compared.sizing) {
      const lines = bedsWords(compared.sizing, compared.baseline, compared.variants[0], variantTitle, question.words);
      head.append(el('p', { class: 'big', id: 'compare-beds' }, lines[0]));
      for (const line of lines.slice(1)) head.append(el('p', {}, line));
    }
    answerBox.append(head);
    if (compared.money) answerBox.append(moneyBlock(compared.money, variantTitle));
    if (last.gridlocked.length > 0)
      answerBox.append(el('p', { class: 'flag' }, `Gridlock: ${last.gridlocked.length} replication(s) ended with a waiting list that kept growing ` +
        `(first: ${last.gridlocked[0].scenario}, replication ${last.gridlocked[0].replication}, ${last.gridlocked[0].unit} from day ${last.gridlocked[0].day}); they are included and named in the report.`));
    answerBox.append(downloads(id, status.files),
      el('details', {}, el('summary', {}, 'as flowsim compare prints it'), el('pre', { id: 'compare-console' }, last.answer.console || status.answer.console)));
    await showSections(id, results);
  });

  // ---- size: a question in words, answered with its band
  const sizeQuestion = questionBuilder(byId('size-question'), 'size');
  byId('size-scenario').addEventListener('change', (e) => {
    // An answer stays only beside its own scenario's question.
    byId('size-answer').innerHTML = ''; byId('size-results').innerHTML = ''; byId('size-progress').textContent = '';
    sizeQuestion.refresh(e.target.value);
  });
  byId('size-button').addEventListener('click', async () => {
    showMessage('');
    const box = byId('size-answer');
    const results = byId('size-results');
    box.innerHTML = ''; results.innerHTML = ''; results.removeAttribute('data-charts-drawn');
    const question = sizeQuestion.question();
    if (question.problem) return showMessage(question.problem);
    const request = runRequest(byId('size-scenario').value, checkedOverlays(byId('size-overlays')), byId('size-reps').value, byId('size-seed').value);
    request.size = { unit: question.unit, targets: [question.target] };
    let id;
    try { id = await startRun(request); } catch (e) { return showMessage(e.message); }
    const progress = byId('size-progress');
    progress.textContent = 'simulating the first capacity';
    const last = await followRun(id, (s) => { progress.textContent = `${s.replications_done} capacities tried`; });
    if (last.state !== 'done') return showMessage('The sizing did not finish: ' + last.state + ' ' + last.message);
    progress.textContent = `Done in ${seconds(last.wall_seconds)}.`;
    const a = last.answer;
    const headline = a.capacity === null ? `No number of ${a.unit} beds that was tried can ${question.words}.`
      : `${grouped(a.capacity)} ${a.unit} beds ${question.words} with confidence` +
        (a.undecided ? ` (band ${grouped(a.undecided[0])} to ${grouped(a.undecided[1])}: the replications cannot tell in between, so as few as ${grouped(a.undecided[0])} may do).` : '.');
    box.append(el('div', { class: 'verdict', id: 'size-words' }, el('p', { class: 'ci' }, question.sentence),
      el('p', { class: 'big' }, headline), el('p', {}, a.words +
        (a.replications_to_narrow ? ` About ${a.replications_to_narrow} replications would narrow the band.` : ''))));
    await showSections(id, results);
  });

  flowsim.startPages = async (first) => {
    byId('compare-scenario').value = first;
    byId('size-scenario').value = first;
    await Promise.all([compareQuestion.refresh(first), sizeQuestion.refresh(first)]);
  };
})();
