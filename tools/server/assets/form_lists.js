// The Edit form's list controls: add or remove a unit, an arrival source or
// a route of a unit. Like the form's fields they edit the YAML text in
// place (comments and layout elsewhere stay as they are), through the
// editor, so the YAML tab and the validation follow each change. What a
// new entry holds comes from the schema: the keys it requires (and those
// required unless another is given), each with a value its rule accepts.
// app.js calls decorate() after each rebuild of the form.
'use strict';
(function () {
  const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

  // ---- the YAML text, line by line
  const indentOf = (line) => line.match(/^ */)[0].length;
  const isContent = (line) => line.trim() !== '' && !line.trim().startsWith('#');
  const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const keyLine = (key) => new RegExp(`^ *(?:${escapeRegExp(key)}|"${escapeRegExp(key)}"|'${escapeRegExp(key)}'):(?=\\s|$)`);

  // The lines of the block-style key path 'keys': {start (the key's line),
  // end (after its last content line), indent}; null when absent. Only the
  // last key's value may be written in flow style ({...} on its line).
  function findBlock(lines, keys) {
    let from = 0;
    let to = lines.length;
    let found = null;
    for (const key of keys) {
      found = null;
      let childIndent = null;
      for (let i = from; i < to && found === null; ++i) {
        if (!isContent(lines[i])) continue;
        if (childIndent === null) childIndent = indentOf(lines[i]);
        if (indentOf(lines[i]) === childIndent && keyLine(key).test(lines[i])) found = i;
      }
      if (found === null) return null;
      const indent = indentOf(lines[found]);
      let end = found + 1;
      for (let i = found + 1; i < to; ++i) {
        if (!isContent(lines[i])) continue;
        if (indentOf(lines[i]) <= indent) break;
        end = i + 1;
      }
      from = found + 1;
      to = end;
    }
    return { start: found, end: to, indent: indentOf(lines[found]) };
  }

  // A flow map written on the key's line ("routes: {home: 0.9, died: 0.1}  # ..."):
  // where its braces are and its entries' texts; null when the value is not one.
  function flowMapOn(line) {
    const colon = line.search(/:(\s|$)/);
    const open = line.indexOf('{', colon);
    if (colon < 0 || open < 0 || line.slice(colon + 1, open).trim() !== '') return null;
    let depth = 0;
    let quote = null;
    const cuts = [];
    for (let i = open; i < line.length; ++i) {
      const c = line[i];
      if (quote) { if (c === quote) quote = null; continue; }
      if (c === '"' || c === "'") quote = c;
      else if (c === '{' || c === '[') ++depth;
      else if (c === '}' || c === ']') {
        if (--depth === 0) {
          const inside = line.slice(open + 1, i);
          let start = 0;
          const entries = [];
          for (const cut of cuts.concat([i - open - 1])) { entries.push(inside.slice(start, cut).trim()); start = cut + 1; }
          return { open, close: i, entries: entries.filter((e) => e !== '') };
        }
      } else if (c === ',' && depth === 1) cuts.push(i - open - 1);
    }
    return null;
  }
  const entryKey = (entry) => entry.split(':')[0].trim().replace(/^["']|["']$/g, '');

  // Adds 'key: value' (value: one line of flow YAML, or an array of block
  // lines) to the map at 'keys', creating the map when it is absent.
  function addEntry(lines, keys, key, value) {
    const block = findBlock(lines, keys);
    if (!block) {
      if (keys.length === 1 || Array.isArray(value)) return false;
      return addEntry(lines, keys.slice(0, -1), keys[keys.length - 1], `{${key}: ${value}}`);
    }
    const flow = flowMapOn(lines[block.start]);
    if (flow) {
      if (Array.isArray(value)) return false;
      const line = lines[block.start];
      const entries = flow.entries.concat([`${key}: ${value}`]);
      lines[block.start] = line.slice(0, flow.open) + '{' + entries.join(', ') + '}' + line.slice(flow.close + 1);
      return true;
    }
    const children = lines.slice(block.start + 1, block.end).filter(isContent);
    const indent = ' '.repeat(children.length ? indentOf(children[0]) : block.indent + 2);
    const added = Array.isArray(value) ? [`${indent}${key}:`].concat(value.map((l) => `${indent}  ${l}`)) : [`${indent}${key}: ${value}`];
    lines.splice(block.end, 0, ...added);
    return true;
  }

  // Removes the entry 'keys' (its whole block, or its place in a flow map).
  function removeEntry(lines, keys) {
    const parent = findBlock(lines, keys.slice(0, -1));
    const key = keys[keys.length - 1];
    const flow = parent && keys.length > 1 ? flowMapOn(lines[parent.start]) : null;
    if (flow) {
      const line = lines[parent.start];
      const entries = flow.entries.filter((e) => entryKey(e) !== key);
      lines[parent.start] = line.slice(0, flow.open) + '{' + entries.join(', ') + '}' + line.slice(flow.close + 1);
      return entries.length !== flow.entries.length;
    }
    const block = findBlock(lines, keys);
    if (!block) return false;
    lines.splice(block.start, block.end - block.start);
    return true;
  }

  function edit(change) {
    const editor = window.flowsim.editor;
    const lines = editor.getValue().split('\n');
    if (!change(lines)) return false;
    const doc = editor.getDoc();
    const last = doc.lastLine();
    // One replacement of the whole text: a single undo step, and the editor's change event validates it.
    doc.replaceRange(lines.join('\n'), { line: 0, ch: 0 }, { line: last, ch: doc.getLine(last).length });
    return true;
  }

  // ---- what the scenario has now (from the form's leaves)
  const leaves = () => window.flowsim.leaves || [];
  const namesUnder = (section) => [...new Set(leaves().filter((l) => l.path.startsWith(section + '.')).map((l) => l.path.split('.')[1]))];
  const exits = () => leaves().filter((l) => /^exits\.\d+$/.test(l.path)).map((l) => l.value);
  const routesOf = (unit) => leaves().filter((l) => l.path.startsWith(`units.${unit}.routes.`)).map((l) => l.path.split('.').slice(3));

  // ---- a new entry's keys and values, from the schema
  const resolve = (node) => {
    const schema = window.flowsim.schema;
    while (node && node.$ref && node.$ref.startsWith('#/')) node = node.$ref.slice(2).split('/').reduce((o, k) => (o || {})[k], schema);
    return node || {};
  };
  const choices = (rule) => [rule].concat(rule.anyOf || [], rule.oneOf || []).map(resolve);
  // The keys a new entry must have: those required, and those required unless another key is given.
  const neededKeys = (item) => Object.keys(item.properties || {}).filter((k) => (item.required || []).includes(k) || item.properties[k]['x-required']);
  // A value that 'rule' accepts, for a new entry named 'name' in a scenario with these units and exits.
  function startingValue(key, rule, name) {
    const options = choices(rule);
    if (options.some((o) => o.properties && o.properties.dist)) return '{dist: exponential, mean: 1, unit: days}';  // a distribution: the simplest
    const number = options.find((o) => [].concat(o.type || []).some((t) => t === 'integer' || t === 'number'));
    if (number) {
      if (number.minimum !== undefined && number.minimum > 0) return String(number.minimum);
      return '1';
    }
    const enumerated = options.find((o) => o.enum);
    if (enumerated) return String(rule.default !== undefined ? rule.default : enumerated.enum[0]);
    // A map of probabilities (routes): everyone leaves by the first exit.
    if (options.some((o) => o.type === 'object')) return `{${exits()[0] || 'home'}: 1}`;
    if (key === 'to') return name;  // where arrivals go: the unit just named, or the first unit
    return '""';
  }
  function newEntryLines(section, name, given) {
    const item = resolve(window.flowsim.schemaAt(`${section}.${name}`));
    const lines = [];
    for (const [key, value] of Object.entries(given)) lines.push(`${key}: ${value}`);
    for (const key of neededKeys(item))
      if (!(key in given)) lines.push(`${key}: ${startingValue(key, resolve(item.properties[key]), name)}`);
    return lines;
  }

  // ---- the controls
  const el = (...args) => window.flowsim.el(...args);
  const options = (names) => names.map((n) => el('option', { value: n }, n));
  function say(box, text) { box.textContent = text; }

  function nameProblem(name, taken) {
    if (!NAME.test(name)) return 'a name is letters, digits and _, starting with a letter';
    if (taken.includes(name)) return `'${name}' is taken`;
    return '';
  }

  function addUnitControl() {
    const kinds = resolve(window.flowsim.schemaAt('units.x.kind')).enum || [];
    const name = el('input', { id: 'add-unit-name', size: 16, placeholder: 'new_unit' });
    const kind = el('select', { id: 'add-unit-kind' }, ...options(kinds));
    kind.value = kinds.includes('community') ? 'community' : kinds[0];
    const problem = el('span', { class: 'error' });
    const button = el('button', { id: 'add-unit', onclick: () => {
      const wanted = name.value.trim();
      const taken = namesUnder('units').concat(exits(), namesUnder('arrivals'));
      const bad = nameProblem(wanted, taken);
      say(problem, bad);
      if (bad) return;
      edit((lines) => addEntry(lines, ['units'], wanted, newEntryLines('units', wanted, { kind: kind.value })));
    } }, 'Add unit');
    return el('div', { class: 'list-control', 'data-list': 'units' }, el('b', {}, 'Add a unit '), name, ' kind ', kind, ' ', button, ' ', problem,
      el('div', { class: 'hint' }, 'It starts with the keys a unit must have; set them in its section, then route patients to it.'));
  }

  function addArrivalControl() {
    const name = el('input', { id: 'add-arrival-name', size: 16, placeholder: 'new_source' });
    const to = el('select', { id: 'add-arrival-to' }, ...options(namesUnder('units')));
    const problem = el('span', { class: 'error' });
    const button = el('button', { id: 'add-arrival', onclick: () => {
      const wanted = name.value.trim();
      const bad = nameProblem(wanted, namesUnder('arrivals'));
      say(problem, bad);
      if (bad) return;
      edit((lines) => addEntry(lines, ['arrivals'], wanted, newEntryLines('arrivals', wanted, { to: to.value })));
    } }, 'Add arrival source');
    return el('div', { class: 'list-control', 'data-list': 'arrivals' }, el('b', {}, 'Add an arrival source '), name, ' arriving at ', to, ' ', button, ' ', problem);
  }

  // In a unit's section: add a route (by group when its routes are by group) and remove the unit.
  function unitControls(unit) {
    const routes = routesOf(unit);
    const byGroup = routes.some((r) => r.length > 1);
    const groups = byGroup ? [...new Set(routes.map((r) => r[0]))] : [];
    const group = el('select', { class: 'route-group' }, ...options(groups));
    const targets = namesUnder('units').filter((u) => u !== unit).concat(exits());
    const target = el('select', { class: 'route-target' }, ...options(targets));
    const probability = el('input', { class: 'route-probability', size: 6, value: '0', inputmode: 'decimal' });
    const problem = el('span', { class: 'error' });
    const add = el('button', { class: 'add-route', onclick: () => {
      const p = Number(probability.value);
      if (probability.value.trim() === '' || !(p >= 0 && p <= 1)) return say(problem, 'a probability is from 0 to 1');
      const path = ['units', unit, 'routes'].concat(byGroup ? [group.value] : []);
      const existing = routes.some((r) => r.join('.') === (byGroup ? [group.value, target.value] : [target.value]).join('.'));
      if (existing) return say(problem, `there is already a route to ${target.value}`);
      say(problem, '');
      edit((lines) => addEntry(lines, path, target.value, String(p)));
    } }, 'Add route');
    const remove = el('button', { class: 'remove-unit', onclick: () => edit((lines) => removeEntry(lines, ['units', unit])) }, `Remove unit ${unit}`);
    return el('div', { class: 'list-control' }, el('b', {}, 'Add a route '), byGroup ? el('span', {}, 'for ', group, ' ') : '', 'to ', target,
      ' with probability ', probability, ' ', add, ' ', problem,
      el('div', { class: 'hint' }, 'The probabilities out of a unit (of each group) sum to 1: take the share from another route.'), remove);
  }

  function decorate(form) {
    form.querySelectorAll('details.section').forEach((section) => {
      const [list, name] = section.dataset.section.split(': ');
      if (list === 'units' && name) section.append(unitControls(name));
      if (list === 'arrivals' && name)
        section.append(el('div', { class: 'list-control' }, el('button', { class: 'remove-arrival', onclick: () => edit((lines) => removeEntry(lines, ['arrivals', name])) }, `Remove arrival source ${name}`)));
    });
    // A remove button beside each route's probability.
    form.querySelectorAll('input[data-path^="units."]').forEach((input) => {
      const keys = input.dataset.path.split('.');
      if (keys[2] !== 'routes') return;
      input.parentElement.lastElementChild.append(' ', el('button', { class: 'remove-route', title: 'remove this route', onclick: () => edit((lines) => removeEntry(lines, keys)) }, 'remove'));
    });
    form.append(el('div', { class: 'lists' }, addUnitControl(), addArrivalControl()));
  }

  window.flowsimFormLists = { decorate, findBlock, addEntry, removeEntry };
})();
