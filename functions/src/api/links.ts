// The dashboard's link to a publication, for /v0/publications' img_uri. Built
// from a deploy-time param, never from request headers (a forged
// X-Forwarded-Host or -Proto would be cached and served to everyone). Pure.

/**
 * From DASHBOARD_URL: empty gives links relative to the site serving the API
 * ("/?pub=..."; Hosting serves both); otherwise an http or https URL without
 * query, fragment or credentials. Anything else throws: a bad configuration
 * is an error when the instance starts, not a link served to clients.
 */
export function dashboardLinks(base: string): (pubKey: string) => string {
  const value = base.trim();
  let prefix = "";
  if (value !== "") {
    const problem = `DASHBOARD_URL must be empty or an http or https URL without query, fragment or credentials; got ${JSON.stringify(value.slice(0, 200))}`;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(problem);
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash || url.username || url.password) throw new Error(problem);
    prefix = url.href.replace(/\/+$/, "");
  }
  return (pubKey) => `${prefix}/?pub=${encodeURIComponent(pubKey)}`;
}
