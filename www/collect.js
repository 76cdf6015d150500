// The collector page (collect.html): read many selfcheck exports (files, a
// folder or ZIP archives), see where the respondents stand, roll up or
// compare subsets, and export CSVs and an anonymous benchmark. Everything is
// computed by the worker (collect-worker.js + the `collect` wasm module);
// this file only renders what it returns. Every text from a file is set with
// textContent (never as HTML), and nothing is sent anywhere.

const T = {
  ja: {
    title: '回答の集計（受け取る側）',
    lead: '取引先・会員企業・グループ会社から受け取った selfcheck のエクスポート（JSON）をまとめて読み込み、比較・集計します。',
    privacy: 'ファイルはこのブラウザの中だけで読み込まれ、どこにも送信・保存されません。ページを閉じると消えます。',
    lang: 'English',
    pick: 'ファイルを選ぶ（JSON / ZIP）',
    folder: 'フォルダーを選ぶ',
    drop: 'ここにファイル・フォルダー・ZIP をドロップ',
    loading: '読み込み中',
    progress: (d, t) => `${d} / ${t} ファイル`,
    loaded: (n) => `${n} ファイルを読みました`,
    accepted: '受け付けた回答',
    refusedH: '読み込めなかったファイル',
    replacedH: '新しいファイルで置き換えたもの（同じエンティティ）',
    replacedRow: (f, k) => `${f} → ${k} を使用`,
    file: 'ファイル', reason: '理由', tech: '技術的な詳細（管理者向け）',
    sets: '回答のまとまり（カタログと版）',
    setLabel: (s) => `${s.title_ja || s.catalog_id}（版 ${s.version}）: ${s.respondents} 件`,
    otherVersion: (s) => `このまとまりは版 ${s.version} に対する回答です。読み込んだカタログは版 ${s.loaded_version} なので、項目の本文が違う可能性があります。`,
    hashDiffers: (n) => `${n} 件は、このカタログと本文が異なるカタログに対する回答です（⚠ 印）。ベンチマークには含めません。`,
    filter: '絞り込み', level: '目標レベル', any: 'すべて', name: '名称で検索',
    selection: '選択', onlySel: '選択した回答者だけで集計', all: '全員に戻す',
    setA: '選択を A に', setB: '選択を B に', compare: 'A と B を比較',
    selCount: (n) => `${n} 件を選択中`,
    rolledUp: (n, m) => `選択した ${n} 件だけで集計しています（このまとまりは全 ${m} 件）。`,
    compareH: 'A と B の比較（中央値）',
    distH: 'レベル別・グループ別の分布', n: '件数', min: '最小', q1: '第1四分位', med: '中央値', q3: '第3四分位', max: '最大',
    overall: '全体', missedTitle: '達成していない回答者が多い項目', missedH: (l) => `達成していない回答者が多い項目（${l}）`, allLevels: '全レベル',
    missedOf: (m, n) => `${m} / ${n} 社が未達成`,
    heatH: '項目 × 回答者', heatSort: '項目の並び', byCatalog: 'カタログ順', byMissed: '未達成が多い順',
    heatAlt: (i, r) => `${i} 項目 × ${r} 回答者のヒートマップ。内容は下の項目別の表と同じです。`,
    itemsH: '項目別の回答数', item: '項目', achieved: '達成', partial: '一部達成', notAchieved: '未達成', na: '対象外', unanswered: '未回答',
    rowsH: '回答者', anonymous: '匿名', target: '目標', answered: '回答済み', updated: '更新日', open: '回答を見る',
    more: (n) => `さらに ${n} 件を表示`,
    detailH: (n) => `${n} の回答（読み取り専用）`, close: '閉じる', note: 'メモ', evidence: 'エビデンス', naReason: '対象外の理由',
    exportH: '書き出し', wide: '表を CSV で（1 行 1 回答者）', long: '縦持ち CSV で（回答者 × 項目）',
    bench: 'ベンチマーク（匿名の集計）を書き出す', minResp: '最少回答者数',
    benchNote: '名称・ID・メモ・エビデンスを含まない集計です。回答者が最少回答者数より少ないときは作りません。',
    tooFew: (f, m) => `回答者が ${f} 件で、最少回答者数 ${m} 件に足りないため、ベンチマークは作れません。`,
    mixed: '別の版のカタログに対する回答は、ベンチマークにできません。',
    benchDone: (n) => `${n} 件の回答からベンチマークを書き出しました。`,
    empty: 'まだ回答が読み込まれていません。',
    noRows: '条件に合う回答者がいません。',
    maturityNote: 'このカタログは成熟度で答えるため、数値は達成率ではなく成熟度の平均です。',
    rateNote: '達成率 = 達成 ÷ 対象（対象外を除く）。未回答は未達成として数えます。',
    select: (n) => `${n} を選択`,
    workerError: '集計の処理を始められませんでした。ページを再読み込みしてください。',
    refusal: {
      too_large: (r) => `ファイルが大きすぎます（${r.found} バイト、上限は 1 ファイル 2 MB）。`,
      not_json: (r) => `JSON として読めません（行:列 ${r.found}）。selfcheck から書き出したファイルか確かめてください。`,
      foreign: (r) => r.found ? `selfcheck のエクスポートではありません（形式「${r.found}」）。` : 'selfcheck のエクスポートではありません。',
      future_version: (r) => `新しい版の selfcheck で作られたファイルです（形式の版 ${r.found}）。このページを最新にしてください。`,
      unknown_version: (r) => `形式の版が読めません（${r.found}）。`,
      format: (r) => `ファイルの形式が壊れています（場所: ${r.path}）。`,
      invalid: (r) => `受け付けられない値があります（場所: ${r.path}）。`,
      wrong_catalog: (r) => `このページにないカタログ「${r.found}」の回答です。`,
      unknown_catalog: (r) => `このページにないカタログ「${r.found}」の回答です。`,
      not_text: () => 'テキストファイルではありません（画像・表計算・圧縮ファイルなど）。',
      zip: () => 'ZIP ファイルとして読めませんでした。',
    },
  },
  en: {
    title: 'Collect answers (receiving side)',
    lead: 'Load the selfcheck exports (JSON) you received from suppliers, members or group companies, and compare and aggregate them.',
    privacy: 'Files are read in this browser only; nothing is sent or stored. Closing the page forgets them.',
    lang: '日本語',
    pick: 'Choose files (JSON / ZIP)',
    folder: 'Choose a folder',
    drop: 'Drop files, folders or ZIP archives here',
    loading: 'Loading',
    progress: (d, t) => `${d} / ${t} files`,
    loaded: (n) => `${n} files read`,
    accepted: 'Answers accepted',
    refusedH: 'Files that could not be read',
    replacedH: 'Replaced by a newer file (same entity)',
    replacedRow: (f, k) => `${f} → using ${k}`,
    file: 'File', reason: 'Reason', tech: 'Technical detail (for administrators)',
    sets: 'Answer sets (catalog and version)',
    setLabel: (s) => `${s.title_en || s.title_ja || s.catalog_id} (version ${s.version}): ${s.respondents}`,
    otherVersion: (s) => `This set answers version ${s.version}; the catalog loaded is version ${s.loaded_version}, so item texts may differ.`,
    hashDiffers: (n) => `${n} answered a catalog whose text differs from this one (marked ⚠). They are left out of the benchmark.`,
    filter: 'Filter', level: 'Target level', any: 'Any', name: 'Search by name',
    selection: 'Selection', onlySel: 'Aggregate the selected respondents only', all: 'Back to everyone',
    setA: 'Selection as A', setB: 'Selection as B', compare: 'Compare A and B',
    selCount: (n) => `${n} selected`,
    rolledUp: (n, m) => `Figures for the ${n} selected respondents only (the set holds ${m}).`,
    compareH: 'A and B compared (median)',
    distH: 'Distribution by level and group', n: 'n', min: 'Min', q1: 'Q1', med: 'Median', q3: 'Q3', max: 'Max',
    overall: 'Overall', missedTitle: 'Items most often not achieved', missedH: (l) => `Items most often not achieved (${l})`, allLevels: 'all levels',
    missedOf: (m, n) => `${m} of ${n} not achieved`,
    heatH: 'Items × respondents', heatSort: 'Order of items', byCatalog: 'Catalog order', byMissed: 'Most missed first',
    heatAlt: (i, r) => `Heat map of ${i} items × ${r} respondents; the table of items below holds the same figures.`,
    itemsH: 'Answers per item', item: 'Item', achieved: 'Achieved', partial: 'Partial', notAchieved: 'Not achieved', na: 'N/A', unanswered: 'Unanswered',
    rowsH: 'Respondents', anonymous: 'anonymous', target: 'Target', answered: 'Answered', updated: 'Updated', open: 'View answers',
    more: (n) => `Show ${n} more`,
    detailH: (n) => `Answers of ${n} (read-only)`, close: 'Close', note: 'Note', evidence: 'Evidence', naReason: 'N/A reason',
    exportH: 'Export', wide: 'Table as CSV (one row per respondent)', long: 'Long CSV (respondent × item)',
    bench: 'Export a benchmark (anonymous aggregate)', minResp: 'Fewest respondents',
    benchNote: 'An aggregate without names, ids, notes or evidence. Not made for fewer respondents than the threshold.',
    tooFew: (f, m) => `${f} respondents are fewer than the threshold of ${m}: no benchmark is made.`,
    mixed: 'Answers to another catalog version cannot go into a benchmark.',
    benchDone: (n) => `Benchmark of ${n} respondents exported.`,
    empty: 'No answers loaded yet.',
    noRows: 'No respondent matches.',
    maturityNote: 'This catalog is answered with maturity values: figures are mean maturity, not rates.',
    rateNote: 'Rate = achieved ÷ applicable (N/A excluded); unanswered counts as not achieved.',
    select: (n) => `Select ${n}`,
    workerError: 'The aggregation could not start. Please reload the page.',
    refusal: {
      too_large: (r) => `The file is too large (${r.found} bytes; the limit is 2 MB per file).`,
      not_json: (r) => `Not readable as JSON (line:column ${r.found}). Check that it was exported by selfcheck.`,
      foreign: (r) => r.found ? `Not a selfcheck export (format "${r.found}").` : 'Not a selfcheck export.',
      future_version: (r) => `Made by a newer selfcheck (format version ${r.found}). Update this page.`,
      unknown_version: (r) => `Unknown format version (${r.found}).`,
      format: (r) => `The file's structure is broken (at ${r.path}).`,
      invalid: (r) => `A value cannot be accepted (at ${r.path}).`,
      wrong_catalog: (r) => `Answers to catalog "${r.found}", which this page does not have.`,
      unknown_catalog: (r) => `Answers to catalog "${r.found}", which this page does not have.`,
      not_text: () => 'Not a text file (an image, spreadsheet or archive).',
      zip: () => 'Could not be read as a ZIP archive.',
    },
  },
};

