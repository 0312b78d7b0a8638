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
    if (field.getAttribute("aria-label")) return field;
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

  function labelWith(control, source) {
    if (!control || !source) return;
    if (source.tagName === "SELECT" || source.tagName === "TEXTAREA") {
      // The field names itself with aria-label (a tabular inline's): copy it.
      control.setAttribute("aria-label", source.getAttribute("aria-label"));
      return;
    }
    const ids = (control.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    if (!ids.includes(source.id)) {
      control.setAttribute("aria-labelledby", [source.id].concat(ids).join(" "));
    }
  }

  function nameControls() {
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
    document.querySelectorAll(".prose-editor").forEach(function (editor) {
      const box = editor.querySelector('[contenteditable="true"]');
      const source = nameOf(editor.querySelector("textarea"));
      if (box && source) {
        labelWith(box, source);
        box.setAttribute("aria-multiline", "true");
      }
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
