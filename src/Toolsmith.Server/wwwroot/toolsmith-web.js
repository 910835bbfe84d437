// Toolsmith web builder: asks before the tab closes or reloads while a tool has unsaved changes.
window.toolsmith = {
    dirty: false,
    setDirty(value) { window.toolsmith.dirty = !!value; },
};
window.addEventListener('beforeunload', (event) => {
    if (window.toolsmith.dirty) {
        event.preventDefault();
        event.returnValue = '';
    }
});