const params = new URLSearchParams(location.search);
let lang = params.get('lang') === 'en' ? 'en' : 'ja';
const t = () => T[lang];

// ---- worker ---------------------------------------------------------------
const worker = new Worker('collect-worker.js', { type: 'module' });
let nextId = 1;
const pending = new Map();
let onProgress = () => {};
worker.onmessage = (e) => {
  const m = e.data;
  if (m.op === 'progress') return onProgress(m.done, m.total);
  const p = pending.get(m.id);
  if (!p) return;
  pending.delete(m.id);
  if (m.ok) p.resolve(m);
  else p.reject(new Error(m.error));
};
function ask(op, args = {}) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, op, ...args });
  });
}

// ---- state ----------------------------------------------------------------
const ui = {
  state: null, // sets, refused, replaced
  set: 0,
  level: '',
  name: '',
  members: null, // roll-up: only these
  selected: new Set(),
  a: null,
  b: null,
  heatOrder: 'catalog',
  shown: 200,
  view: null,
  compare: null,
  message: '',
};

// ---- DOM helpers ----------------------------------------------------------
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs = {}) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/** A figure as shown: percent with one decimal for rates, two decimals for maturity. */
function fig(v) {
  if (v === null || v === undefined) return '—';
  return ui.view && ui.view.maturity ? v.toFixed(2) : `${(v * 100).toFixed(1)}%`;
}
const date = (ms) => (ms ? new Date(ms).toISOString().slice(0, 10) : '');
const nameOf = (r) => r.name || t().anonymous;
function levelName(id) {
  const l = ui.view && ui.view.levels.find((x) => x.id === id);
  return l ? (lang === 'en' ? l.en : l.ja) || id : id;
}
function download(text, name, type) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
const query = (members = ui.members) => ({ set: ui.set, level: ui.level || null, name: ui.name, members });

