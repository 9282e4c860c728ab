// The runs page of `dvbridge run` (docs/ui.md). Plain JavaScript, no build step, no third-party code.
// Every value from the API reaches the page through textContent or a form control's value, never as HTML.
// The credential lives in sessionStorage (this tab only) and travels in a header, never in a URL.
'use strict';

(function () {
  const STORE_KEY = 'dvbridge.credential';
  const POLL_MS = 2000;
  const ATTENTION = ['MISMATCHED', 'AMBIGUOUS', 'UNMATCHED', 'CONFLICT'];
  const FAILURE = ['FAILED', 'ROLLED_BACK'];
  const ENDED = ['SUCCEEDED', 'NEEDS_ATTENTION', 'FAILED', 'REFUSED', 'ABANDONED'];
  const RUN_STATUSES = ['QUEUED', 'RUNNING'].concat(ENDED);
  const main = document.getElementById('main');
  const announcer = document.getElementById('announcer');
  let timer = null;
  let view = 0; // bumped on every navigation, so answers for a page the user left are dropped

  // ------------------------------------------------------------------ building blocks

  /** An element with attributes (properties for on*, hidden, value, checked...) and children (nodes or text). */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (['value', 'checked', 'hidden', 'disabled', 'selected', 'open'].includes(name)) node[name] = value;
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function show(...children) {
    main.replaceChildren();
    append(main, children);
  }

  function say(text) {
    // a change of text is what screen readers announce; clear first so the same message twice is read twice
    announcer.textContent = '';
    window.setTimeout(() => { announcer.textContent = text; }, 50);
  }

  function focusHeading() {
    const heading = main.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }

  function statusBadge(status) {
    return h('span', { class: 'status status-' + String(status) }, String(status).replace(/_/g, ' '));
  }

  function when(instant) {
    return instant ? String(instant).replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace('Z', ' UTC') : '';
  }

  function text(value) {
    if (value === null || value === undefined) return '';
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  }

  function table(caption, columns, rows, rowClass) {
    return h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      h('tbody', {}, rows.map(row => h('tr', { class: rowClass ? rowClass(row) : null },
        columns.map(c => {
          const value = c.value(row);
          return h('td', { class: [c.num ? 'num' : '', c.nowrap ? 'nowrap' : ''].join(' ').trim() || null },
            value instanceof Node ? value : text(value));
        })))));
  }

  function facts(pairs) {
    return h('dl', { class: 'facts' }, pairs.filter(p => p[1] !== null && p[1] !== undefined && p[1] !== '')
      .map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value instanceof Node ? value : text(value)))));
  }

  // ------------------------------------------------------------------ the API, with the caller's credential

  function credential() {
    try {
      return JSON.parse(window.sessionStorage.getItem(STORE_KEY) || 'null');
    } catch (e) {
      return null;
    }
  }

  class ApiError extends Error {
    constructor(status, body) {
      super(body && body.error ? body.error : 'The server answered ' + status);
      this.status = status;
      this.body = body || {};
    }
  }

  async function api(path, options) {
    const saved = credential();
    if (!saved) throw new ApiError(401, { error: 'Sign in first' });
    const headers = { Accept: 'application/json' };
    if (saved.scheme === 'bearer') headers.Authorization = 'Bearer ' + saved.value;
    else headers['X-API-Key'] = saved.value;
    const init = { method: 'GET', headers, cache: 'no-store', credentials: 'omit', redirect: 'error' };
    if (options && options.body !== undefined) {
      init.method = 'POST';
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    const response = await fetch(path, init);
    let body = null;
    if ((response.headers.get('Content-Type') || '').startsWith('application/json')) {
      body = await response.json();
    }
    if (response.status === 401) {
      window.sessionStorage.removeItem(STORE_KEY);
      signIn(body && body.error ? body.error : 'The server did not accept these credentials.');
      throw new ApiError(401, body);
    }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  function failure(error) {
    if (error instanceof ApiError && error.status === 401) return null; // the sign-in form is showing
    return h('p', { class: 'alert', role: 'alert' }, error.message || String(error));
  }

  // ------------------------------------------------------------------ sign in

  function signIn(problem) {
    stopPolling();
    document.getElementById('sign-out').hidden = true;
    const scheme = h('select', { id: 'credential-scheme', name: 'scheme' },
      h('option', { value: 'key' }, 'API key (X-API-Key)'),
      h('option', { value: 'bearer' }, 'Entra ID access token (Bearer)'));
    const secret = h('input', { id: 'credential', name: 'credential', type: 'password', autocomplete: 'off', spellcheck: 'false',
      'aria-describedby': 'credential-hint' + (problem ? ' credential-error' : ''), 'aria-invalid': problem ? 'true' : null, required: true });
    const form = h('form', { novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      if (!secret.value.trim()) {
        secret.focus();
        return;
      }
      window.sessionStorage.setItem(STORE_KEY, JSON.stringify({ scheme: scheme.value, value: secret.value.trim() }));
      secret.value = '';
      try {
        await api('/api/jobs');
        route();
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401)) {
          window.sessionStorage.removeItem(STORE_KEY);
          signIn(error.message);
        }
      }
    } },
    h('div', { class: 'field' }, h('label', { for: 'credential-scheme' }, 'Credential'), scheme),
    h('div', { class: 'field' }, h('label', { for: 'credential' }, 'Key or token'), secret,
      h('p', { id: 'credential-hint', class: 'hint' }, 'Kept in this browser tab only (session storage) and sent in a header on every call. ',
        'With no key configured, dvbridge run generated one at start: its banner names the file.'),
      problem ? h('p', { id: 'credential-error', class: 'error' }, problem) : null),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
    show(h('h1', {}, 'Sign in to dvbridge'), form);
    secret.focus();
    if (problem) say(problem);
  }

  document.getElementById('sign-out').addEventListener('click', () => {
    window.sessionStorage.removeItem(STORE_KEY);
    signIn(null);
  });

  // ------------------------------------------------------------------ routing

  function stopPolling() {
    if (timer !== null) window.clearTimeout(timer);
    timer = null;
  }

  function poll(current, step) {
    stopPolling();
    timer = window.setTimeout(async () => {
      if (current !== view) return;
      await step();
    }, POLL_MS);
  }

  function route() {
    stopPolling();
    view++;
    if (!credential()) {
      signIn(null);
      return;
    }
    document.getElementById('sign-out').hidden = false;
    const parts = (window.location.hash || '#/runs').replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    if (parts[0] === 'runs' && parts[1]) runPage(parts[1]);
    else if (parts[0] === 'start' && parts[1]) startForm(parts[1]);
    else if (parts[0] === 'start') jobList();
    else runsPage();
  }

  window.addEventListener('hashchange', route);

  // ------------------------------------------------------------------ the runs

  const runsState = { job: '', status: '', after: null, seen: new Map() };

  async function runsPage() {
    const current = view;
    const body = h('div', { id: 'runs-list', 'aria-busy': 'true' }, h('p', { class: 'notice' }, 'Loading runs...'));
    let jobs = [];
    try {
      jobs = (await api('/api/jobs')).jobs.map(j => j.name);
    } catch (error) {
      show(h('h1', {}, 'Runs'), failure(error));
      return;
    }
    const jobFilter = h('select', { id: 'filter-job', name: 'job' }, h('option', { value: '' }, 'Any job'),
      jobs.map(name => h('option', { value: name, selected: name === runsState.job }, name)));
    const statusFilter = h('select', { id: 'filter-status', name: 'status' }, h('option', { value: '' }, 'Any status'),
      RUN_STATUSES.map(s => h('option', { value: s, selected: s === runsState.status }, s.replace(/_/g, ' ').toLowerCase())));
    const filters = h('form', { class: 'filters', onsubmit: (e) => e.preventDefault(),
      onchange: () => {
        runsState.job = jobFilter.value;
        runsState.status = statusFilter.value;
        runsState.after = null;
        runsState.seen.clear();
        refresh();
      } },
    h('div', {}, h('label', { for: 'filter-job' }, 'Job'), jobFilter),
    h('div', {}, h('label', { for: 'filter-status' }, 'Status'), statusFilter));
    show(h('h1', {}, 'Runs'), h('p', { class: 'notice' }, 'Newest first; this list refreshes every two seconds.'), filters, body);
    focusHeading();

    async function refresh() {
      if (current !== view) return;
      const query = new URLSearchParams({ limit: '25' });
      if (runsState.job) query.set('job', runsState.job);
      if (runsState.status) query.set('status', runsState.status);
      if (runsState.after) query.set('after', runsState.after);
      try {
        const page = await api('/api/runs?' + query);
        if (current !== view) return;
        renderRuns(body, page);
      } catch (error) {
        if (current !== view) return;
        body.replaceChildren();
        append(body, [failure(error)]);
      }
      poll(current, refresh);
    }
    await refresh();
  }

  function renderRuns(body, page) {
    // Redraw only what changed: a table rebuilt every two seconds would make screen readers start over.
    const drawn = JSON.stringify(page);
    if (body.dataset.drawn === drawn) return;
    body.dataset.drawn = drawn;
    const changes = [];
    for (const run of page.runs) {
      const before = runsState.seen.get(run.runId);
      if (before && before !== run.status) changes.push('Run ' + run.runId + ' is now ' + run.status.replace(/_/g, ' ').toLowerCase());
      runsState.seen.set(run.runId, run.status);
    }
    if (changes.length) say(changes.join('. '));
    // Keep keyboard focus on the same run's link when the table is redrawn.
    const focused = document.activeElement && body.contains(document.activeElement) ? document.activeElement.getAttribute('href') : null;
    const rows = page.runs.length === 0 ? h('p', {}, 'No runs yet. ', h('a', { href: '#/start' }, 'Start a job.'))
      : table('Runs, newest first', [
        { label: 'Run', value: r => h('a', { href: '#/runs/' + encodeURIComponent(r.runId) }, r.runId), nowrap: true },
        { label: 'Job', value: r => r.job },
        { label: 'Status', value: r => statusBadge(r.status) },
        { label: 'Environments', value: r => (r.environments || []).join(', ') },
        { label: 'Dry run', value: r => r.dryRun ? 'yes' : 'no' },
        { label: 'Trigger', value: r => r.trigger },
        { label: 'Created', value: r => when(r.createdAt), nowrap: true },
        { label: 'Progress', value: r => progress(r) },
        { label: 'Exit code', value: r => r.exitCode, num: true }
      ], page.runs);
    const pager = h('div', { class: 'toolbar' },
      runsState.after ? h('button', { type: 'button', onclick: () => { runsState.after = null; route(); } }, 'Newest runs') : null,
      page.next ? h('button', { type: 'button', onclick: () => {
        runsState.after = new URLSearchParams(page.next.split('?')[1]).get('after');
        route();
      } }, 'Older runs') : null);
    body.replaceChildren(rows, pager);
    body.setAttribute('aria-busy', 'false');
    if (focused) {
      const again = body.querySelector('a[href="' + CSS.escape(focused) + '"]');
      if (again) again.focus();
    }
  }

  function progress(run) {
    const p = run.progress || {};
    if (!ENDED.includes(run.status) && p.total > 0) {
      const label = p.done + ' of ' + p.total + (p.etaSeconds !== null && p.etaSeconds !== undefined ? ', about ' + p.etaSeconds + ' s left' : '');
      return h('span', {}, h('progress', { max: p.total, value: p.done, 'aria-label': 'Progress of ' + run.runId }), ' ', label);
    }
    if (p.done > 0) return p.done + (p.total > 0 ? ' of ' + p.total : '');
    return ENDED.includes(run.status) ? '' : 'waiting';
  }

  // ------------------------------------------------------------------ one run and its report

  async function runPage(runId) {
    const current = view;
    const head = h('div', { id: 'run-facts', 'aria-busy': 'true' }, h('p', { class: 'notice' }, 'Loading...'));
    const report = h('div', { id: 'report' });
    show(h('p', {}, h('a', { href: '#/runs' }, 'All runs')), h('h1', {}, 'Run ', h('code', {}, runId)), head, report);
    focusHeading();
    let lastStatus = null;

    async function refresh() {
      if (current !== view) return;
      let run;
      try {
        run = await api('/api/runs/' + encodeURIComponent(runId));
      } catch (error) {
        if (current === view) head.replaceChildren(failure(error) || '');
        return;
      }
      if (current !== view) return;
      head.replaceChildren(facts([
        ['Status', statusBadge(run.status)], ['Job', run.job], ['Environments', (run.environments || []).join(', ')],
        ['Dry run', run.dryRun ? 'yes' : 'no'], ['Trigger', run.trigger], ['Caller', run.caller],
        ['Created', when(run.createdAt)], ['Started', when(run.startedAt)], ['Finished', when(run.finishedAt)],
        ['Progress', progress(run)], ['Exit code', run.exitCode]]));
      head.setAttribute('aria-busy', 'false');
      if (lastStatus !== null && lastStatus !== run.status) say('Run ' + runId + ' is now ' + run.status.replace(/_/g, ' ').toLowerCase());
      lastStatus = run.status;
      if (ENDED.includes(run.status)) {
        await showReport(current, run, report);
      } else {
        if (!report.hasChildNodes()) append(report, [h('p', { class: 'notice' }, 'The report comes when the run ends; this page follows it.')]);
        poll(current, refresh);
      }
    }
    await refresh();
  }

  async function showReport(current, run, into) {
    let report;
    try {
      report = await api('/api/runs/' + encodeURIComponent(run.runId) + '/report');
    } catch (error) {
      if (current === view) into.replaceChildren(failure(error) || '', run.summary ? h('pre', {}, run.summary) : '');
      return;
    }
    if (current !== view) return;
    // Counts first, in one row; then the views this report has, each keyed off what it holds, so a new job renders
    // without a change here; then the summary as the command line prints it, and the run's files.
    const counts = Object.entries(report.counts || {});
    into.replaceChildren(counts.length ? countsTable('Counts', counts) : '');
    let specific = false;
    const rebind = report.rebind;
    if (rebind && Array.isArray(rebind.rows)) {
      append(into, [rebindView(rebind)]);
      specific = true;
    }
    if (report.files && report.files.results) {
      append(into, [recordsView(run.runId, 'results', 'Results per record', [
        { name: 'outcome', label: 'Outcome', choices: ['CREATED', 'UPDATED', 'UNCHANGED', 'FAILED'] },
        { name: 'entity', label: 'Entity' }])]);
      specific = true;
    }
    if (report.files && report.files.rejects) {
      append(into, [recordsView(run.runId, 'rejects', 'Rejected rows', null)]);
      specific = true;
    }
    for (const [name, value] of Object.entries(report)) {
      if (!Array.isArray(value) || value.length === 0 || value[0] === null || typeof value[0] !== 'object') continue;
      append(into, [objectsView(name, value)]);
      specific = specific || name === 'tables';
    }
    // The sections of a report made of steps (a move's export and import); the rebind section has its own view above.
    for (const [name, value] of Object.entries(report)) {
      if (name !== 'rebind' && value && typeof value === 'object' && !Array.isArray(value) && value.counts && typeof value.counts === 'object') {
        append(into, [countsTable(title(name) + ' counts', Object.entries(value.counts))]);
      }
    }
    append(into, [h('details', { open: !specific }, h('summary', {}, 'Summary, as the command line prints it'),
      h('pre', { class: 'summary' }, report.summary || run.summary || ''))]);
    const files = Object.entries(report.files || {});
    if (files.length) {
      append(into, [h('h2', {}, 'Files'), h('p', { class: 'notice' }, 'In the run\'s folder of the run store (dvbridge.runs.dir).'),
        h('ul', {}, files.map(([role, name]) => h('li', {}, role + ': ', h('code', {}, name))))]);
    }
  }

  function countsTable(heading, counts) {
    if (counts.length > 12) {
      return h('section', {}, h('h2', {}, heading), table(heading, [
        { label: 'What', value: c => title(c[0]) }, { label: 'Count', value: c => c[1], num: true }], counts));
    }
    return h('section', {}, h('h2', {}, heading), h('table', { class: 'counts' },
      h('thead', {}, h('tr', {}, counts.map(c => h('th', { scope: 'col', class: 'num' }, title(c[0]))))),
      h('tbody', {}, h('tr', {}, counts.map(c => h('td', { class: 'num' }, text(c[1])))))));
  }

  function title(name) {
    const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[._-]/g, ' ').toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  /** The rebind plan: rows needing attention first, then failures, then the rest in report order. */
  function rebindView(rebind) {
    const rank = row => ATTENTION.includes(row.outcome) ? 0 : FAILURE.includes(row.outcome) ? 1 : 2;
    const rows = rebind.rows.map((row, index) => ({ row, index }))
      .sort((a, b) => rank(a.row) - rank(b.row) || a.index - b.index).map(x => x.row);
    const needing = rows.filter(r => rank(r) === 0).length;
    const onlyAttention = h('input', { type: 'checkbox', id: 'only-attention' });
    const holder = h('div', {});
    const draw = () => {
      const shown = onlyAttention.checked ? rows.filter(r => rank(r) < 2) : rows;
      holder.replaceChildren(table((rebind.dryRun ? 'Plan (dry run): ' : 'Rows: ') + rows.length + ' rows, ' + needing
        + ' needing attention, listed first', [
        { label: 'Report row', value: r => r.name },
        { label: 'Outcome', value: r => statusBadge(r.outcome) },
        { label: 'Feature', value: r => r.feature },
        { label: 'Matched by', value: r => r.matchKind },
        { label: 'Report now', value: r => shortId(r.before && r.before.reportId) },
        { label: 'Report after', value: r => shortId(r.after && r.after.reportId) },
        { label: 'Reason', value: r => r.reason },
        { label: 'Candidates', value: r => (r.candidates || []).map(c => (c.name || '') + ' (' + String(c.reportId || '').slice(0, 8) + ')').join('; ') }
      ], shown, r => rank(r) === 0 ? 'attention' : rank(r) === 1 ? 'failure' : null));
    };
    onlyAttention.addEventListener('change', draw);
    draw();
    return h('section', { 'aria-labelledby': 'rebind-heading' },
      h('h2', { id: 'rebind-heading' }, rebind.dryRun ? 'Rebind plan' : 'Rebind rows'),
      facts([['Environment', rebind.environment], ['Kind', rebind.kind], ['Write mode', rebind.mode],
        ['Workspaces', (rebind.workspaces || []).map(w => text(w.name || w.workspaceId || w)).join(', ')]]),
      h('div', { class: 'check' }, onlyAttention, ' ', h('label', { for: 'only-attention' }, 'Only rows needing attention or failed')),
      holder);
  }

  /** A GUID as its first eight characters (as the command line's table shows it); the whole id in the tooltip. */
  function shortId(id) {
    return id ? h('code', { title: id }, String(id).slice(0, 8)) : '';
  }

  /** Any list of objects in a report (an export's tables, a check's checks, a move's steps) as a table. */
  function objectsView(name, items) {
    const flat = items.map(item => {
      const out = {};
      for (const [key, value] of Object.entries(item)) {
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          for (const [inner, v] of Object.entries(value)) out[key + '.' + inner] = v;
        } else {
          out[key] = value;
        }
      }
      return out;
    });
    const columns = [];
    flat.forEach(item => Object.keys(item).forEach(k => { if (!columns.includes(k)) columns.push(k); }));
    return h('section', {}, h('h2', {}, title(name)), table(title(name) + ': ' + items.length, columns.map(k => ({
      label: k, value: item => k === 'status' || k === 'outcome' ? (item[k] ? statusBadge(item[k]) : '') : item[k],
      num: flat.every(item => typeof item[k] === 'number' || item[k] === undefined) })), flat));
  }

  /**
   * A run's file of records (an import's results, a push's rejects), a page at a time from the API, with filters:
   * the given ones, or any column equal to a value when none are given.
   */
  function recordsView(runId, role, heading, filters) {
    const id = 'records-' + role;
    const holder = h('div', { id: id + '-table', 'aria-busy': 'true' });
    const shownCount = h('p', { class: 'notice', role: 'status' });
    const controls = [];
    const inputs = {};
    let columns = [];
    let fieldChoice = null;
    let fieldValue = null;
    if (filters) {
      for (const f of filters) {
        const inputId = id + '-' + f.name;
        inputs[f.name] = f.choices
          ? h('select', { id: inputId, name: f.name }, h('option', { value: '' }, 'Any'), f.choices.map(c => h('option', { value: c }, c)))
          : h('input', { id: inputId, name: f.name, type: 'text', autocomplete: 'off' });
        controls.push(h('div', {}, h('label', { for: inputId }, f.label), inputs[f.name]));
      }
    } else {
      fieldChoice = h('select', { id: id + '-field', name: 'field' }, h('option', { value: '' }, 'Any column'));
      fieldValue = h('input', { id: id + '-value', name: 'value', type: 'text', autocomplete: 'off' });
      controls.push(h('div', {}, h('label', { for: id + '-field' }, 'Column'), fieldChoice),
        h('div', {}, h('label', { for: id + '-value' }, 'equals'), fieldValue));
    }
    const form = h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); load(0, true); } },
      controls, h('button', { type: 'submit' }, 'Filter'));

    function query(from) {
      const q = new URLSearchParams({ from: String(from), limit: '100' });
      if (filters) {
        for (const f of filters) if (inputs[f.name].value.trim()) q.set(f.name, inputs[f.name].value.trim());
      } else if (fieldChoice.value && fieldValue.value.trim()) {
        q.set(fieldChoice.value, fieldValue.value.trim());
      }
      return q;
    }

    async function load(from, fresh) {
      holder.setAttribute('aria-busy', 'true');
      let page;
      try {
        page = await api('/api/runs/' + encodeURIComponent(runId) + '/files/' + encodeURIComponent(role) + '?' + query(from));
      } catch (error) {
        holder.replaceChildren(failure(error) || '');
        holder.setAttribute('aria-busy', 'false');
        return;
      }
      if (fieldChoice && columns.length === 0) {
        columns = page.columns;
        columns.forEach(c => fieldChoice.append(h('option', { value: c }, c)));
      }
      const shownColumns = page.columns.length ? page.columns : columns;
      const tableNode = page.records.length ? table(heading + (from > 0 ? ', from record ' + (from + 1) : ''),
        shownColumns.map(c => ({ label: c, value: r => c === 'outcome' ? statusBadge(r[c]) : r[c] })), page.records,
        r => r.outcome === 'FAILED' ? 'failure' : null) : h('p', {}, from > 0 ? 'No more matching records.' : 'No matching records.');
      const more = page.next !== null ? h('button', { type: 'button', onclick: () => load(page.next, false) }, 'Next records') : null;
      const first = from > 0 ? h('button', { type: 'button', onclick: () => load(0, false) }, 'First records') : null;
      shownCount.textContent = page.records.length + ' record(s) shown' + (from > 0 ? ' from record ' + (from + 1) : '');
      holder.replaceChildren(tableNode, h('div', { class: 'toolbar' }, first, more));
      holder.setAttribute('aria-busy', 'false');
      if (!fresh && more) more.focus();
    }
    load(0, true);
    return h('section', { 'aria-labelledby': id + '-heading' }, h('h2', { id: id + '-heading' }, heading), form, shownCount, holder);
  }

  // ------------------------------------------------------------------ starting a job

  async function jobList() {
    let jobs;
    try {
      jobs = (await api('/api/jobs')).jobs;
    } catch (error) {
      show(h('h1', {}, 'Start a job'), failure(error));
      return;
    }
    show(h('h1', {}, 'Start a job'), h('ul', { class: 'jobs' }, jobs.map(job => h('li', {},
      h('a', { href: '#/start/' + encodeURIComponent(job.name) }, job.title),
      h('p', { class: 'hint' }, h('code', {}, job.command), ' - ', (job.description || []).join(' '))))));
    focusHeading();
  }

  async function startForm(name) {
    const current = view;
    let job;
    try {
      job = (await api('/api/jobs')).jobs.find(j => j.name === name);
    } catch (error) {
      show(h('h1', {}, 'Start a job'), failure(error));
      return;
    }
    if (current !== view) return;
    if (!job) {
      show(h('h1', {}, 'Start a job'), h('p', { class: 'alert', role: 'alert' }, 'There is no job named ' + name + '.'));
      return;
    }
    const schema = job.request || {};
    const properties = schema.properties || {};
    const required = schema.required || [];
    const hasDryRun = properties.dryRun && properties.dryRun.type === 'boolean';
    const controls = {};
    const errors = {};
    const fields = Object.entries(properties).filter(([field]) => !(hasDryRun && field === 'dryRun')).map(([field, property]) => {
      const id = 'field-' + field;
      const isRequired = required.includes(field);
      const values = (property.items && property.items.enum) || property.enum;
      const hintText = [sentence(property.description), property.type === 'array' ? 'Several values: separate them with commas.' : null,
        kindHint(property['x-dvbridge-kind']), property.default !== undefined && property.type !== 'boolean' ? 'Default: ' + property.default + '.' : null]
        .filter(Boolean).join(' ');
      const hint = h('p', { id: id + '-hint', class: 'hint' }, hintText);
      errors[field] = h('p', { id: id + '-error', class: 'error', hidden: true });
      const described = id + '-hint ' + id + '-error';
      let control;
      if (property.type === 'boolean') {
        control = h('input', { type: 'checkbox', id, name: field, checked: property.default === true, 'aria-describedby': described });
        controls[field] = control;
        return h('div', { class: 'field check' }, control, ' ', h('label', { for: id }, field), hint, errors[field]);
      }
      if (values && property.type !== 'array') {
        control = h('select', { id, name: field, 'aria-describedby': described, 'aria-required': isRequired ? 'true' : null },
          isRequired ? null : h('option', { value: '' }, property.default !== undefined ? '(default: ' + property.default + ')' : '(none)'),
          values.map(v => h('option', { value: v }, v)));
      } else {
        control = h('input', { type: property.type === 'integer' ? 'number' : 'text', id, name: field, autocomplete: 'off',
          spellcheck: 'false', 'aria-describedby': described, 'aria-required': isRequired ? 'true' : null,
          min: property.minimum, max: property.maximum, inputmode: property.type === 'integer' ? 'numeric' : null });
      }
      controls[field] = control;
      return h('div', { class: 'field' }, h('label', { for: id }, field + (isRequired ? ' (required)' : '')), control, hint, errors[field]);
    });
    const formError = h('p', { id: 'form-error', class: 'alert', role: 'alert', hidden: true });
    const buttons = hasDryRun
      ? [h('button', { type: 'submit', class: 'primary', id: 'start-dry-run' }, 'Start dry run'), ' ',
        h('button', { type: 'submit', class: 'danger', id: 'start-real-run' }, 'Run for real (writes)')]
      : [h('button', { type: 'submit', class: 'primary', id: 'start-run' }, 'Start')];
    const form = h('form', { novalidate: true, id: 'job-form', 'aria-describedby': 'form-about' }, fields, formError, h('div', { class: 'toolbar' }, buttons));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      // Enter in a field submits with the form's first button, the dry run; a real run takes its own button.
      const dryRun = hasDryRun && !(event.submitter && event.submitter.id === 'start-real-run');
      const body = {};
      for (const [field, control] of Object.entries(controls)) {
        const property = properties[field];
        control.removeAttribute('aria-invalid');
        errors[field].hidden = true;
        if (property.type === 'boolean') {
          if (control.checked !== (property.default === true)) body[field] = control.checked;
          continue;
        }
        const value = control.value.trim();
        if (!value) continue;
        if (property.type === 'array') body[field] = value.split(',').map(v => v.trim()).filter(Boolean);
        else if (property.type === 'integer' && /^-?\d+$/.test(value)) body[field] = Number(value);
        else body[field] = value; // the server names the field when it is not what the schema says
      }
      if (hasDryRun) body.dryRun = dryRun;
      formError.hidden = true;
      try {
        const accepted = await api(job.endpoint, { body });
        say((dryRun ? 'Dry run ' : 'Run ') + accepted.runId + ' started');
        window.location.hash = '#/runs/' + encodeURIComponent(accepted.runId);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return;
        const field = error.body && error.body.field;
        if (field && controls[field]) {
          errors[field].textContent = error.message;
          errors[field].hidden = false;
          controls[field].setAttribute('aria-invalid', 'true');
          controls[field].focus();
        } else {
          formError.textContent = error.message;
          formError.hidden = false;
          formError.setAttribute('tabindex', '-1');
          formError.focus();
        }
        say(error.message);
      }
    });
    show(h('p', {}, h('a', { href: '#/start' }, 'All jobs')), h('h1', {}, job.title),
      h('p', { id: 'form-about' }, (job.description || []).join(' ')),
      h('p', { class: 'notice' }, hasDryRun ? 'Start dry run plans and reports without writing; Run for real writes. '
        : 'This job does not write to Dataverse. ', 'Same as ', h('code', {}, job.command), ' or POST ', h('code', {}, job.endpoint), '.'),
      form);
    focusHeading();
  }

  function sentence(description) {
    return description && !/[.!?]$/.test(description) ? description + '.' : description;
  }

  function kindHint(kind) {
    switch (kind) {
      case 'reads-environment': return 'A configured environment name; read only.';
      case 'writes-environment': return 'A configured environment name; a real run writes to it.';
      case 'schema-file': return 'A file name in the server\'s schemas folder (dvbridge.run.schemas-dir).';
      case 'input-file': return 'A file name in the server\'s files folder (dvbridge.run.files-dir).';
      case 'output-file': return 'A new file name in the server\'s files folder (dvbridge.run.files-dir).';
      default: return null;
    }
  }

  route();
})();
