/**
 * The Content-Security-Policy of the renderer, shared by the Electron window (header + meta) and the
 * loopback bridge. Scripts only from the app itself; no inline script, no eval; images only from the
 * app itself (feed pictures are copied locally: src-main/images) or data: (demo drawings), never a
 * remote host; connections only back to the app's own origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
