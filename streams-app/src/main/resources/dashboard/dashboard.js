'use strict';
// Polls the app's JSON (fetch can send the bearer token; EventSource cannot) and redraws what changed.
const POLL_MS = 1000;
const TOKEN_KEY = 'foresight.token';
const $ = (id) => document.getElementById(id);
let selectedWorkflow = null;
let selectedCommand = null;

function token() {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

async function get(path) {
  const headers = {};
  const bearer = token();
  if (bearer) headers.Authorization = 'Bearer ' + bearer;
  const response = await fetch(path, { headers, cache: 'no-store' });
  if (response.status === 401) {
    $('token-form').hidden = false;
    throw new Error('the API needs a token');
  }
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.status);
  return body;
}

function cell(row, text, css) {
  const td = row.insertCell();
  td.textContent = text === undefined || text === null ? '' : String(text);
  if (css) td.className = css;
  return td;
}

function fill(tableId, rows, columns) {
  const body = $(tableId).tBodies[0];
  body.replaceChildren();
  rows.forEach((row) => {
    const tr = body.insertRow();
    columns.forEach((column) => cell(tr, ...[].concat(column(row))));
  });
}

const level = (value) => ({ CRITICAL: 'bad', ELEVATED: 'warn', UNHEALTHY: 'bad', DEGRADED: 'warn', OPEN: 'bad',
  HALF_OPEN: 'warn', HEALTHY: 'good', CLOSED: 'good' })[value] || '';
const fixed = (value) => (typeof value === 'number' ? value.toFixed(2) : value);
const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '');

const workflowChart = new Chart($('workflow-chart'), {
  type: 'bar',
  data: { labels: [], datasets: [
    { label: 'predicted', data: [], backgroundColor: '#7aa7e8' },
    { label: 'actual', data: [], backgroundColor: '#e8a87a' }] },
  options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
});

const riskChart = new Chart($('risk-chart'), {
  type: 'line',
  data: { datasets: [] },
  options: { animation: false, maintainAspectRatio: false, parsing: false,
    scales: { x: { type: 'linear', ticks: { callback: (v) => new Date(v).toLocaleTimeString() } },
      y: { min: 0, max: 1 } } },
});

function drawWorkflows(body) {
  const workflows = body.workflows;
  const select = $('workflow-select');
  const ids = workflows.map((w) => w.workflowId);
  if (!ids.includes(selectedWorkflow)) selectedWorkflow = ids[0] || null;
  select.replaceChildren(...workflows.map((w) => new Option(w.workflowId + ' (' + w.status + ')', w.workflowId)));
  select.value = selectedWorkflow || '';
  const workflow = workflows.find((w) => w.workflowId === selectedWorkflow);
  const actions = workflow ? workflow.actions : [];
  workflowChart.data.labels = actions.map((a) => a.actionId + ' ' + a.actionType);
  workflowChart.data.datasets[0].data = actions.map((a) => (a.prediction && a.prediction.expected
    ? a.prediction.expected.memoryMb : null));
  workflowChart.data.datasets[1].data = actions.map((a) => (a.actual ? a.actual.memoryMb : null));
  workflowChart.update('none');
  $('workflow-summary').textContent = workflow
    ? workflow.workflowType + ', ' + actions.length + ' action(s), updated ' + time(workflow.updatedAt) : 'no workflows yet';
}

const COLORS = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
function drawRisk(risk) {
  riskChart.data.datasets = Object.entries(risk).map(([host, points], i) => ({
    label: host, borderColor: COLORS[i % COLORS.length], pointRadius: 2,
    data: points.map((p) => ({ x: Date.parse(p.issuedAt), y: p.score })) }));
  riskChart.update('none');
}

function drawCommands(commands) {
  const list = $('commands');
  list.replaceChildren(...commands.map((command) => {
    const item = document.createElement('li');
    item.dataset.id = command.id;
    item.textContent = time(command.issuedAt) + '  ' + command.topic + '  ' + command.type + '  ' + command.target
      + (command.reason ? ' — ' + command.reason : '');
    if (command.id === selectedCommand) item.classList.add('selected');
    item.addEventListener('click', () => explain(command.id));
    return item;
  }));
}

function entries(title, map) {
  const rows = Object.entries(map || {});
  if (rows.length === 0) return '';
  return '<h3>' + title + '</h3><table>' + rows.map(([k, v]) => '<tr><td>' + escape(k) + '</td><td>'
    + escape(fixed(v)) + '</td></tr>').join('') + '</table>';
}