// ---- rendering ------------------------------------------------------------
const root = document.getElementById('collect');

function boxPlot(dist, max, label) {
  const w = 160, hgt = 18, x = (v) => 4 + (v / max) * (w - 8);
  const svg = s('svg', { width: w, height: hgt, viewBox: `0 0 ${w} ${hgt}`, role: 'img', 'aria-label': label, class: 'box' });
  svg.append(s('line', { x1: x(0), x2: x(max), y1: 9, y2: 9, class: 'axis' }));
  if (dist) {
    svg.append(s('line', { x1: x(dist.min), x2: x(dist.max), y1: 9, y2: 9, class: 'whisker' }));
    svg.append(s('rect', { x: x(dist.q1), y: 3, width: Math.max(1, x(dist.q3) - x(dist.q1)), height: 12, class: 'iqr' }));
    svg.append(s('line', { x1: x(dist.median), x2: x(dist.median), y1: 2, y2: 16, class: 'median' }));
  }
  return svg;
}

function distRow(label, dist, max) {
  const d = dist || {};
  const cell = (v) => h('td', { class: 'num' }, dist ? fig(v) : '—');
  return h('tr', {},
    h('th', { scope: 'row' }, label),
    h('td', { class: 'num' }, dist ? String(d.n) : '0'),
    cell(d.min), cell(d.q1), cell(d.median), cell(d.q3), cell(d.max),
    h('td', {}, boxPlot(dist, max, `${label}: ${t().med} ${dist ? fig(d.median) : '—'}`)));
}

