// flowsim serve's page: plain JavaScript on the JSON API (no framework, no
// bundler). Charts are the report's own Vega-Lite specifications, drawn by
// vega-embed; the YAML editor is CodeMirror 5 with its lint addon showing
// the server's diagnostics at their line and column.
'use strict';
(function () {
  const token = new URLSearchParams(location.search).get('token') || '';
  const withToken = (url) => token ? url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token) : url;
  const state = { scenarios: [], schema: {}, editor: null, leaves: [], diagnostics: [], runId: null, events: null };
  window.flowsim = state;  // for the browser test (and state.reload, below)

  async function api(path, options = {}) {
    const headers = Object.assign({}, options.headers || {}, token ? { 'X-Flowsim-Token': token } : {});
    const response = await fetch(path, Object.assign({}, options, { headers }));
    const type = response.headers.get('Content-Type') || '';
    const body = type.startsWith('application/json') ? await response.json() : await response.text();
    return { status: response.status, body };
  }
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }
  function showMessage(text) {
    const box = document.getElementById('message');
    box.textContent = text;
    box.hidden = !text;
  }
  function describeErrors(body) {
    const lines = (body.diagnostics || []).map((d) => (d.line ? `line ${d.line}, column ${d.column}: ` : '') +
      (d.path ? d.path + ': ' : '') + d.message);
    return [body.error || 'failed'].concat(lines).join('\n');
  }

  // ---- tabs
  function showTab(name) {
    document.querySelectorAll('#tabs button').forEach((b) => b.classList.toggle('active', b.dataset.tab === name));
    document.querySelectorAll('section.tab').forEach((s) => { s.hidden = s.id !== 'tab-' + name; });
    if (name === 'edit' && state.editor) state.editor.refresh();
  }
  document.querySelectorAll('#tabs button').forEach((b) => b.addEventListener('click', () => showTab(b.dataset.tab)));
  document.querySelectorAll('.subtabs button').forEach((b) => b.addEventListener('click', () => {
    document.querySelectorAll('.subtabs button').forEach((o) => o.classList.toggle('active', o === b));
    document.getElementById('subtab-form').hidden = b.dataset.subtab !== 'form';
    document.getElementById('subtab-yaml').hidden = b.dataset.subtab !== 'yaml';
    if (b.dataset.subtab === 'yaml') state.editor.refresh();
  }));

  // ---- scenarios
  const scenariosOnly = () => state.scenarios.filter((s) => s.kind === 'scenario');
  const overlaysOnly = () => state.scenarios.filter((s) => s.kind === 'overlay');
  const where = (s) => s.source === 'shipped' ? 'shipped with flowsim' : 'your workspace';

  function fillSelect(select, chosen) {
    select.innerHTML = '';
    for (const s of scenariosOnly()) select.append(el('option', { value: s.name }, `${s.title} (${s.name})`));
    if (chosen) select.value = chosen;
  }
  // Only the interventions written for the chosen scenario (an overlay's applies_to; none: any).
  function fitsBaseline(overlay, baseline) {
    const scenario = state.scenarios.find((s) => s.name === baseline);
    return !(overlay.applies_to || []).length || (!!scenario && overlay.applies_to.includes(scenario.scenario_name));
  }
  function fillOverlays(container, name) {
    container.innerHTML = '';
    container.append(el('div', { class: 'ci' }, 'Interventions to switch on:'));
    const baseline = document.getElementById(name + '-scenario').value;
    const fitting = overlaysOnly().filter((o) => fitsBaseline(o, baseline));
    if (!fitting.length) container.append(el('div', { class: 'ci' }, 'none written for this scenario (an intervention\'s applies_to names the scenarios it fits)'));
    for (const o of fitting) {
      container.append(el('label', {}, el('input', { type: 'checkbox', value: o.name, 'data-overlay': o.name }),
        el('span', {}, o.title), el('span', { class: 'desc' }, o.description)));
    }
    container.dataset.name = name;
  }
  const checkedOverlays = (container) => Array.from(container.querySelectorAll('input:checked')).map((i) => i.value);

  async function loadScenarios(chosen) {
    const answer = await api('/api/scenarios');
    state.scenarios = answer.body;
    const table = document.querySelector('#scenario-table tbody');
    table.innerHTML = '';
    for (const s of scenariosOnly()) {
      const details = el('details', {}, el('summary', {}, 'sources and notes'), el('pre', {}, s.sources || 'none given'));
      table.append(el('tr', {},
        el('td', {}, el('b', {}, s.title), el('div', { class: 'ci' }, s.name)),
        el('td', {}, s.description || '', s.sources ? details : ''),
        el('td', {}, where(s)),
        el('td', {}, el('button', { onclick: () => openInEditor(s.name) }, 'Edit'), ' ',
          el('button', { onclick: () => { document.getElementById('run-scenario').value = s.name; showTab('run'); } }, 'Run'))));
    }
    const overlays = document.querySelector('#overlay-table tbody');
    overlays.innerHTML = '';
    for (const o of overlaysOnly()) {
      const details = el('details', {}, el('summary', {}, 'sources'), el('pre', {}, o.sources || 'none given'));
      overlays.append(el('tr', {}, el('td', {}, el('b', {}, o.title), el('div', { class: 'ci' }, o.name)),
        el('td', {}, o.description || '', details), el('td', {}, where(o))));
    }
    for (const id of ['edit-scenario', 'int-scenario', 'run-scenario', 'compare-scenario', 'size-scenario'])
      fillSelect(document.getElementById(id), chosen);
    refillOverlays();
  }
  const overlayLists = { int: 'int-list', run: 'run-overlays', compare: 'compare-overlays', size: 'size-overlays' };
  function refillOverlays() {
    for (const [name, id] of Object.entries(overlayLists)) fillOverlays(document.getElementById(id), name);
  }
  for (const [name, id] of Object.entries(overlayLists))
    document.getElementById(name + '-scenario').addEventListener('change', () => fillOverlays(document.getElementById(id), name));
  document.getElementById('int-list').addEventListener('change', () => showDiff());

  // ---- edit: the schema-driven form and the YAML editor
  function schemaAt(path) {
    let node = state.schema;
    const resolve = (n) => {
      while (n && n.$ref && n.$ref.startsWith('#/')) n = n.$ref.slice(2).split('/').reduce((o, k) => (o || {})[k], state.schema);
      return n || {};
    };
    for (const key of path.split('.')) {
      node = resolve(node);
      const choices = [node].concat(node.oneOf || [], node.anyOf || [], node.allOf || []).map(resolve);
      let next = null;
      for (const c of choices) {
        if (/^\d+$/.test(key) && c.items) { next = c.items; break; }
        if (c.properties && c.properties[key]) { next = c.properties[key]; break; }
        if (c.additionalProperties && typeof c.additionalProperties === 'object') { next = c.additionalProperties; break; }
        if (c.patternProperties) { next = Object.values(c.patternProperties)[0]; break; }
      }
      if (!next) return {};
      node = next;
    }
    return resolve(node);
  }
  // A leaf's alternatives (anyOf/oneOf, $ref resolved), each a plain rule.
  function alternatives(schema) {
    const resolve = (n) => {
      while (n && n.$ref && n.$ref.startsWith('#/')) n = n.$ref.slice(2).split('/').reduce((o, k) => (o || {})[k], state.schema);
      return n || {};
    };
    const choices = [].concat(schema.anyOf || [], schema.oneOf || []).map(resolve);
    return choices.length ? choices : [schema];
  }
  const typesOf = (rule) => [].concat(rule.type || []);
  const isNumeric = (rule) => typesOf(rule).includes('number') || typesOf(rule).includes('integer');
  function numericRule(schema) { return alternatives(schema).find(isNumeric); }
  function numeric(schema) { return !!numericRule(schema); }
  function accepts(rule, value) {
    if (rule.enum) return rule.enum.map(String).includes(value);
    if (rule.const !== undefined) return String(rule.const) === value;
    if (isNumeric(rule)) return numberProblem(rule, value) === '';
    if (typesOf(rule).includes('boolean')) return value === 'true' || value === 'false';
    return typesOf(rule).includes('string') || typesOf(rule).length === 0;
  }
  function numberProblem(rule, value) {
    const number = Number(value);
    if (value.trim() === '' || Number.isNaN(number)) return 'must be a number';
    if (typesOf(rule).includes('integer') && !typesOf(rule).includes('number') && !Number.isInteger(number)) return 'must be a whole number';
    if (rule.minimum !== undefined && number < rule.minimum) return `must be at least ${rule.minimum}`;
    if (rule.maximum !== undefined && number > rule.maximum) return `must be at most ${rule.maximum}`;
    if (rule.exclusiveMinimum !== undefined && number <= rule.exclusiveMinimum) return `must be more than ${rule.exclusiveMinimum}`;
    return '';
  }
  // '' when some alternative accepts the value; else what the number rule says (or the words allowed).
  function fieldProblem(value, schema) {
    const rules = alternatives(schema);
    if (rules.some((rule) => accepts(rule, value))) return '';
    const number = rules.find(isNumeric);
    const words = rules.filter((r) => r.enum || r.const !== undefined).flatMap((r) => r.enum || [r.const]);
    const problem = number ? numberProblem(number, value) : 'is not allowed here';
    return words.length ? `${problem}, or one of: ${words.join(', ')}` : problem;
  }
  function sectionOf(path) {
    const parts = path.split('.');
    if ((parts[0] === 'units' || parts[0] === 'arrivals' || parts[0] === 'services') && parts.length > 2)
      return parts[0] + ': ' + parts[1];
    return parts[0];
  }
  function humanName(path) {
    const parts = path.split('.');
    const start = (parts[0] === 'units' || parts[0] === 'arrivals' || parts[0] === 'services') ? 2 : 1;
    return parts.slice(start).join(' › ').replace(/_/g, ' ') || parts[0].replace(/_/g, ' ');
  }
  function buildForm() {
    const form = document.getElementById('form');
    form.innerHTML = '';
    const sets = new Map();
    for (const leaf of state.leaves) {
      const section = sectionOf(leaf.path);
      if (!sets.has(section)) {
        // One folding section per unit, arrival source or block; "run" open.
        const fieldset = el('details', { class: 'section', 'data-section': section }, el('summary', {}, section.replace(/_/g, ' ')));
        if (section === 'run' || section === 'name' || section === 'description') fieldset.open = true;
        sets.set(section, fieldset);
        form.append(fieldset);
      }
      const schema = schemaAt(leaf.path);
      const bounds = numericRule(schema) || {};
      const hints = [];
      if (schema['x-unit'] || bounds['x-unit']) hints.push(schema['x-unit'] || bounds['x-unit']);
      // JSON Schema's exclusive bounds too ("above 0 to 36525"), never a bare "from …".
      const low = bounds.minimum !== undefined ? `from ${bounds.minimum}`
        : bounds.exclusiveMinimum !== undefined ? `above ${bounds.exclusiveMinimum}` : '';
      const high = bounds.maximum !== undefined ? `to ${bounds.maximum}`
        : bounds.exclusiveMaximum !== undefined ? `below ${bounds.exclusiveMaximum}` : 'to no limit';
      if (low || high !== 'to no limit') hints.push(low ? `${low} ${high}` : high);
      const words = alternatives(schema).flatMap((r) => r.enum || (r.const !== undefined ? [r.const] : []));
      if (words.length) hints.push('or: ' + words.join(', '));
      if (schema.description) hints.push(schema.description);
      const input = el('input', { value: leaf.value, 'data-path': leaf.path, size: 14 });
      if (numeric(schema)) {
        input.setAttribute('inputmode', 'decimal');
        if (bounds.minimum !== undefined) input.setAttribute('data-min', bounds.minimum);
        if (bounds.maximum !== undefined) input.setAttribute('data-max', bounds.maximum);
      }
      const error = el('div', { class: 'error' });
      input.addEventListener('change', () => {
        const problem = fieldProblem(input.value, schema);
        error.textContent = problem;
        input.classList.toggle('invalid', !!problem);
        setLeaf(leaf.path, input.value);
      });
      sets.get(section).append(el('div', { class: 'field' },
        el('span', { class: 'name', title: leaf.path }, humanName(leaf.path)),
        input,
        el('span', {}, el('span', { class: 'hint' }, hints.join(' · ')), error)));
    }
    if (window.flowsimFormLists) window.flowsimFormLists.decorate(form);  // add/remove units, routes, arrivals (form_lists.js)
    showDiagnosticsInForm();
  }
  // Replaces the scalar's text where it stands in the YAML, so comments and layout stay.
  function setLeaf(path, value) {
    const leaf = state.leaves.find((l) => l.path === path);
    if (!leaf) return;
    const doc = state.editor.getDoc();
    const line = doc.getLine(leaf.line - 1);
    const rest = line.slice(leaf.column - 1);
    const quoted = /^["']/.test(rest);
    const match = quoted ? rest.match(/^(["']).*?\1/) : rest.match(/^[^\s,}\]#]+(?:[ \t]+[^\s,}\]#:]+)*/);
    const length = match ? match[0].length : 0;
    const text = /^[-\w.:+]+$/.test(value) ? value : JSON.stringify(value);
    doc.replaceRange(text, { line: leaf.line - 1, ch: leaf.column - 1 }, { line: leaf.line - 1, ch: leaf.column - 1 + length });
  }
  function showDiagnosticsInForm() {
    document.querySelectorAll('#form .field').forEach((field) => {
      const input = field.querySelector('input');
      const found = state.diagnostics.find((d) => d.path === input.dataset.path);
      if (found) {
        field.querySelector('.error').textContent = `line ${found.line}: ${found.message}`;
        input.classList.add('invalid');
        field.closest('details').open = true;
      }
    });
  }
  let validateTimer = null;
  async function validateNow() {
    const text = state.editor.getValue();
    const [checked, leaves] = await Promise.all([
      api('/api/validate', { method: 'POST', body: text, headers: { 'Content-Type': 'application/yaml' } }),
      api('/api/leaves', { method: 'POST', body: text, headers: { 'Content-Type': 'application/yaml' } })]);
    state.diagnostics = checked.body.diagnostics || [];
    const status = document.getElementById('edit-status');
    status.className = 'status ' + (checked.body.valid ? 'ok' : 'bad');
    status.textContent = checked.body.valid ? 'The scenario is valid.' :
      `${state.diagnostics.length} error${state.diagnostics.length === 1 ? '' : 's'}: ` +
      state.diagnostics.map((d) => `line ${d.line}${d.path ? ' (' + d.path + ')' : ''}: ${d.message}`).join('; ');
    const list = document.getElementById('diagnostics');
    list.innerHTML = '';
    for (const d of state.diagnostics)
      list.append(el('li', { 'data-line': d.line }, `line ${d.line}, column ${d.column}: ${d.path ? d.path + ': ' : ''}${d.message}`));
    if (Array.isArray(leaves.body)) {
      const rebuild = leaves.body.map((l) => l.path).join() !== state.leaves.map((l) => l.path).join();
      state.leaves = leaves.body;
      if (rebuild) buildForm(); else {
        document.querySelectorAll('#form .field').forEach((field) => {
          field.querySelector('input').classList.remove('invalid');
          field.querySelector('.error').textContent = '';
        });
        showDiagnosticsInForm();
      }
    }
    state.editor.performLint();
    return checked.body;
  }
  function yamlLint(text, callback) {
    const lines = text.split('\n');
    callback(state.diagnostics.filter((d) => d.line > 0).map((d) => {
      const start = Math.max(0, d.column - 1);
      const token = ((lines[d.line - 1] || '').slice(start).match(/^[^\s,}\]#]+/) || [''])[0];
      return {
      from: CodeMirror.Pos(d.line - 1, start),
      to: CodeMirror.Pos(d.line - 1, start + Math.max(1, token.length)),
      message: (d.path ? d.path + ': ' : '') + d.message, severity: 'error' };
    }));
  }
  yamlLint.async = true;
  state.editor = CodeMirror(document.getElementById('editor'), {
    mode: 'yaml', lineNumbers: true, gutters: ['CodeMirror-lint-markers'], lint: { getAnnotations: yamlLint, async: true, lintOnChange: false },
  });
  state.editor.on('change', () => {
    clearTimeout(validateTimer);
    validateTimer = setTimeout(validateNow, 300);
  });
  async function openInEditor(name) {
    const answer = await api('/api/scenarios/' + name);
    if (answer.status !== 200) return showMessage(describeErrors(answer.body));
    document.getElementById('edit-scenario').value = name;
    const base = name.split('/').pop();
    document.getElementById('save-name').value = name.startsWith('workspace/') ? name.slice('workspace/'.length) : base.replace(/\.yaml$/, '_edited.yaml');
    state.editor.setValue(answer.body.text);
    showTab('edit');
    await validateNow();
  }
  document.getElementById('edit-scenario').addEventListener('change', (e) => openInEditor(e.target.value));
  document.getElementById('save-button').addEventListener('click', async () => {
    const name = 'workspace/' + document.getElementById('save-name').value.trim();
    const answer = await api('/api/scenarios/' + name, { method: 'PUT', body: state.editor.getValue(), headers: { 'Content-Type': 'application/yaml' } });
    const status = document.getElementById('edit-status');
    if (answer.status === 200) {
      status.className = 'status ok';
      status.textContent = `Saved as ${answer.body.saved}.`;
      await loadScenarios(answer.body.saved);
      document.getElementById('edit-scenario').value = answer.body.saved;
    } else {
      status.className = 'status bad';
      status.textContent = describeErrors(answer.body);
    }
  });

  // ---- interventions
  async function showDiff() {
    const overlays = checkedOverlays(document.getElementById('int-list'));
    const body = document.querySelector('#diff-table tbody');
    body.innerHTML = '';
    if (overlays.length === 0) return body.append(el('tr', {}, el('td', { colspan: 4 }, 'Switch an intervention on to see what it changes.')));
    const answer = await api('/api/effective', { method: 'POST', body: JSON.stringify({ scenario: document.getElementById('int-scenario').value, overlays }) });
    if (answer.status !== 200) return body.append(el('tr', {}, el('td', { colspan: 4, class: 'bad' }, describeErrors(answer.body))));
    const titles = Object.fromEntries(state.scenarios.map((s) => [s.name, s.title]));
    for (const c of answer.body.changes)
      body.append(el('tr', {}, el('td', {}, el('code', {}, c.path)), el('td', {}, c.before), el('td', {}, el('b', {}, c.after)),
        el('td', { class: 'ci' }, `${titles[c.file] || c.file}, line ${c.line} (${c.op})`)));
  }
  document.getElementById('int-scenario').addEventListener('change', showDiff);

  // ---- run
  function drawCharts(container) {
    const charts = Array.from(container.querySelectorAll('div.chart'));
    return Promise.all(charts.map((div) => {
      // Within this container: the Run and Size tabs both hold report sections, with the same ids.
      const spec = JSON.parse(container.querySelector('#' + CSS.escape(div.id + '-spec')).textContent);
      return vegaEmbed(div, spec, { actions: false, renderer: 'svg', mode: 'vega-lite', tooltip: { theme: 'light' } })
        .then(() => { div.setAttribute('data-drawn', 'yes'); return true; })
        .catch((error) => { console.error('chart ' + div.dataset.chart + ': ' + error); return false; });
    }));
  }
  function runRequest(scenario, overlays, reps, seed) {
    const request = { scenario, overlays };
    if (reps !== '') request.replications = Number(reps);
    if (seed !== '') request.seed = Number(seed);
    return request;
  }
  async function startRun(request, path = '/api/runs') {
    const answer = await api(path, { method: 'POST', body: JSON.stringify(request), headers: { 'Content-Type': 'application/json' } });
    if (answer.status !== 202) throw new Error(describeErrors(answer.body));
    return answer.body.id;
  }
  const seconds = (s) => s < 0.1 ? 'under 0.1 s' : `${s.toFixed(1)} s`;
  // Resolves with the run's last status; calls onProgress on each event.
  function followRun(id, onProgress) {
    return new Promise((resolve) => {
      const events = new EventSource(withToken(`/api/runs/${id}/events`));
      state.events = events;
      events.addEventListener('progress', (e) => onProgress(JSON.parse(e.data)));
      events.addEventListener('done', (e) => { events.close(); resolve(JSON.parse(e.data)); });
      events.onerror = () => { events.close(); api('/api/runs/' + id).then((a) => resolve(a.body)); };
    });
  }
  document.getElementById('run-button').addEventListener('click', async () => {
    showMessage('');
    const results = document.getElementById('run-results');
    const flags = document.getElementById('run-flags');
    const downloads = document.getElementById('run-downloads');
    results.innerHTML = ''; flags.innerHTML = ''; downloads.innerHTML = '';
    const request = runRequest(document.getElementById('run-scenario').value, checkedOverlays(document.getElementById('run-overlays')),
      document.getElementById('run-reps').value, document.getElementById('run-seed').value);
    let id;
    try { id = await startRun(request); } catch (e) { return showMessage(e.message); }
    state.runId = id;
    const bar = document.getElementById('run-bar');
    const text = document.getElementById('run-progress-text');
    document.getElementById('run-progress').hidden = false;
    document.getElementById('cancel-button').disabled = false;
    document.getElementById('run-button').disabled = true;
    text.textContent = 'waiting to start';
    const progress = (s) => {
      bar.max = s.replications; bar.value = s.replications_done;
      text.textContent = s.state === 'queued' ? 'waiting for a free slot' : `${s.replications_done} of ${s.replications} replications done`;
    };
    const last = await followRun(id, progress);
    document.getElementById('cancel-button').disabled = true;
    document.getElementById('run-button').disabled = false;
    text.setAttribute('data-state', last.state);
    if (last.state === 'cancelled') { text.textContent = 'Run ' + last.message + '.'; return; }
    if (last.state === 'failed') { text.textContent = 'The run failed: ' + last.message; return; }
    progress(last);
    text.textContent = `Done: ${last.replications} replications in ${seconds(last.wall_seconds)} (seed ${last.seed}).`;
    if (last.gridlocked.length > 0)
      flags.append(el('p', { class: 'flag' }, `Gridlock: ${last.gridlocked.length} of ${last.replications} replications ended with a waiting list that kept growing ` +
        `(first: replication ${last.gridlocked[0].replication}, at ${last.gridlocked[0].unit} from day ${last.gridlocked[0].day}). Their averages mean little; add capacity or shorten stays.`));
    const status = (await api('/api/runs/' + id)).body;
    const links = el('p', { class: 'downloads' }, 'Download: ', el('a', { href: withToken(`/api/runs/${id}/report`), target: '_blank' }, 'the full report (report.html)'));
    for (const file of status.files || []) links.append(el('a', { href: withToken(`/api/runs/${id}/files/${file}`) }, file));
    downloads.append(links);
    const fragment = await api(`/api/runs/${id}/results`);
    results.innerHTML = fragment.body;
    const escalating = [...new Set(Array.from(results.querySelectorAll('div.chart[data-chart^="escalation-"]')).map((d) => d.dataset.chart.slice('escalation-'.length)))];
    if ((status.files || []).includes('escalation.csv'))
      flags.append(el('p', { class: 'flag', id: 'escalation-flag' }, `Escalation: ${escalating.join(', ') || 'a unit'} escalated in this run ` +
        '(extra beds opened, arrivals diverted at the higher levels); see "Escalation" below for the levels day by day.'));
    const drawn = await drawCharts(results);
    results.setAttribute('data-charts-drawn', String(drawn.filter(Boolean).length));
  });
  document.getElementById('cancel-button').addEventListener('click', async () => {
    if (state.runId) await api('/api/runs/' + state.runId, { method: 'DELETE' });
  });

  state.reload = loadScenarios;
  // For compare.js (the Compare and Size pages).
  state.ui = { api, el, showMessage, describeErrors, checkedOverlays, drawCharts, runRequest, startRun, followRun, withToken, seconds };
  Object.assign(state, { schemaAt, el, api, withToken });  // for form_lists.js and runs_list.js

  // ---- start
  (async function start() {
    const schema = await api('/api/schema');
    state.schema = schema.body;
    await loadScenarios();
    const first = scenariosOnly().find((s) => s.name.endsWith('llr_2016_baseline.yaml')) || scenariosOnly()[0];
    if (first) {
      document.getElementById('run-scenario').value = first.name;
      document.getElementById('int-scenario').value = first.name;
      if (state.startPages) await state.startPages(first.name);
      refillOverlays();
      await openInEditor(first.name);
      showTab('scenarios');
    }
    showDiff();
    document.body.setAttribute('data-ready', 'yes');
  })().catch((e) => showMessage('The page could not start: ' + e.message));
})();
