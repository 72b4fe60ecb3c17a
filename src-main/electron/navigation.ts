/**
 * The app never navigates away from itself and never opens windows. The only way out is a link the
 * OS browser opens, and only for http(s) URLs on hosts IT allows (help pages, the retailer's site).
 */
export const DEFAULT_EXTERNAL_HOSTS = ['aisle.example.com'];

export function isAllowedExternalUrl(raw: string, allowedHosts: readonly string[] = DEFAULT_EXTERNAL_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return allowedHosts.some((h) => host === h.toLowerCase() || host.endsWith('.' + h.toLowerCase()));
}

/** In-app navigation is allowed only to the page the window was opened on (reloads). */
export function isSameAppUrl(target: string, appUrl: string): boolean {
  try {
    const a = new URL(target);
    const b = new URL(appUrl);
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
  } catch {
    return false;
  }
}
