// Toolsmith web builder: the page's own script.
//
// Text fields (TsField) are owned by the browser: what the person typed is the truth. Each new text goes to the server as a
// change event of the field's hidden sink, through Blazor's own event queue, so it reaches the server before a click made
// after it; the server never writes a field back while it is typed in. A change the server makes itself (Format, a cleared form)
// is applied only if the field still holds the text the change was based on. Keys are handled here too: {{ suggestions with
// the arrow keys and Enter, Escape to close them, Ctrl+Enter to run the step.
window.toolsmith = (() => {
    let dirty = false;

    const elementOf = (id) => document.querySelector(`[data-ts-field="${CSS.escape(id)}"]`);

    // Tells the server the field's current text: a change event of the field's hidden sink (an element Blazor renders no
    // value for, so the event never makes it write a value back into anything).
    function report(el) {
        const wrapper = el.closest('.ts-field');
        const sink = wrapper && wrapper.querySelector(':scope > .ts-field-sink');
        if (sink) {
            sink.value = el.value;
            sink.dispatchEvent(new Event('change', { bubbles: true }));
            // Read at once (the event is handled as it is dispatched): the sink keeps no copy (a password's, for one).
            sink.value = '';
        }
    }

    // After a dropped connection, the texts typed meanwhile may not have arrived: each field says its text again (the
    // server ignores those it already has).
    function reportAll() {
        document.querySelectorAll('[data-ts-field]').forEach(report);
    }

    function suggestionList(el) {
        const list = el.parentElement && el.parentElement.querySelector(':scope > .ts-suggestions');
        return list && !list.hidden ? list : null;
    }

    function options(list) {
        return Array.from(list.querySelectorAll('[role="option"]'));
    }

    function setActive(el, list, index) {
        const all = options(list);
        all.forEach((o, i) => o.setAttribute('aria-selected', i === index ? 'true' : 'false'));
        if (all[index]) {
            el.setAttribute('aria-activedescendant', all[index].id);
            all[index].scrollIntoView({ block: 'nearest' });
        }
    }

    function activeIndex(list) {
        return options(list).findIndex((o) => o.getAttribute('aria-selected') === 'true');
    }

    // Closes the open {{ at the end of the text with the chosen path, here, so keys typed next land after it.
    function complete(el, path) {
        const text = el.value;
        const open = text.lastIndexOf('{{');
        el.value = open < 0 ? `${text}{{${path}}}` : text.slice(0, open) + '{{' + path + (path.endsWith('.') ? '' : '}}');
        el.focus();
        el.setSelectionRange(el.value.length, el.value.length);
        const list = suggestionList(el);
        if (list) {
            list.hidden = true;
        }
        el.removeAttribute('aria-activedescendant');
        report(el);
    }

    document.addEventListener('input', (event) => {
        const el = event.target;
        if (el && el.dataset && el.dataset.tsField !== undefined) {
            report(el);
        }
    }, true);

    document.addEventListener('keydown', (event) => {
        const el = event.target;
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            const card = el.closest && el.closest('.ts-step');
            const run = card && card.querySelector('[data-ts-run-step]');
            if (run && !run.disabled) {
                event.preventDefault();
                run.click();
            }
            return;
        }
        if (!el.dataset || el.dataset.tsField === undefined) {
            return;
        }
        const list = suggestionList(el);
        if (!list || options(list).length === 0) {
            return;
        }
        const count = options(list).length;
        const current = activeIndex(list);
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            const next = current < 0 ? (event.key === 'ArrowDown' ? 0 : count - 1) : (current + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
            setActive(el, list, next);
        } else if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey && current >= 0) {
            event.preventDefault();
            complete(el, options(list)[current].dataset.tsComplete);
        } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            list.hidden = true;
            el.removeAttribute('aria-activedescendant');
        }
    }, true);

    // A suggestion picked with the pointer: completed before the field loses the focus.
    document.addEventListener('mousedown', (event) => {
        const option = event.target.closest && event.target.closest('[data-ts-complete]');
        if (option) {
            event.preventDefault();
            const el = option.closest('.ts-field').querySelector('[data-ts-field]');
            complete(el, option.dataset.tsComplete);
        }
    }, true);

    window.addEventListener('beforeunload', (event) => {
        if (dirty) {
            event.preventDefault();
            event.returnValue = '';
        }
    });

    // The reconnection banner (App.razor) hears how the connection is doing; once it is back, the fields report again.
    document.addEventListener('DOMContentLoaded', () => {
        const banner = document.getElementById('components-reconnect-modal');
        if (banner) {
            banner.addEventListener('components-reconnect-state-changed', (event) => {
                if (event.detail && event.detail.state === 'hide') {
                    reportAll();
                }
            });
        }
    });

    return {
        setDirty(value) { dirty = !!value; },

        // The server changed the value (Format, a cleared form, a row shifted here): applied only if the field still shows
        // what the change was based on; else the person's text wins and is reported again.
        set(id, basedOn, value) {
            const el = elementOf(id);
            if (!el) {
                return;
            }
            if (basedOn === null || el.value === basedOn) {
                if (el.value !== value) {
                    el.value = value;
                    if (document.activeElement === el) {
                        el.setSelectionRange(value.length, value.length);
                    }
                }
            } else {
                report(el);
            }
        },

        // A dialog with text fields has shown: its first field takes the focus unless the focus is in the dialog already.
        focusDialog(marker) {
            const dialog = marker && marker.closest('.mud-dialog, [role="dialog"]');
            if (!dialog || dialog.contains(document.activeElement)) {
                return;
            }
            const first = dialog.querySelector('input:not([type="hidden"]):not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled])');
            if (first) {
                first.focus();
            }
        },

        // After a navigation: the page's heading takes the focus, unless the person already put it somewhere.
        focusHeading() {
            const focused = document.activeElement;
            if (focused && focused !== document.body) {
                return;
            }
            const heading = document.querySelector('main h1, h1');
            if (heading) {
                if (!heading.hasAttribute('tabindex')) {
                    heading.setAttribute('tabindex', '-1');
                }
                heading.focus();
            }
        },

        // After Run step: the step's result in view, just under the sticky page header, unless its start already shows with
        // room below it; the focus back on the step's Run step button when the run left it nowhere (a closed dialog).
        afterRun(path) {
            const card = document.querySelector(`[data-ts-path="${CSS.escape(path)}"]`);
            const result = card && card.querySelector('[data-ts-result]');
            if (!result) {
                return;
            }
            const header = document.querySelector('.ts-sticky-header');
            const top = header ? header.getBoundingClientRect().bottom + 8 : 8;
            const box = result.getBoundingClientRect();
            if (box.top < top || box.top > top + (window.innerHeight - top) * 0.35) {
                window.scrollBy({ top: box.top - top, behavior: 'instant' });
            }
            const focused = document.activeElement;
            if (!focused || focused === document.body || !document.body.contains(focused)) {
                const run = card.querySelector('[data-ts-run-step]');
                if (run) {
                    run.focus({ preventScroll: true });
                }
            }
        },

        // A problem's link: the focus on its field (the closest one the page shows: the field, its table, its step).
        focusPath(path) {
            let best = null;
            document.querySelectorAll('[data-ts-path]').forEach((el) => {
                const p = el.dataset.tsPath;
                if (p && (path === p || path.startsWith(p + '.') || path.startsWith(p + '[')) && (!best || p.length > best.dataset.tsPath.length)) {
                    best = el;
                }
            });
            if (!best) {
                return;
            }
            const target = best.matches('input, textarea, select, button') ? best : best.querySelector('input, textarea, select, button') || best;
            target.scrollIntoView({ block: 'center', behavior: 'instant' });
            target.focus({ preventScroll: true });
        },

        // Copies text to the clipboard; false when the browser refused.
        async copy(text) {
            try {
                await navigator.clipboard.writeText(text);
                return true;
            } catch {
                return false;
            }
        },
    };
})();
