// @ts-check
// First run: say what is sent where, and send nothing until the writer agrees.
(async () => {
  const T = globalThis.Tonkoll;
  T.localisePage();
  const settings = await T.loadSettings();
  const url = /** @type {HTMLElement} */ (document.getElementById("server-url"));
  url.textContent = settings.serverUrl;
  const status = /** @type {HTMLElement} */ (document.getElementById("status"));
  const show = (/** @type {boolean} */ consent) => {
    status.textContent = T.t(consent ? "consentGiven" : "consentNotGiven");
    document.body.dataset.consent = String(consent);
  };
  show(settings.consent);
  document.getElementById("agree")?.addEventListener("click", async () => {
    await T.saveSettings({ consent: true });
    show(true);
  });
  document.getElementById("decline")?.addEventListener("click", async () => {
    await T.saveSettings({ consent: false });
    show(false);
  });
})();
