/* Review controls on the event page: a reviewer's token kept in sessionStorage (this tab only), confirm, reject
   and a small edit form, all calling the JSON API. Messages are set with textContent. */
"use strict";
(function () {
  const TOKEN = "undeleted.token";
  const NAME = "undeleted.reviewer";
  const section = document.getElementById("review");
  if (!section) return;
  const eventId = section.dataset.eventId;
  const tokenForm = document.getElementById("token-form");
  const actions = document.getElementById("review-actions");
  const forget = document.getElementById("forget-token");
  const status = document.getElementById("review-status");
  const EDITABLE = ["type", "date_start", "date_end", "credibility", "summary"];
  const initial = {};
  for (const name of EDITABLE) initial[name] = document.getElementById(`edit-${name}`).value;

  function showState() {
    const token = sessionStorage.getItem(TOKEN);
    actions.hidden = !token;
    forget.hidden = !token;
    document.getElementById("review-token").required = !token;
    document.getElementById("review-name").value = sessionStorage.getItem(NAME) || "";
    section.dataset.state = token ? "token" : "no-token";
  }

  function say(message, problem) {
    status.textContent = message;
    status.className = problem ? "problem" : "";
  }

  async function send(method, path, body) {
    const headers = { "Authorization": `Bearer ${sessionStorage.getItem(TOKEN) || ""}`,
                      "Content-Type": "application/json" };
    const name = sessionStorage.getItem(NAME);
    if (name) headers["X-Reviewer"] = name;
    say("Saving…", false);
    try {
      const response = await fetch(`/api/events/${encodeURIComponent(eventId)}${path}`,
                                   { method, headers, body: JSON.stringify(body) });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        say(`Not saved (${response.status}): ${answer.error || response.statusText}`, true);
        if (response.status === 401) {
          sessionStorage.removeItem(TOKEN);
          showState();
        }
        return;
      }
      say("Saved.", false);
      window.location.reload();
    } catch (error) {
      say(`Not saved: ${error}`, true);
    }
  }

  function note() {
    const value = document.getElementById("review-note").value.trim();
    return value ? { note: value } : {};
  }

  tokenForm.addEventListener("submit", (submitted) => {
    submitted.preventDefault();
    const token = document.getElementById("review-token").value.trim();
    if (token) sessionStorage.setItem(TOKEN, token);
    const name = document.getElementById("review-name").value.trim();
    if (name) sessionStorage.setItem(NAME, name); else sessionStorage.removeItem(NAME);
    document.getElementById("review-token").value = "";
    showState();
    say(sessionStorage.getItem(TOKEN) ? "Token set for this tab." : "", false);
  });
  forget.addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN);
    showState();
    say("Token forgotten.", false);
  });
  document.getElementById("confirm").addEventListener("click", () => send("POST", "/confirm", note()));
  document.getElementById("reject").addEventListener("click", () => send("POST", "/reject", note()));
  document.getElementById("edit-form").addEventListener("submit", (submitted) => {
    submitted.preventDefault();
    const fields = {};
    for (const name of EDITABLE) {
      const value = document.getElementById(`edit-${name}`).value.trim();
      if (value !== initial[name]) fields[name] = value || null;
    }
    if (!Object.keys(fields).length) {
      say("Nothing changed.", false);
      return;
    }
    send("PATCH", "", { fields, ...note() });
  });
  showState();
})();