function renderInput() {
  const file = h('input', { type: 'file', id: 'pick-files', multiple: true, accept: '.json,.zip,application/json,application/zip', onchange: (e) => loadFiles([...e.target.files].map((f) => ({ file: f }))) });
  const folder = h('input', { type: 'file', id: 'pick-folder', webkitdirectory: true, multiple: true, onchange: (e) => loadFiles([...e.target.files].map((f) => ({ file: f }))) });
  const zone = h('div', { class: 'drop', id: 'drop' },
    h('p', {}, t().drop),
    h('div', { class: 'pickers' },
      h('label', { class: 'button', for: 'pick-files' }, t().pick), file,
      h('label', { class: 'button', for: 'pick-folder' }, t().folder), folder));
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', async (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    loadFiles(await droppedFiles(e.dataTransfer));
  });
  const progress = h('div', { class: 'progress', id: 'progress', role: 'status', 'aria-live': 'polite' });
  return h('section', { 'aria-labelledby': 'h-input' }, h('h2', { id: 'h-input', class: 'sr-only' }, t().pick), zone, progress);
}

/** Files of a drop, folders walked (webkitGetAsEntry), with their paths. */
async function droppedFiles(dt) {
  const out = [];
  const walk = async (entry, path) => {
    if (entry.isFile) {
      const file = await new Promise((res, rej) => entry.file(res, rej));
      out.push({ file, path: path + file.name });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((res, rej) => reader.readEntries(res, rej));
        if (!batch.length) break;
        for (const e of batch) await walk(e, `${path}${entry.name}/`);
      }
    }
  };
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  if (entries.length) {
    for (const e of entries) await walk(e, '');
  } else {
    for (const f of dt.files) out.push({ file: f });
  }
  return out;
}

function renderLoad(st) {
  const out = h('section', { 'aria-labelledby': 'h-load', class: 'card' });
  out.append(h('h2', { id: 'h-load' }, t().loaded(st.files_read)));
  const accepted = st.sets.reduce((n, x) => n + x.respondents, 0);
  out.append(h('p', { id: 'counts' },
    `${t().accepted}: `, h('strong', { 'data-count': 'accepted' }, String(accepted)),
    ` · ${t().refusedH}: `, h('strong', { 'data-count': 'refused' }, String(st.refused.length)),
    ` · ${t().replacedH}: `, h('strong', { 'data-count': 'replaced' }, String(st.replaced.length))));
  if (st.sets.length) {
    const choose = h('fieldset', { class: 'sets' }, h('legend', {}, t().sets));
    st.sets.forEach((x, i) => {
      const id = `set-${i}`;
      choose.append(h('div', {},
        h('input', { type: 'radio', name: 'set', id, value: i, checked: i === ui.set, onchange: () => { ui.set = i; resetSubset(); refresh(); } }),
        h('label', { for: id }, t().setLabel(x), x.other_version ? ' ⚠' : '')));
    });
    out.append(choose);
  }
  if (st.refused.length) {
    const tbody = h('tbody');
    for (const r of st.refused) {
      const msg = (t().refusal[r.code] || (() => r.detail))(r);
      tbody.append(h('tr', {},
        h('td', { class: 'file' }, r.file),
        h('td', {}, msg, h('details', {}, h('summary', {}, t().tech), h('code', {}, r.detail)))));
    }
    out.append(h('details', { open: true, id: 'refused' }, h('summary', {}, `${t().refusedH} (${st.refused.length})`),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t().file), h('th', { scope: 'col' }, t().reason))), tbody)));
  }
  if (st.replaced.length) {
    out.append(h('details', { id: 'replaced' }, h('summary', {}, `${t().replacedH} (${st.replaced.length})`),
      h('ul', {}, st.replaced.map((r) => h('li', { class: 'file' }, t().replacedRow(r.file, r.kept))))));
  }
  return out;
}

