"use strict";
// Django's autocomplete (Select2) and the story body's prose editor draw their
// own controls beside the form field they stand in for, and the field's <label>
// names only the hidden original: a screen reader meets an unnamed combobox or
// text box. Each drawn control is pointed at the label (or, in a tabular
// inline, the column heading) that names its field, and this is kept up as
// inline rows are added and dropdowns open.
(function () {
  function nameOf(field) {
    if (!field || !field.id) return null;
    let source = document.querySelector('label[for="' + CSS.escape(field.id) + '"]');
    const cell = field.closest("td");
    if (!source && cell) {
      // A tabular inline names its fields in the column headings.
      const table = cell.closest("table");
      const headings = table ? table.querySelectorAll("thead th") : [];
      source = headings[cell.cellIndex] || null;
    }
    if (source && !source.id) source.id = field.id + "-name";
    return source;
  }

  // The name comes first; Select2's own reference to the chosen value stays after it.
  function labelWith(control, source) {
    if (!control || !source) return;
    const ids = (control.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    if (ids[0] !== source.id) {
      const rest = ids.filter(function (id) { return id !== source.id; });
      control.setAttribute("aria-labelledby", [source.id].concat(rest).join(" "));
    }
  }

  function namePickers() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      const drawn = select.nextElementSibling;
      if (!drawn || !drawn.classList.contains("select2")) return;
      const source = nameOf(select);
      drawn.querySelectorAll(
        ".select2-selection, .select2-selection__rendered[role=textbox], .select2-search__field"
      ).forEach(function (control) {
        labelWith(control, source);
      });
      // Select2 names the list it opens with aria-owns; ARIA 1.2 comboboxes need aria-controls.
      const combobox = drawn.querySelector(".select2-selection");
      const owns = combobox && combobox.getAttribute("aria-owns");
      if (owns && combobox.getAttribute("aria-controls") !== owns) {
        combobox.setAttribute("aria-controls", owns);
      } else if (combobox && !owns && combobox.hasAttribute("aria-controls")) {
        combobox.removeAttribute("aria-controls");  // the list has closed
      }
    });
    // An open dropdown's search box says which results it controls: select2-<id>-results.
    document.querySelectorAll(".select2-dropdown .select2-search__field").forEach(function (search) {
      const match = /^select2-(.+)-results$/.exec(search.getAttribute("aria-controls") || "");
      if (match) labelWith(search, nameOf(document.getElementById(match[1])));
    });
    // A multiple picker puts its "remove all" cross straight into a <ul>, where
    // only list items may stand; an item holds it instead (Select2 finds it by class).
    document.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear").forEach(
      function (cross) {
        const item = document.createElement("li");
        item.className = "select2-selection__clear-item";
        item.setAttribute("aria-hidden", "true");  // a mouse shortcut; keys remove one by one
        cross.replaceWith(item);
        item.append(cross);
      }
    );
  }

  function nameEditors() {
    document.querySelectorAll(".prose-editor").forEach(function (editor) {
      const box = editor.querySelector('[contenteditable="true"]');
      const source = nameOf(editor.querySelector("textarea"));
      if (box && source) {
        labelWith(box, source);
        if (!box.hasAttribute("aria-multiline")) box.setAttribute("aria-multiline", "true");
      }
    });
  }

  // Changes come in bursts (a keystroke in the editor, a list of results drawn):
  // name the controls once per frame, not once per change.
  let queued = false;
  function nameControls() {
    if (queued) return;
    queued = true;
    requestAnimationFrame(function () {
      queued = false;
      namePickers();
      nameEditors();
    });
  }

  new MutationObserver(nameControls).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["aria-owns"],
  });
  document.addEventListener("DOMContentLoaded", nameControls);
})();
