// The web app's only script (vendored, no build step): drag-and-drop upload with progress until the document is
// parsed, and a document page that refreshes itself while its document is being parsed. Everything works without it.
(function () {
  "use strict";

  function poll(id, onStatus) {
    var tries = 0;
    function once() {
      var xhr = new XMLHttpRequest();
      xhr.open("GET", "/documents/" + id);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.onload = function () {
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
        var status = xhr.status === 200 ? body.status : "error";
        if (onStatus(status, body) && tries++ < 600) { setTimeout(once, 700); }
      };
      xhr.onerror = function () { onStatus("error", {}); };
      xhr.send();
    }
    once();
  }

  function setupUpload() {
    var form = document.getElementById("upload-form");
    if (!form) { return; }
    var drop = document.getElementById("drop");
    var input = document.getElementById("file");
    var box = document.getElementById("upload-status");
    var text = document.getElementById("upload-text");
    var bar = document.getElementById("upload-progress");

    function say(message, value) {
      box.hidden = false;
      text.textContent = message;
      if (value !== null) { bar.value = value; }
    }

    function send(file) {
      if (!file) { return; }
      var data = new FormData();
      data.append("file", file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", "/documents");
      xhr.setRequestHeader("X-CSRF-Token", form.getAttribute("data-csrf"));
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) { say("Uploading " + file.name + "…", Math.round(50 * e.loaded / e.total)); }
      };
      xhr.onload = function () {
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = {}; }
        if (xhr.status !== 202) {
          say("Not uploaded: " + (body.detail || ("the server answered " + xhr.status)), 0);
          return;
        }
        say("Uploaded; waiting to be read…", 55);
        poll(body.id, function (status, doc) {
          if (status === "queued") { say("Uploaded; waiting to be read…", 60); return true; }
          if (status === "parsing") { say("Reading the document…", 80); return true; }
          var link = document.createElement("a");
          link.href = "/ui/documents/" + body.id;
          if (status === "parsed") {
            say("Read: ", 100);
            link.textContent = "open " + (doc.filename || file.name) + " and check its fields";
          } else {
            say("It could not be read" + (doc.error_message ? ": " + doc.error_message : "") + ". ", 100);
            link.textContent = "see the document";
          }
          text.appendChild(link);
          link.focus();
          return false;
        });
      };
      xhr.onerror = function () { say("Not uploaded: the connection failed.", 0); };
      say("Uploading " + file.name + "…", 0);
      xhr.send(data);
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      send(input.files[0]);
    });
    ["dragenter", "dragover"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) { send(e.dataTransfer.files[0]); }
    });
  }

  function setupStatus() {
    var el = document.getElementById("doc-status");
    if (!el) { return; }
    var status = el.getAttribute("data-status");
    if (status !== "queued" && status !== "parsing") { return; }
    poll(el.getAttribute("data-id"), function (now) {
      el.textContent = now;
      if (now === "queued" || now === "parsing") { return true; }
      window.location.reload();
      return false;
    });
  }

  // Confirm, correct and undo in place: the form posts as usual, and the field's new state (with the verdict
  // before and after) replaces the old one without leaving the page. A refusal is shown as a page of its own.
  function setupFields(root) {
    root.querySelectorAll("li.field form").forEach(function (form) {
      form.addEventListener("submit", function (e) {
        e.preventDefault();
        var item = form.closest("li.field");
        var buttons = form.querySelectorAll("button");
        buttons.forEach(function (b) { b.disabled = true; });
        fetch(form.getAttribute("action"), { method: "POST", body: new FormData(form), credentials: "same-origin" })
          .then(function (resp) {
            return resp.text().then(function (html) { return { ok: resp.ok, html: html }; });
          })
          .then(function (got) {
            var page = new DOMParser().parseFromString(got.html, "text/html");
            var fresh = got.ok ? page.getElementById(item.id) : null;
            if (!fresh) {
              HTMLFormElement.prototype.submit.call(form);  // show the refusal as a page
              return;
            }
            document.querySelectorAll("main > .flash, .flash.inline").forEach(function (old) { old.remove(); });
            var flash = page.querySelector("main > .flash");
            item.replaceWith(fresh);
            setupFields(fresh);
            if (flash) {
              flash.classList.add("inline");
              flash.setAttribute("tabindex", "-1");
              fresh.insertBefore(flash, fresh.firstChild);
              flash.focus();
            }
          })
          .catch(function () { HTMLFormElement.prototype.submit.call(form); });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupUpload();
    setupStatus();
    setupFields(document);
  });
})();
