// <replyreel-contact-form>: sends the block's plain HTML form with fetch and shows the
// answer inline. Without this script the form still posts to the app proxy.
class ReplyReelContactForm extends HTMLElement {
  connectedCallback() {
    this.form = this.querySelector("form");
    this.status = this.querySelector("[role=status]");
    this.onSubmit = this.onSubmit.bind(this);
    this.form.addEventListener("submit", this.onSubmit);
    this.newSubmission();
  }

  // One id per message: a retried or double-clicked submit carries the same id.
  newSubmission() {
    const field = this.form.elements.namedItem("submission_id");
    if (!field) return;
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    field.value = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  disconnectedCallback() {
    this.form.removeEventListener("submit", this.onSubmit);
    this.controller?.abort();
  }

  async onSubmit(event) {
    event.preventDefault();
    const form = this.form;
    const button = form.querySelector("[type=submit]");
    const controller = (this.controller = new AbortController());
    for (const field of form.querySelectorAll("[aria-invalid]")) {
      field.removeAttribute("aria-invalid");
    }
    this.show(this.dataset.sending, "sending");
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        headers: { Accept: "application/json" },
        // URL-encoded like the no-JavaScript post, so the proxy parses one format.
        body: new URLSearchParams(new FormData(form)),
        signal: controller.signal,
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        form.reset();
        this.newSubmission();
        // The shop's own text from the app's settings wins over the block setting.
        this.show((body.custom && body.message) || this.dataset.success || body.message, "success");
        return;
      }
      // Contract with the proxy route: a 400 body { errors: { <field name>: message } } marks those fields.
      for (const name of Object.keys(body.errors || {})) {
        form.elements.namedItem(name)?.setAttribute?.("aria-invalid", "true");
      }
      form.querySelector("[aria-invalid]")?.focus();
      const status = response.status;
      const key = status === 429 ? "rateLimited" : status === 400 || status === 413 ? "invalid" : "error";
      this.show(this.dataset[key], "error");
    } catch (error) {
      if (error.name !== "AbortError") this.show(this.dataset.error, "error");
    } finally {
      button.disabled = false;
    }
  }

  show(text, state) {
    this.status.textContent = text;
    this.status.dataset.state = state;
  }
}

if (!customElements.get("replyreel-contact-form")) {
  customElements.define("replyreel-contact-form", ReplyReelContactForm);
}
