// The watcher (read by flows/answer.py): a script the robot adds to every document of
// the site. As the pointer goes down on a control, before the site's own handlers run,
// it notes what a person sees (the headings and fields of the screen, its text, its step
// indicator), says « pressed » with a token of its own, then looks at the page once a
// frame until the site answers:
// - busy is no answer: aria-busy, a progress bar without a value or one that came with
//   the press, the pressed control disabled, nameless (its label gave way to a spinner)
//   or holding a spinner, or something else taking the pointer over it; a layer come over
//   the screen since the press (over most of the window, or over its headings or fields),
//   whatever its role, hidden from assistive technology or not, unless a dialog stands
//   above it: its words (« Chargement… ») are never the answer, nor is the pressed
//   control gone beneath it;
// - an interstitial of the contract (the consent banner, the leave dialog) that shows up
//   is said as such, for the robot to answer, and the wait goes on: it is not the answer;
// - the answer: the page unloading (« leaving »), a new dialog, the screen changed (its
//   headings or fields), something new said in words (whatever its role, none included),
//   or, short of those, the pressed control gone (said as « control », watched on);
// - a press whose click never reached its control (something opened over it between the
//   pointer going down and coming up: the browser then gives the click to an element
//   around both) is said « lost » once the page is quiet again (not busy, no interstitial
//   on view, nothing changed): the site never had that click (watched on all the same);
// - a press whose pointer went down on no control while an interstitial is on view (its
//   backdrop came between the robot's look and its press) is « stray »: once the
//   interstitial is answered and the page quiet it is said « lost » by nothing, and may
//   be made again, a final step's included (no control had any of it).
// It looks once a frame, and at once when the page changes (a mutation observer).
// It speaks through the console (lines that begin with config.says) because a page load
// that has started holds back every call into the page until the next document is there
// (or for ever, if it never comes): the robot waits for these lines as events, with its
// own bound. Nothing is asked of the page after a click.
// What it looks at includes open shadow roots (web components): a person sees what is
// drawn there, and Playwright's locators reach it, but querySelectorAll, innerText,
// closest, contains and elementFromPoint stop at their edge; the helpers below do not.
(config) => {
  const watching = Symbol.for('mes-optout.watching');
  if (window[watching]) return;
  window[watching] = true;
  const say = console.debug.bind(console);  // the site's own scripts may replace it later
  const PRESSABLE = 'button, a[href], input, select, textarea, summary, [role="button"], '
    + '[role="link"], [role="menuitem"], [role="tab"], [role="option"], [role="checkbox"], '
    + '[role="radio"]';
  const DIALOGS = 'dialog[open], [role="dialog"], [role="alertdialog"]';
  const FIELDS = 'input:not([type="hidden"]):not([type="submit"]):not([type="button"]), '
    + 'select, textarea, [role="textbox"], [role="checkbox"], [role="radio"], [role="combobox"]';
  const shown = (el) => !!el && el.isConnected && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden';
  const squash = (text) => (text || '').replace(/\s+/g, ' ').trim();
  // The document and every open shadow root in it, found once per look (forgetRoots).
  let knownRoots = null;
  const forgetRoots = () => { knownRoots = null; };
  const roots = () => {
    if (knownRoots) return knownRoots;
    const found = [document];
    for (let i = 0; i < found.length; i++) {
      for (const el of found[i].querySelectorAll('*')) if (el.shadowRoot) found.push(el.shadowRoot);
    }
    knownRoots = found;
    return found;
  };
  const all = (selector) => roots().flatMap((root) => [...root.querySelectorAll(selector)]);
  // The parent a person would say: across a shadow root's edge, its host.
  const up = (node) => (node.parentNode instanceof ShadowRoot ? node.parentNode.host
    : node.parentElement);
  const holds = (outer, node) => {
    for (let n = node; n; n = up(n)) if (n === outer) return true;
    return false;
  };
  const closestOf = (el, selector) => {
    for (let n = el; n; n = up(n)) if (n.matches(selector)) return n;
    return null;
  };
  // The text a person reads in `el`, shadow roots included (a style or a template is not):
  // the roots already found for this look, not another walk of the page.
  const textOf = (el) => {
    const parts = [el.innerText || ''];
    for (const root of roots().slice(1)) {
      if (!holds(el, root.host)) continue;
      for (const child of root.children) {
        if (child instanceof HTMLElement && shown(child)) parts.push(child.innerText || '');
      }
    }
    return parts.join('\n');
  };
  // What is under a point, down into shadow roots.
  const hitAt = (x, y) => {
    let hit = document.elementFromPoint(x, y);
    while (hit && hit.shadowRoot) {
      const inner = hit.shadowRoot.elementFromPoint(x, y);
      if (!inner || inner === hit) break;
      hit = inner;
    }
    return hit;
  };
  const asides = config.asides.map((a) => ({
    name: a.name, anchor: new RegExp(a.anchor, 'i'), also: a.also.map((r) => new RegExp(r, 'i')),
  }));
  const nameOf = (el) => squash(el.getAttribute('aria-label') || textOf(el)
    || (el.tagName === 'INPUT' ? el.value : '') || el.getAttribute('title') || '');
  // The layer a box sits in: its outermost fixed or sticky ancestor, or its dialog (a
  // banner's text is around its buttons, not between them).
  const layer = (box) => {
    let found = closestOf(box, DIALOGS) || box;
    for (let el = box; el && el !== document.body; el = up(el)) {
      const position = getComputedStyle(el).position;
      if (position === 'fixed' || position === 'sticky') found = el;
    }
    return found;
  };
  // A control a click would reach (a busy overlay above a panel holds the panel's clicks).
  const onTop = (el) => {
    const r = el.getBoundingClientRect();
    const hit = hitAt(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (holds(el, hit) || holds(hit, el));
  };
  // The interstitials on view: the smallest box around an anchor button holding the rest.
  const interstitials = () => {
    const found = [];
    const buttons = all('button, a[href], [role="button"], [role="link"]');
    for (const aside of asides) {
      for (const button of buttons) {
        if (!aside.anchor.test(nameOf(button)) || !shown(button)) continue;
        let box = button;
        while (box && !aside.also.every((r) => r.test(textOf(box)))) box = up(box);
        if (box && box !== document.body && box !== document.documentElement) {
          found.push({name: aside.name, box: layer(box), answerable: onTop(button)});
          break;
        }
      }
    }
    return found;
  };
  const within = (el, boxes) => boxes.some((box) => holds(box, el));
  const lines = (boxes, pressed) => {
    // What a person reads, line by line, numbers folded (a countdown is not news).
    const skip = [...boxes, pressed].filter(Boolean).map((b) => squash(textOf(b)))
      .filter(Boolean);
    const text = textOf(document.body);
    return new Set(squash(text).length ? text.split('\n')
      .map(squash).filter((l) => l && !skip.some((s) => s.includes(l)))
      .map((l) => l.replace(/\d+/g, '#')) : []);
  };
  const view = (boxes) => {
    const outside = (el) => shown(el) && !closestOf(el, DIALOGS) && !within(el, boxes);
    const headings = all('h1, h2, h3, h4, h5, h6, [role="heading"]')
      .filter(outside).map((h) => squash(textOf(h)));
    const fields = all(FIELDS).filter(outside).map((f) => {
      const label = (f.labels && f.labels.length) ? f.labels[0].innerText
        : (f.getAttribute('aria-label') || f.getAttribute('aria-labelledby') || '');
      return [f.type || f.getAttribute('role'), f.name || '', squash(label)].join(':');
    });
    return JSON.stringify([headings, fields]);
  };
  const bars = () => all('[role="progressbar"], progress').filter(shown);
  const valued = (bar) => bar.tagName === 'PROGRESS' ? bar.hasAttribute('value')
    : bar.hasAttribute('aria-valuenow');
  const dialogs = (boxes) => all(DIALOGS).filter((d) => shown(d) && !within(d, boxes));
  // What a person would act on: the screen's headings and fields (not in a dialog nor an
  // interstitial), a few of each.
  const targets = (boxes) => {
    const outside = (el) => shown(el) && !closestOf(el, DIALOGS) && !within(el, boxes);
    return [...all('h1, h2, h3, [role="heading"]').filter(outside).slice(0, 3),
      ...all(FIELDS).filter(outside).slice(0, 3)];
  };
  // A dialog on view that a click would reach: it stands above whatever covers the page.
  const dialogAbove = () => all(DIALOGS).some((d) => shown(d) && onTop(d));
  const positioned = (el) => ['fixed', 'absolute'].includes(getComputedStyle(el).position);
  // The layers that cover the screen: over the middle of the window (most of it), or over
  // the middle of a heading or a field; whatever their role, hidden from assistive
  // technology or not, beneath a dialog that stays on view too (every element at the
  // point, not only the topmost). Not a dialog nor an interstitial (those are said
  // apart), nor the page's own frame (a layer that holds the screen).
  const coverers = (boxes) => {
    const screen = targets(boxes);
    const apart = (el) => !!closestOf(el, DIALOGS) || within(el, boxes);
    const found = new Set();
    const add = (layer) => {
      if (!layer || layer === document.body || layer === document.documentElement) return;
      if (apart(layer) || screen.some((t) => holds(layer, t))) return;
      found.add(layer);
    };
    const w = innerWidth, h = innerHeight;
    const large = (el) => {
      const r = el.getBoundingClientRect();
      const seen = Math.max(0, Math.min(r.right, w) - Math.max(r.left, 0))
        * Math.max(0, Math.min(r.bottom, h) - Math.max(r.top, 0));
      return seen >= w * h / 2;
    };
    if (dialogAbove()) {
      // A dialog's backdrop hides what is beneath it from hit tests: every fixed layer
      // over half the window or more, looked for one by one (only while a dialog is up).
      for (const el of all('*')) {
        if (getComputedStyle(el).position === 'fixed' && shown(el) && large(el)) add(el);
      }
    } else {
      // The middle of the window: the first element of the page proper there, and its
      // outermost positioned ancestor when that spreads over half the window or more.
      const first = document.elementsFromPoint(w / 2, h / 2).find((el) => !apart(el));
      let outer = null;
      for (let el = first; el && el !== document.body; el = up(el)) {
        if (positioned(el)) outer = el;
      }
      if (outer && large(outer)) add(outer);
    }
    for (const target of screen) {
      const r = target.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x >= w || y >= h) continue;
      // What stands above the target at its middle, dialogs and interstitials aside.
      for (const el of document.elementsFromPoint(x, y)) {
        if (holds(target, el) || holds(el, target)) break;
        if (apart(el)) continue;
        let layer = el;  // the outermost of it that does not hold the target
        while (up(layer) && up(layer) !== document.body && !holds(up(layer), target)) {
          layer = up(layer);
        }
        add(layer);
        break;
      }
    }
    return [...found];
  };
  const note = (pressed) => {
    const boxes = interstitials().map((i) => i.box);
    return {
      covers: coverers(boxes),
      pressed, boxes,
      named: !!nameOf(pressed), enabled: !pressed.disabled
        && pressed.getAttribute('aria-disabled') !== 'true',
      inDialog: !!closestOf(pressed, DIALOGS),
      view: view(boxes), lines: lines(boxes, pressed), valued: bars().filter(valued).length,
      dialogs: dialogs(boxes),
    };
  };
  const covered = (pressed, boxes, fresh) => {
    const r = pressed.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return false;
    const hit = hitAt(x, y);
    return !!hit && !holds(pressed, hit) && !holds(hit, pressed)
      && !fresh.some((d) => holds(d, hit));
  };
  // Busy as the page itself says it, whatever was pressed.
  const busyPage = (boxes) => all('[aria-busy="true"]')
    .some((el) => shown(el) && !within(el, boxes)) || bars().some((bar) => !valued(bar));
  // Once the screen has changed, only the page itself can still say it is busy: the
  // next screen may come with its own step bar, or a button (the same one) disabled.
  const busy = (before, boxes, fresh, changed) => {
    const pressed = before.pressed;
    if (busyPage(boxes)) return true;
    const now = bars();
    if (changed) return false;
    if (now.filter(valued).length > before.valued) return true;
    if (!shown(pressed)) return false;
    const off = pressed.disabled || pressed.getAttribute('aria-disabled') === 'true';
    if (before.enabled && off) return true;
    if (before.named && !nameOf(pressed)) return true;
    const spinner = '[role="progressbar"], [role="status"], [aria-busy="true"], progress';
    if (pressed.querySelector(spinner)
        || (pressed.shadowRoot && pressed.shadowRoot.querySelector(spinner))) return true;
    return covered(pressed, boxes, fresh);
  };
  // What the page shows now, against what it showed at the press: the answer, BUSY, or
  // null (nothing yet).
  const BUSY = {};
  const answer = (before, found) => {
    // A layer come over the screen since the press (a loader over the whole window, words
    // of its own or none): the step is on its way, unless a dialog stands above it (a
    // confirmation that stays). Its words are never the answer.
    const layers = coverers(found.map((i) => i.box)).filter((l) => !before.covers.includes(l));
    const boxes = [...found.map((i) => i.box), ...layers];
    if (layers.length && !dialogAbove()) return BUSY;
    const fresh = dialogs(boxes).filter((d) => !before.dialogs.includes(d));
    const changed = view(boxes) !== before.view;
    if (busy(before, boxes, fresh, changed)) return BUSY;
    const added = [...lines(boxes, before.pressed)].filter((l) => !before.lines.has(l));
    const text = fresh.length ? fresh.map((d) => squash(textOf(d))).join('\n')
      : added.join('\n');
    if (fresh.length) return {kind: 'said', by: 'dialog', text};
    if (changed) return {kind: 'moved', by: 'screen', text};
    if (added.length) return {kind: 'said', by: 'words', text};
    if (!shown(before.pressed)) return {kind: 'moved', by: 'control', text};
    return null;
  };
  let current = null;  // the watch of the last step pressed
  // `kind`: 'step' (a control pressed), 'aside' (a control in an interstitial), or
  // 'stray' (the pointer went down on no control, an interstitial on view).
  const watch = (before, token, kind) => {
    let done = false, answered = false, clicked = false, lost = false;
    const told = new Set();
    // Looked at once a frame, and as soon as the page is changed (a screen drawn in
    // place is seen then, not up to a frame later; changes inside shadow roots wait for
    // the frame).
    const changes = new MutationObserver(() => look());
    const finish = () => { done = true; changes.disconnect(); };
    const end = (value, last) => {
      if (done) return;
      say(config.says + 'answer:' + token + ':' + JSON.stringify(value));
      answered = true;
      if (last) finish();
    };
    const look = () => {
      if (done) return;
      forgetRoots();  // a component may have been drawn since the last look
      if (kind === 'aside') {
        if (!shown(before.pressed)) end({kind: 'moved', by: 'control', text: ''}, true);
        return;
      }
      // Said once each time it shows and a click would reach it (said again if reopened).
      const found = interstitials();
      const ready = found.filter((i) => i.answerable).map((i) => i.name);
      for (const name of ready) {
        if (!told.has(name)) say(config.says + 'aside:' + token + ':' + name);
      }
      told.clear();
      ready.forEach((name) => told.add(name));
      if (kind === 'stray') {
        // Nothing was pressed: once the interstitial is answered and the page quiet, the
        // press may be made again, even a final step's (no control had any of it).
        const boxes = found.map((i) => i.box);
        if (busyPage(boxes)) return;
        if (view(boxes) !== before.view) return end({kind: 'moved', by: 'screen', text: ''}, true);
        if (!found.length) end({kind: 'lost', by: 'nothing'}, true);
        return;
      }
      const value = answer(before, found);
      if (value === BUSY) return;
      if (value && !(value.by === 'control' && answered)) end(value, value.by !== 'control');
      if (!value && lost === true && !found.length) {
        lost = 'said';  // once: the robot may press again, or wait on
        say(config.says + 'answer:' + token + ':' + JSON.stringify({kind: 'lost', by: 'click'}));
      }
    };
    const onFrame = () => {
      if (done) return;
      look();
      requestAnimationFrame(onFrame);
    };
    requestAnimationFrame(onFrame);
    changes.observe(document, {subtree: true, childList: true, attributes: true,
                               characterData: true});
    setTimeout(finish, config.timeoutMs);  // the robot has stopped waiting
    return {stop: finish, done: () => done,
             leave: () => end({kind: 'leaving', by: 'load', text: ''}, true),
             // The first click after the press: on the pressed control, or lost.
             click: (path) => {
               if (clicked) return;
               clicked = true;
               lost = !path.includes(before.pressed);
             }};
  };
  window.addEventListener('pointerdown', (event) => {
    // The element itself, inside a shadow root if it is there (event.target, seen from
    // the window, is the shadow root's host).
    const [target] = event.composedPath();
    if (!event.isTrusted || !(target instanceof Element)) return;
    forgetRoots();
    // A label is its control's: a press on it is a press of that control.
    const control = closestOf(target, PRESSABLE + ', label');
    const token = Math.random().toString(36).slice(2);
    if (!control && interstitials().length) {
      // The pointer went down on no control while an interstitial is on view (its
      // backdrop, come between the robot's look and its press): nothing was pressed.
      say(config.says + 'pressed:' + token + ':stray');
      watch(note(target), token, 'stray');
      return;
    }
    // A click that lands on no control (an overlay) while a step is on its way presses
    // nothing: the step's watch goes on.
    if (!control && current && !current.done()) return;
    const pressed = control || target;
    // A press inside an interstitial is an aside: the step's own watch goes on.
    const aside = within(pressed, interstitials().map((i) => i.box));
    say(config.says + 'pressed:' + token + ':' + (aside ? 'aside' : 'step'));
    if (aside) {
      watch({pressed}, token, 'aside');
      return;
    }
    if (current) current.stop();
    current = watch(note(pressed), token, 'step');
  }, true);
  window.addEventListener('click', (event) => {
    if (event.isTrusted && current && !current.done()) current.click(event.composedPath());
  }, true);
  window.addEventListener('beforeunload', () => { if (current) current.leave(); });
}
