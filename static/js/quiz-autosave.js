/*
 * The quiz answer form (quizzes/templates/quizzes/attempt.html): each choice is saved on the
 * server as the learner makes it (quizzes.views.save), so a reload, a lost signal or a switch of
 * apps keeps the answers. Without this file the form works as it is: Submit sends every answer.
 *
 * The server's copy is the truth: the page comes back with the saved choices ticked. Choices the
 * server has not confirmed yet are kept in this tab's sessionStorage, ticked again when the page
 * is opened again and sent again. One request at a time, carrying the newest choice of one
 * question; after a failure the next try waits longer each time (and as long as a 429 or 503
 * asks), so arrowing through a question's choices or a flaky signal sends a few requests, not a
 * burst. The server answers "kept" or "closed", never whether a choice is right.
 */
(() => {
  "use strict";

  const settingsElement = document.getElementById("quiz-autosave");
  const form = document.querySelector("form.quiz-form");
  const status = document.getElementById("quiz-save-status");
  if (!settingsElement || !form || !status || !window.fetch || !window.URLSearchParams) {
    return;
  }
  const settings = JSON.parse(settingsElement.textContent);
  const messages = settings.messages;
  const PREFIX = "q-"; // quizzes.services.FIELD_PREFIX: the answer fields' names
  const LONGEST_WAIT = 30000;
  const storageKey = `redflag-quiz-unsaved-${settings.attempt}`;
  const token = form.elements.namedItem("csrfmiddlewaretoken").value;

  let unsaved = readStorage(); // field name -> choice ids the server has not confirmed
  let sending = false;
  let failures = 0;
  let retryTimer = null;
  let stopped = false; // the attempt is closed, or the learner signed out: sending cannot help
  let submitting = false;

  function readStorage() {
    try {
      const kept = JSON.parse(window.sessionStorage.getItem(storageKey) || "{}");
      return kept && typeof kept === "object" && !Array.isArray(kept) ? kept : {};
    } catch (error) {
      return {}; // storage switched off: saving still works while the page stays open
    }
  }

  function writeStorage() {
    try {
      if (Object.keys(unsaved).length) {
        window.sessionStorage.setItem(storageKey, JSON.stringify(unsaved));
      } else {
        window.sessionStorage.removeItem(storageKey);
      }
    } catch (error) {
      // As above: nothing kept on the device, the server still gets each choice.
    }
  }

  function choiceInputs(name) {
    return Array.from(form.querySelectorAll("input[type=radio], input[type=checkbox]"))
      .filter((input) => input.name === name);
  }

  function chosen(name) {
    return choiceInputs(name).filter((input) => input.checked).map((input) => input.value);
  }

  function answeredCount() {
    const names = new Set();
    for (const input of form.querySelectorAll("input:checked")) {
      if (input.name.startsWith(PREFIX)) {
        names.add(input.name);
      }
    }
    return names.size;
  }

  function say(message, { problem = false, link = null } = {}) {
    status.classList.toggle("quiz-save-problem", problem);
    status.textContent = message;
    if (link) {
      const anchor = document.createElement("a");
      anchor.href = link.href;
      anchor.textContent = link.text;
      status.append(" ", anchor);
    }
  }

  function sayAllSaved() {
    say(messages.saved.replace("{answered}", String(answeredCount())));
  }

  function body(name, values) {
    const data = new URLSearchParams();
    data.append("csrfmiddlewaretoken", token);
    data.append("question", name.slice(PREFIX.length));
    for (const value of values) {
      data.append("choice", value);
    }
    return data;
  }

  function retryLater(message, askedSeconds) {
    failures += 1;
    say(message, { problem: true });
    const backoff = Math.min(LONGEST_WAIT, 1000 * 2 ** failures);
    const asked = Number.isFinite(askedSeconds) ? askedSeconds * 1000 : 0;
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(() => {
      retryTimer = null;
      send();
    }, Math.max(backoff, asked));
  }

  async function send() {
    if (sending || stopped || submitting) {
      return;
    }
    const name = Object.keys(unsaved)[0];
    if (name === undefined) {
      return;
    }
    const values = unsaved[name];
    sending = true;
    let response;
    try {
      response = await fetch(settings.url, {
        method: "POST",
        body: body(name, values),
        credentials: "same-origin",
        // A sign-in page is not a save: see it as the redirect it is.
        redirect: "manual",
      });
    } catch (error) {
      sending = false;
      retryLater(messages.offline);
      return;
    }
    sending = false;
    const settled = () => {
      // A newer choice for this question made meanwhile is still to be sent.
      if (unsaved[name] === values) {
        delete unsaved[name];
      }
      writeStorage();
    };
    if (response.status === 204) {
      failures = 0;
      settled();
      if (Object.keys(unsaved).length) {
        send();
      } else {
        sayAllSaved();
      }
    } else if (response.status === 409) {
      // Submitted in another tab, or the time ran out: the result page says what was scored.
      stopped = true;
      unsaved = {};
      writeStorage();
      const answer = await response.json().catch(() => ({}));
      say(messages.closed, {
        problem: true,
        link: answer.result_url ? { href: answer.result_url, text: messages.result } : null,
      });
    } else if (response.status === 400) {
      // Not one of this attempt's choices: sending it again would not change that.
      settled();
      say(messages.refused, { problem: true });
    } else if (response.type === "opaqueredirect" || response.status === 403) {
      // Signed out, or signed in again elsewhere (a new CSRF token): only a fresh page can save.
      stopped = true;
      say(messages.signed_out, { problem: true });
    } else {
      // 429, or 503 while the server is back in a moment: try again, no sooner than it asks.
      retryLater(messages.retrying, Number.parseInt(response.headers.get("Retry-After"), 10));
    }
  }

  // Choices this tab made that the server has not confirmed are newer than the page it sent.
  function restore() {
    for (const [name, values] of Object.entries(unsaved)) {
      const inputs = choiceInputs(name);
      if (!inputs.length || !Array.isArray(values)) {
        delete unsaved[name];
        continue;
      }
      for (const input of inputs) {
        input.checked = values.includes(input.value);
      }
    }
    writeStorage();
  }

  form.addEventListener("change", (event) => {
    const input = event.target;
    if (!input.name || !input.name.startsWith(PREFIX)) {
      return;
    }
    unsaved[input.name] = chosen(input.name);
    writeStorage();
    if (retryTimer === null) {
      send(); // while a retry waits, it takes this choice with it
    }
  });

  form.addEventListener("submit", () => {
    // The form carries every answer itself; a save landing after it would only be refused.
    submitting = true;
  });

  window.addEventListener("pageshow", (event) => {
    // Back from a submit that never arrived (offline): the page is live again.
    if (event.persisted) {
      submitting = false;
      send();
    }
  });

  window.addEventListener("online", () => {
    failures = 0;
    window.clearTimeout(retryTimer);
    retryTimer = null;
    send();
  });

  // Switching apps may freeze the page before a save returns: the browser sends these even so.
  // They stay in sessionStorage until a save that returns confirms them.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState !== "hidden" || stopped || submitting || !navigator.sendBeacon) {
      return;
    }
    for (const [name, values] of Object.entries(unsaved)) {
      navigator.sendBeacon(settings.url, body(name, values));
    }
  });

  restore();
  if (Object.keys(unsaved).length) {
    send();
  } else if (answeredCount()) {
    sayAllSaved();
  }
})();
