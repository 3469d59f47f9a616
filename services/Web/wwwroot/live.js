// The live order page: every few seconds, fetch the server-rendered fragment and swap it in when the order has
// moved, until the order is settled. No framework and no open connection, only plain GETs (the site is reached
// through Dapr service invocation, which carries no WebSockets). Without JavaScript, the page's Refresh link does this.
(() => {
  const selector = '[data-live-url]';
  const first = document.querySelector(selector);
  if (!first) return;
  const interval = Number(first.dataset.liveInterval) || 2000;

  const tick = async () => {
    const current = document.querySelector(selector);
    if (!current || current.dataset.final === 'true') return;
    try {
      const response = await fetch(current.dataset.liveUrl, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      // A redirect means the sign-in ended: stop, and let the Refresh link take the user to sign in.
      if (response.redirected) return;
      if (response.ok) {
        const template = document.createElement('template');
        template.innerHTML = (await response.text()).trim();
        const next = template.content.querySelector(selector);
        if (next && next.dataset.liveVersion !== current.dataset.liveVersion) {
          current.replaceWith(next);
        }
      }
    } catch {
      // The network blinked: keep what is shown and look again at the next tick.
    }
    setTimeout(tick, interval);
  };
  setTimeout(tick, interval);
})();
