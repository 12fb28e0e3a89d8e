// The Runs page: every run kept in the workspace (GET /api/runs), newest
// first, this session's and earlier ones', with its report and downloads.
// A cancelled run that kept finished replications offers them labelled
// "partial", never as the run's result. Refreshed whenever the page is shown.
'use strict';
(function () {
  // app.js's helpers, there by the time the page is shown (this file loads before app.js).
  const el = (...args) => window.flowsim.el(...args);
  const api = (...args) => window.flowsim.api(...args);
  const withToken = (url) => window.flowsim.withToken(url);
  const when = (created) => (created || '').replace('T', ' ').replace(/\.\d+Z$/, '');
  function statusText(run) {
    if (run.state === 'done') return { size: 'sized', compare: 'compared, paired' }[run.kind] || 'done';
    if (run.state === 'running' || run.state === 'queued') return `${run.state}: ${run.replications_done} of ${run.replications}`;
    // A cancelled run's message already begins "cancelled after N of M replications".
    return run.message && run.message.startsWith(run.state) ? run.message : `${run.state}: ${run.message}`;
  }
  function fileLinks(run) {
    const cell = el('td', { class: 'downloads' });
    if (run.state === 'done') cell.append(el('a', { href: withToken(`/api/runs/${run.id}/report`), target: '_blank', class: 'open-run' }, 'open the report'));
    if (run.files && run.files.length) {
      if (run.state !== 'done') cell.append(el('span', { class: 'partial' }, `partial result, ${run.partial_replications} of ${run.replications} replications: `));
      for (const file of run.files) cell.append(el('a', { href: withToken(`/api/runs/${run.id}/files/${file}`) }, file));
    }
    return cell;
  }
  async function showRuns() {
    const body = document.querySelector('#runs-table tbody');
    const runs = (await api('/api/runs')).body;
    const rows = runs.map((run) => el('tr', { 'data-run': run.id, 'data-state': run.state },
      el('td', {}, when(run.created)),
      el('td', {}, el('b', {}, run.scenario), el('div', { class: 'ci' }, run.scenario_file)),
      el('td', {}, (run.kind === 'compare' ? 'baseline against the baseline with ' : '') + ((run.overlays || []).join(', ') || 'none')),
      el('td', {}, `${run.replications}, seed ${run.seed}`),
      el('td', {}, statusText(run)),
      fileLinks(run)));
    body.innerHTML = '';
    if (!rows.length) body.append(el('tr', {}, el('td', { colspan: 6 }, 'No runs yet: start one on the Run page.')));
    for (const row of rows) body.append(row);
    body.setAttribute('data-listed', String(rows.length));
  }
  document.querySelector('#tabs button[data-tab="runs"]').addEventListener('click', () => showRuns().catch((e) => console.error('runs: ' + e.message)));
  window.flowsimRuns = { showRuns };
})();