function renderFilters(v) {
  const levelSel = h('select', { id: 'f-level', onchange: (e) => { ui.level = e.target.value; ui.shown = 200; refresh(); } },
    h('option', { value: '' }, t().any),
    v.target_levels.map((l) => h('option', { value: l, selected: ui.level === l }, levelName(l))));
  const search = h('input', { type: 'search', id: 'f-name', value: ui.name });
  search.addEventListener('change', (e) => { ui.name = e.target.value; ui.shown = 200; refresh(); });
  const sel = ui.selected.size;
  return h('section', { class: 'card filters', 'aria-labelledby': 'h-filter' },
    h('h2', { id: 'h-filter' }, t().filter),
    ui.members ? h('p', { class: 'notice', id: 'rolled-up', role: 'status' }, t().rolledUp(ui.members.length, v.set_size)) : '',
    h('div', { class: 'row' },
      h('label', { for: 'f-level' }, t().level), levelSel,
      h('label', { for: 'f-name' }, t().name), search),
    h('div', { class: 'row' },
      h('span', { id: 'sel-count' }, t().selCount(sel)),
      h('button', { type: 'button', id: 'only-selected', disabled: sel === 0, onclick: () => { ui.members = [...ui.selected]; refresh(); } }, t().onlySel),
      h('button', { type: 'button', id: 'everyone', disabled: ui.members === null, onclick: () => { ui.members = null; refresh(); } }, t().all),
      h('button', { type: 'button', id: 'as-a', disabled: sel === 0, onclick: () => { ui.a = [...ui.selected]; refresh(); } }, t().setA, ui.a ? ` (${ui.a.length})` : ''),
      h('button', { type: 'button', id: 'as-b', disabled: sel === 0, onclick: () => { ui.b = [...ui.selected]; refresh(); } }, t().setB, ui.b ? ` (${ui.b.length})` : ''),
      h('button', { type: 'button', id: 'compare', disabled: !(ui.a && ui.b), onclick: () => compare() }, t().compare)));
}

function renderDist(v) {
  const tbody = h('tbody');
  tbody.append(distRow(t().overall, v.overall, v.scale_max));
  for (const l of v.levels) tbody.append(distRow(lang === 'en' ? l.en || l.ja : l.ja, l.dist, 1));
  for (const g of v.groups) tbody.append(distRow(lang === 'en' ? g.en || g.ja : g.ja, g.dist, v.scale_max));
  return h('section', { class: 'card', 'aria-labelledby': 'h-dist' },
    h('h2', { id: 'h-dist' }, t().distH),
    h('p', { class: 'hint' }, v.maturity ? t().maturityNote : t().rateNote),
    h('div', { class: 'scroll' }, h('table', { id: 'dist' },
      h('thead', {}, h('tr', {}, ['', t().n, t().min, t().q1, t().med, t().q3, t().max, ''].map((x) => h('th', { scope: 'col' }, x)))),
      tbody)));
}

function renderMissed(v) {
  const out = h('section', { class: 'card', 'aria-labelledby': 'h-missed' }, h('h2', { id: 'h-missed' }, t().missedTitle));
  const n = v.rows.length;
  for (const [level, ids] of v.most_missed) {
    if (level === '*' && v.levels.length) continue;
    const title = level === '*' ? t().missedH(t().allLevels) : t().missedH(levelName(level));
    const ol = h('ol', { 'data-level': level });
    for (const id of ids) {
      const c = v.controls.find((x) => x.id === id);
      ol.append(h('li', {}, h('span', { class: 'no' }, c.label), ' ', h('span', { class: 'headline' }, c.headline), ' ', h('span', { class: 'missed' }, t().missedOf(c.missed, n))));
    }
    out.append(h('h3', {}, title), ids.length ? ol : h('p', {}, '—'));
  }
  return out;
}

