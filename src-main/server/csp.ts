/**
 * The Content-Security-Policy of the renderer, shared by the Electron window (header + meta) and the
 * loopback bridge. Scripts only from the app itself; no inline script, no eval; images may be data:
 * (demo drawings) or https (a retailer's CDN); connections only back to the app's own origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
