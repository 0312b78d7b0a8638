"use strict";
// The story's tags as chips, with the tags already in use suggested as you type
// (editorial/admin/tag_widget.py draws the markup this starts from).
//
// The form still sends one text value for taggit to parse on the server: this
// keeps it up to date in taggit's own quoting (a name with a comma or a space goes
// in double quotes), so what the chips show is what is saved, and the server
// validates as it always has. Names are only ever set as text, never as HTML.
(function () {
  const SHOWN = 8; // suggestions listed at once

  // taggit.utils._parse_tags, step for step, so the chips start as the server reads the value.
  function splitStrip(text, delimiter) {
    return text.split(delimiter).map(function (word) { return word.trim(); }).filter(Boolean);
  }

  function parseTags(text) {
    if (!text) return [];
    if (text.indexOf(",") < 0 && text.indexOf('"') < 0) {
      return Array.from(new Set(splitStrip(text, " "))).sort();
    }
    const words = [];
    const toBeSplit = [];
    let buffer = "";
    let sawLooseComma = false;
    let openQuote = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (openQuote) {
        if (c === '"') {
          if (buffer.trim()) words.push(buffer.trim());
          buffer = "";
          openQuote = false;
        } else {
          buffer += c;
        }
      } else if (c === '"') {
        if (buffer) toBeSplit.push(buffer);
        buffer = "";
        openQuote = true;
      } else {
        if (c === ",") sawLooseComma = true;
        buffer += c;
      }
    }
    if (buffer) {
      if (openQuote && buffer.indexOf(",") >= 0) sawLooseComma = true;
      toBeSplit.push(buffer);
    }
    const delimiter = sawLooseComma ? "," : " ";
    toBeSplit.forEach(function (chunk) { words.push.apply(words, splitStrip(chunk, delimiter)); });
    return Array.from(new Set(words)).sort();
  }

  // taggit.utils._edit_string_for_tags, in the chips' order.
  function editString(names) {
    return names.map(function (name) {
      return name.indexOf(",") >= 0 || name.indexOf(" ") >= 0 ? '"' + name + '"' : name;
    }).join(", ");
  }

  // A name as typed: taggit has no way to keep a double quote inside a name.
  function cleanName(text) {
    return text.replace(/"/g, "").replace(/\s+/g, " ").trim();
  }

  // Commas end a tag, except inside double quotes: '"Ærø, Øst", co-op' is two.
  function splitTyped(text) {
    const done = [];
    let start = 0;
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '"') quoted = !quoted;
      else if (text[i] === "," && !quoted) {
        done.push(text.slice(start, i));
        start = i + 1;
      }
    }
    return { done: done, rest: text.slice(start) };
  }

  function folded(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setUp(root, index) {
    const value = root.querySelector("input");
    const known = Array.from(root.querySelectorAll(".tag-chips-known li"), function (item) {
      return item.textContent;
    });
    const knownByFold = new Map();
    known.forEach(function (name) {
      if (!knownByFold.has(name.toLowerCase())) knownByFold.set(name.toLowerCase(), name);
    });
    const id = value.id || "tag-chips-" + index;
    const chips = [];

    const list = document.createElement("ul");
    list.className = "tag-chips-list";
    list.setAttribute("aria-label", "Tags chosen");
    const input = document.createElement("input");
    input.type = "text";
    input.className = "tag-chips-input";
    input.autocomplete = "off";
    input.maxLength = value.maxLength > 0 ? value.maxLength : 1000;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "_suggestions");
    ["aria-describedby", "aria-invalid", "placeholder"].forEach(function (name) {
      if (value.hasAttribute(name)) input.setAttribute(name, value.getAttribute(name));
    });
    const box = document.createElement("div");
    box.className = "tag-chips-box";
    box.append(list, input);
    const listbox = document.createElement("ul");
    listbox.className = "tag-chips-suggestions";
    listbox.id = id + "_suggestions";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Tags already in use");
    listbox.hidden = true;
    const status = document.createElement("span");
    status.className = "tag-chips-status";
    status.setAttribute("role", "status");

    // The typing box takes the field's id, so the field's <label> names and focuses it.
    value.id = id + "_value";
    input.id = id;
    value.type = "hidden";
    const shown = root.querySelector(".tag-chips-known");
    if (shown) shown.hidden = true;
    root.append(box, listbox, status);

    let options = []; // names in the listbox now
    let active = -1;

    function has(name) {
      const lower = name.toLowerCase();
      return chips.some(function (chip) { return chip.toLowerCase() === lower; });
    }

    function sync() {
      const pending = cleanName(splitTyped(input.value).rest);
      const names = pending && !has(pending) ? chips.concat([pending]) : chips;
      value.value = editString(names);
    }

    function say(message) {
      status.textContent = message;
    }

    function drawChip(name) {
      const item = document.createElement("li");
      item.className = "tag-chip";
      const label = document.createElement("span");
      label.className = "tag-chip-name";
      label.textContent = name;
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "tag-chip-remove";
      remove.textContent = "×";
      remove.setAttribute("aria-label", "Remove tag " + name);
      remove.addEventListener("click", function () {
        removeChip(chips.indexOf(name));
        input.focus();
      });
      item.append(label, remove);
      list.append(item);
    }

    // Adds a tag in the spelling already in use, once, whatever its case.
    function add(text) {
      const cleaned = cleanName(text);
      if (!cleaned) return;
      const name = knownByFold.get(cleaned.toLowerCase()) || cleaned;
      if (has(name)) {
        say("Tag " + name + " is already chosen");
        return;
      }
      chips.push(name);
      drawChip(name);
      say("Added tag " + name);
    }

    function removeChip(position) {
      if (position < 0) return;
      const name = chips.splice(position, 1)[0];
      list.children[position].remove();
      sync();
      say("Removed tag " + name);
    }

    function close() {
      listbox.hidden = true;
      listbox.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      options = [];
      active = -1;
    }

    function highlight(position) {
      active = position;
      Array.from(listbox.children).forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      if (active < 0) {
        input.removeAttribute("aria-activedescendant");
      } else {
        input.setAttribute("aria-activedescendant", listbox.children[active].id);
        listbox.children[active].scrollIntoView({ block: "nearest" });
      }
    }

    // Names starting with what is typed first, then names containing it, the most used first.
    function suggest() {
      const typed = folded(cleanName(splitTyped(input.value).rest));
      const free = known.filter(function (name) { return !has(name); });
      const starting = free.filter(function (name) { return folded(name).startsWith(typed); });
      const containing = typed ? free.filter(function (name) {
        return !folded(name).startsWith(typed) && folded(name).indexOf(typed) >= 0;
      }) : [];
      options = starting.concat(containing).slice(0, SHOWN);
      listbox.replaceChildren();
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!options.length) {
        close();
        return;
      }
      options.forEach(function (name, i) {
        const option = document.createElement("li");
        option.id = listbox.id + "-" + i;
        option.className = "tag-chips-option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = name;
        // Pressing on an option would move focus off the typing box before the click.
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(name); });
        listbox.append(option);
      });
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function choose(name) {
      add(name);
      input.value = "";
      sync();
      close();
      input.focus();
    }

    function commitTyped() {
      const parts = splitTyped(input.value);
      parts.done.forEach(add);
      return parts.rest;
    }

    input.addEventListener("input", function () {
      // A comma (typed or pasted) ends each tag before it; the rest is still being typed.
      if (splitTyped(input.value).done.length) input.value = commitTyped();
      sync();
      if (cleanName(input.value)) suggest();
      else close();
    });

    input.addEventListener("keydown", function (event) {
      const open = !listbox.hidden;
      const unclosedQuote = (input.value.match(/"/g) || []).length % 2 === 1;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!open) {
          suggest();
          if (!options.length) return;
        }
        // Past either end, back to the typing box (no option highlighted), then round.
        let next = active + (event.key === "ArrowDown" ? 1 : -1);
        if (next >= options.length) next = -1;
        else if (next < -1) next = options.length - 1;
        highlight(next);
      } else if (event.key === "Enter" || (event.key === "," && !unclosedQuote && active >= 0)) {
        if (open && active >= 0) {
          event.preventDefault();
          choose(options[active]);
        } else if (event.key === "Enter" && cleanName(input.value)) {
          // Enter adds the tag typed; it saves the form only from an empty box.
          event.preventDefault();
          add(input.value);
          input.value = "";
          sync();
          close();
        }
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      } else if (event.key === "Backspace" && input.value === "" && chips.length) {
        event.preventDefault();
        removeChip(chips.length - 1);
      }
    });

    input.addEventListener("blur", close);
    box.addEventListener("click", function (event) {
      if (event.target === box || event.target === list) input.focus();
    });

    parseTags(value.value).forEach(function (name) {
      if (!has(name)) {
        chips.push(name);
        drawChip(name);
      }
    });
    sync();
    say("");
  }

  function start() {
    document.querySelectorAll("[data-tag-chips]").forEach(setUp);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