const COLORS = { A: '#2e7d32', P: '#f9a825', N: '#c62828', X: '#9e9e9e', U: '#ffffff' };
/** COLORS as opaque pixels of an ImageData seen as 32-bit words (bytes R, G, B, A in memory order). */
const PIXELS = Object.fromEntries(Object.entries(COLORS).map(([k, c]) => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  return [k, new Uint32Array(new Uint8Array([r, g, b, 255]).buffer)[0]];
}));

function renderHeat(v) {
  const order = v.controls.map((c, i) => i);
  if (ui.heatOrder === 'missed') order.sort((a, b) => v.controls[b].missed - v.controls[a].missed || a - b);
  const rows = v.rows;
  const cw = Math.max(2, Math.min(14, Math.floor(900 / Math.max(1, rows.length))));
  const ch = 6;
  const width = Math.max(1, rows.length * cw);
  const height = Math.max(1, order.length * ch);
  const canvas = h('canvas', { width, height, role: 'img', 'aria-label': t().heatAlt(order.length, rows.length), id: 'heat' });
  // Drawn as pixels, one image put at once: a fillRect per cell took 0.3 s
  // for 4,000 respondents × 90 items, longer than everything else on the page.
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  const px = new Uint32Array(image.data.buffer);
  const w = cw - (cw > 3 ? 1 : 0);
  order.forEach((ci, y) => rows.forEach((r, x) => {
    const rgba = PIXELS[r.statuses[ci]] ?? PIXELS.U;
    for (let line = y * ch; line < (y + 1) * ch - 1; line++) {
      const at = line * width + x * cw;
      px.fill(rgba, at, at + w);
    }
  }));
  ctx.putImageData(image, 0, 0);
  const sortSel = h('select', { id: 'heat-order', onchange: (e) => { ui.heatOrder = e.target.value; render(); } },
    h('option', { value: 'catalog', selected: ui.heatOrder === 'catalog' }, t().byCatalog),
    h('option', { value: 'missed', selected: ui.heatOrder === 'missed' }, t().byMissed));
  const legend = h('ul', { class: 'legend' }, [['A', t().achieved], ['P', t().partial], ['N', t().notAchieved], ['X', t().na], ['U', t().unanswered]]
    .map(([k, l]) => h('li', {}, h('span', { class: `swatch sw-${k}` }), l)));
  const tbody = h('tbody');
  for (const ci of order) {
    const c = v.controls[ci];
    const k = c.counts;
    tbody.append(h('tr', { 'data-control': c.id },
      h('th', { scope: 'row' }, h('span', { class: 'no' }, c.label), ' ', h('span', { class: 'headline' }, c.headline)),
      ...[k.achieved, k.partial, k.not_achieved, k.not_applicable, k.unanswered].map((x) => h('td', { class: 'num' }, String(x)))));
  }
  return h('section', { class: 'card', 'aria-labelledby': 'h-heat' },
    h('h2', { id: 'h-heat' }, t().heatH),
    h('div', { class: 'row' }, h('label', { for: 'heat-order' }, t().heatSort), sortSel),
    legend,
    h('div', { class: 'scroll heat' }, canvas),
    h('h3', {}, t().itemsH),
    h('div', { class: 'scroll' }, h('table', { id: 'items' },
      h('thead', {}, h('tr', {}, [t().item, t().achieved, t().partial, t().notAchieved, t().na, t().unanswered].map((x) => h('th', { scope: 'col' }, x)))),
      tbody)));
}