function escape(text) {
  const span = document.createElement('span');
  span.textContent = String(text);
  return span.innerHTML;
}

async function explain(id) {
  selectedCommand = id;
  document.querySelectorAll('#commands li').forEach((li) => li.classList.toggle('selected', li.dataset.id === id));
  const panel = $('explanation');
  try {
    const command = await get('/api/dashboard/commands/' + encodeURIComponent(id));
    const decision = command.record.decision || {};
    panel.innerHTML = '<h3 id="explanation-title">' + escape(command.type + ' ' + command.target) + '</h3>'
      + '<p id="explanation-reason">' + escape(command.reason || 'no reason given') + '</p>'
      + '<p>made by ' + escape(decision.madeBy || '?') + ' ' + escape(decision.version || '')
      + (decision.confidence !== undefined ? ', confidence ' + escape(fixed(decision.confidence)) : '') + '</p>'
      + entries('inputs', decision.inputs) + entries('thresholds', decision.thresholds)
      + '<details><summary>whole command</summary><pre>' + escape(JSON.stringify(command.record, null, 2))
      + '</pre></details>';
  } catch (error) {
    panel.textContent = String(error.message || error);
  }
}

function drawState(state) {
  fill('demand', state.demand, [(d) => d.scope, (d) => [d.demandLevel, level(d.demandLevel)], (d) => d.dispatchPosture,
    (d) => d.resourceMode, (d) => fixed(d.recentRequestRate), (d) => fixed(d.predictedRequestRate)]);
  fill('rollback-rates', state.rollbackRates, [(r) => r.scope, (r) => r.deployments, (r) => r.rolledBack,
    (r) => r.validated, (r) => r.escalated, (r) => (r.successRate === null ? '-' : fixed(r.successRate))]);
  fill('health', state.health, [(h) => h.environment + '/' + h.serviceId, (h) => [h.status, level(h.status)],
    (h) => [h.breaker, level(h.breaker)], (h) => h.degraded]);
  fill('pipelines', state.pipelines, [(p) => p.serviceId, (p) => p.stageType, (p) => p.stageVersion, (p) => p.operation]);
  fill('interventions', state.interventions, [(i) => i.target, (i) => i.actionType, (i) => i.reason,
    (i) => fixed(i.proposedMemoryMb), (i) => time(i.deadline),
    (i) => [i.outcome, i.outcome === 'pending' ? 'warn' : (i.outcome.startsWith('APPROVED') ? 'good' : 'bad')]]);
  fill('dead-letters', state.deadLetters.byReason, [(d) => d.reason, (d) => d.count]);
  $('dead-total').textContent = '(' + state.deadLetters.total + ')';
  drawRisk(state.risk);
  drawCommands(state.commands);
}

/** Kafka Streams' state from the readiness probe, which answers 503 while it restores or rebalances. */
async function readiness() {
  try {
    const response = await fetch('/health/ready', { cache: 'no-store' });
    const body = await response.json();
    return response.ok ? 'ready' : 'not ready (' + body.state + ')';
  } catch (error) {
    return 'readiness unknown';
  }
}

/** The run repository of the selected workflow's type (the last 7 days, the newest 10 shown). */
async function drawRuns(workflows) {
  const selected = workflows.workflows.find((w) => w.workflowId === selectedWorkflow);
  if (!selected) return;
  const body = await get('/workflows/' + encodeURIComponent(selected.workflowType) + '/runs?limit=100');
  $('runs-type').textContent = selected.workflowType;
  fill('runs', body.items.slice(-10).reverse(), [(r) => r.workflowId, (r) => r.status, (r) => time(r.completedAt),
    (r) => r.comparison.sized, (r) => [r.comparison.underAllocated, r.comparison.underAllocated > 0 ? 'bad' : ''],
    (r) => fixed(r.comparison.allocatedMemoryMbH) + ' / ' + fixed(r.comparison.usedMemoryMbH)]);
}

async function poll() {
  try {
    const [state, workflows, ready] = await Promise.all([get('/api/dashboard/state'), get('/api/dashboard/workflows'),
      readiness()]);
    drawState(state);
    drawWorkflows(workflows);
    await drawRuns(workflows);
    $('status').textContent = 'live, ' + state.records + ' record(s) seen, updated ' + new Date().toLocaleTimeString()
      + ', ' + ready;
    $('status').className = '';
  } catch (error) {
    $('status').textContent = String(error.message || error);
    $('status').className = 'bad';
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

$('workflow-select').addEventListener('change', (event) => { selectedWorkflow = event.target.value; });
$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value);
  $('token-form').hidden = true;
});
poll();
