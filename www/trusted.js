// The page's one Trusted Types policy. Under its security policy
// (require-trusted-types-for 'script', in browsers that have Trusted Types) a script's
// address must be a TrustedScriptURL: the service worker's and the Web Workers'. This
// policy makes one only of the page's own scripts, and nothing else on the page may make
// any (its CSP names this policy alone). Without Trusted Types, the address as it is.

const own = new URL('..', import.meta.url).href;

const policy = window.trustedTypes?.createPolicy('page-scripts', {
  createScriptURL(url) {
    const href = new URL(url, location.href).href;
    if (!href.startsWith(own) || !/\.js$/.test(new URL(href).pathname)) {
      throw new TypeError(`not one of the page's scripts: ${href}`);
    }
    return href;
  },
});

/** `url` (one of the page's own scripts) as a script's address may be given. */
export const scriptURL = (url) => (policy ? policy.createScriptURL(String(url)) : url);