function renderRows(v) {
  if (!v.rows.length) return h('section', { class: 'card' }, h('h2', {}, t().rowsH), h('p', {}, t().noRows));
  const head = [t().selection, t().rowsH, t().target, t().answered, t().overall, ...v.levels.map((l) => l.short), t().updated];
  const tbody = h('tbody');
  for (const r of v.rows.slice(0, ui.shown)) {
    const box = h('input', { type: 'checkbox', checked: ui.selected.has(r.index), 'aria-label': t().select(nameOf(r)), onchange: (e) => {
      if (e.target.checked) ui.selected.add(r.index); else ui.selected.delete(r.index);
      render();
    } });
    tbody.append(h('tr', { 'data-entity': r.entity },
      h('td', {}, box),
      h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', onclick: () => openRespondent(r.index) }, nameOf(r)), r.hash_differs ? h('span', { class: 'warn', title: t().hashDiffers(1) }, ' ⚠') : '',
        h('div', { class: 'file' }, r.file)),
      h('td', {}, r.target_level ? levelName(r.target_level) : '—'),
      h('td', { class: 'num' }, `${r.answered} / ${r.in_scope}`),
      h('td', { class: 'num', 'data-col': 'overall' }, fig(r.overall)),
      ...r.levels.map((x, i) => h('td', { class: 'num', 'data-col': v.levels[i].id }, x === null ? '—' : `${(x * 100).toFixed(1)}%`)),
      h('td', {}, date(r.updated))));
  }
  const out = h('section', { class: 'card', 'aria-labelledby': 'h-rows' },
    h('h2', { id: 'h-rows' }, `${t().rowsH} (${v.rows.length})`),
    h('div', { class: 'scroll' }, h('table', { id: 'rows' }, h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col' }, x)))), tbody)));
  if (v.rows.length > ui.shown) {
    out.append(h('button', { type: 'button', onclick: () => { ui.shown += 200; render(); } }, t().more(Math.min(200, v.rows.length - ui.shown))));
  }
  return out;
}

function renderExport(v) {
  const min = h('input', { type: 'number', id: 'min-resp', min: 1, value: ui.min || 5, onchange: (e) => { ui.min = Number(e.target.value) || 5; } });
  const base = `selfcheck-collect-${date(Date.now())}`;
  return h('section', { class: 'card', 'aria-labelledby': 'h-export' },
    h('h2', { id: 'h-export' }, t().exportH),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'csv-wide', onclick: async () => download((await ask('wide', { query: query(), lang })).text, `${base}.csv`, 'text/csv') }, t().wide),
      h('button', { type: 'button', id: 'csv-long', onclick: async () => download((await ask('long', { query: query() })).text, `${base}-long.csv`, 'text/csv') }, t().long)),
    h('div', { class: 'row' },
      h('label', { for: 'min-resp' }, t().minResp), min,
      h('button', { type: 'button', id: 'benchmark', onclick: () => exportBenchmark() }, t().bench)),
    h('p', { class: 'hint' }, t().benchNote),
    h('p', { id: 'bench-msg', role: 'status' }, ui.message));
}

function renderCompare() {
  const c = ui.compare;
  if (!c) return null;
  const tbody = h('tbody');
  const rowOf = (label, a, b) => tbody.append(h('tr', {}, h('th', { scope: 'row' }, label),
    h('td', { class: 'num' }, a ? fig(a.median) : '—'), h('td', { class: 'num' }, b ? fig(b.median) : '—')));
  rowOf(t().overall, c.a.overall, c.b.overall);
  c.a.levels.forEach((l, i) => rowOf(lang === 'en' ? l.en || l.ja : l.ja, l.dist, c.b.levels[i].dist));
  c.a.groups.forEach((g, i) => rowOf(lang === 'en' ? g.en || g.ja : g.ja, g.dist, c.b.groups[i].dist));
  return h('section', { class: 'card', 'aria-labelledby': 'h-compare', id: 'compare-panel' },
    h('h2', { id: 'h-compare' }, t().compareH),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { scope: 'col' }, `A (${c.a.rows.length})`), h('th', { scope: 'col' }, `B (${c.b.rows.length})`))), tbody));
}

function renderSetNotes(st) {
  const x = st.sets[ui.set];
  if (!x) return null;
  const notes = [];
  if (x.other_version) notes.push(t().otherVersion(x));
  if (x.hash_differs) notes.push(t().hashDiffers(x.hash_differs));
  return notes.length ? h('div', { class: 'notice', role: 'note' }, notes.map((n) => h('p', {}, n))) : null;
}

function render() {
  const focusId = document.activeElement && document.activeElement.id;
  root.replaceChildren();
  document.documentElement.lang = lang;
  document.title = `selfcheck — ${t().title}`;
  root.append(h('header', { class: 'top' },
    h('h1', {}, t().title),
    h('button', { type: 'button', id: 'lang', lang: lang === 'ja' ? 'en' : 'ja', onclick: () => { lang = lang === 'ja' ? 'en' : 'ja'; render(); } }, t().lang)),
    h('p', {}, t().lead), h('p', { class: 'privacy' }, t().privacy), renderInput());
  const st = ui.state;
  if (!st || !st.files_read) { root.append(h('p', { class: 'empty' }, t().empty)); return restore(focusId); }
  root.append(renderLoad(st), renderSetNotes(st) || '');
  const v = ui.view;
  if (v) root.append(renderFilters(v), renderCompare() || '', renderDist(v), renderMissed(v), renderRows(v), renderHeat(v), renderExport(v));
  restore(focusId);
}
function restore(id) {
  const el = id && document.getElementById(id);
  if (el) el.focus();
}

// ---- actions --------------------------------------------------------------
function resetSubset() {
  ui.members = null; ui.selected = new Set(); ui.a = null; ui.b = null; ui.compare = null; ui.level = ''; ui.shown = 200;
}

async function refresh() {
  ui.view = ui.state && ui.state.sets.length ? (await ask('view', { query: query() })).view : null;
  if (ui.compare && ui.a && ui.b) await compare(false);
  render();
}

async function compare(draw = true) {
  const [a, b] = await Promise.all([ask('view', { query: query(ui.a) }), ask('view', { query: query(ui.b) })]);
  ui.compare = { a: a.view, b: b.view };
  if (draw) render();
}

/** Files posted to the worker in one message. */
const LOAD_SLICE = 250;

async function loadFiles(files) {
  if (!files.length) return;
  const bar = document.getElementById('progress');
  const meter = h('progress', { max: files.length, value: 0 });
  const text = h('span', {}, t().progress(0, files.length));
  bar.replaceChildren(h('span', {}, `${t().loading}: `), meter, ' ', text);
  root.setAttribute('aria-busy', 'true');
  onProgress = (d, n) => { meter.value = d; text.textContent = t().progress(d, n); };
  // Posted in slices: cloning thousands of File objects into one message
  // holds the page for about a second, and the worker would wait for all of
  // them; sliced, it reads and parses the first while the rest are posted.
  // The worker takes its messages in order: the state is asked for after the last.
  const asks = [];
  for (let at = 0; at < files.length; at += LOAD_SLICE) {
    asks.push(ask('load', { files: files.slice(at, at + LOAD_SLICE), base: at, total: files.length }));
  }
  await Promise.all(asks);
  ui.state = (await ask('state')).state;
  root.setAttribute('aria-busy', 'false');
  await refresh();
}

async function openRespondent(index) {
  const { respondent: r } = await ask('respondent', { set: ui.set, index });
  if (!r) return;
  const dlg = h('dialog', { id: 'detail', 'aria-labelledby': 'h-detail' });
  const list = h('ol', { class: 'answers' });
  for (const a of r.answers) {
    list.append(h('li', { 'data-control': a.control, 'data-status': a.status },
      h('div', {}, h('span', { class: 'no' }, a.label), ' ', h('span', { class: 'headline' }, a.headline)),
      h('div', { class: `answer ${a.status}` }, (lang === 'en' ? a.label_en || a.label_ja : a.label_ja) || t().unanswered),
      a.reason ? h('div', {}, `${t().naReason}: `, a.reason) : '',
      a.note ? h('div', { class: 'note' }, `${t().note}: `, a.note) : '',
      a.evidence.length ? h('div', {}, `${t().evidence}: `, a.evidence.join(' / ')) : ''));
  }
  dlg.append(
    h('div', { class: 'dlg-head' }, h('h2', { id: 'h-detail' }, t().detailH(r.name || t().anonymous)),
      h('button', { type: 'button', id: 'close-detail', onclick: () => dlg.close() }, t().close)),
    h('p', { class: 'file' }, `${r.file} · ${r.entity} · ${r.target_level || ''} · ${date(r.exported)}`),
    list);
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
}

async function exportBenchmark() {
  const min = ui.min || 5;
  const out = await ask('benchmark', { query: query(), min });
  if (out.error) {
    ui.message = out.error.code === 'too_few' ? t().tooFew(out.error.found, out.error.min) : t().mixed;
  } else {
    const b = JSON.parse(out.ok);
    download(out.ok, `selfcheck-benchmark-${b.catalog.id}-${date(Date.now())}.json`, 'application/json');
    ui.message = t().benchDone(b.respondents);
  }
  render();
}

// ---- start ----------------------------------------------------------------
render();
ask('start').then(() => { root.setAttribute('aria-busy', 'false'); root.dataset.ready = 'true'; })
  .catch(() => { root.append(h('p', { class: 'error', role: 'alert' }, t().workerError)); });
