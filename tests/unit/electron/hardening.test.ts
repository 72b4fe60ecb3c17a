import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../src-main/electron/window-options';
import { isAllowedExternalUrl, isSameAppUrl } from '../../../src-main/electron/navigation';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/server/csp';

describe('the window factory follows the Electron security checklist', () => {
  const packaged = mainWindowOptions('/app/out/preload/index.cjs', { packaged: true });
  const dev = mainWindowOptions('/app/out/preload/index.cjs', { packaged: false });
  const wp = packaged.webPreferences!;
  it('isolates the page from Node', () => {
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
  });
  it('keeps web security on and risky features off', () => {
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.experimentalFeatures).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect(wp.navigateOnDragDrop).toBe(false);
  });
  it('uses the bundled CommonJS preload (a sandboxed preload cannot be an ES module)', () => {
    expect(wp.preload).toMatch(/\.cjs$/);
  });
  it('has no dev tools in packaged builds', () => {
    expect(wp.devTools).toBe(false);
    expect(dev.webPreferences!.devTools).toBe(true);
  });
});

describe('external links', () => {
  it('opens only http(s) links to allowed hosts', () => {
    const allowed = ['help.aisle.example', 'retailer.example'];
    expect(isAllowedExternalUrl('https://help.aisle.example/doctor', allowed)).toBe(true);
    expect(isAllowedExternalUrl('https://shop.retailer.example/p/1', allowed)).toBe(true);
    expect(isAllowedExternalUrl('http://retailer.example', allowed)).toBe(true);
  });
  it('refuses other schemes, other hosts and look-alikes', () => {
    const allowed = ['retailer.example'];
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://retailer.example/share',
      'ms-msdt:/id PCWDiagnostic',
      'https://evil.example',
      'https://retailer.example.evil.example/',
      'https://evilretailer.example/',
      'https://user:pass@retailer.example/',
      'not a url',
    ])
      expect(isAllowedExternalUrl(url, allowed), url).toBe(false);
  });
  it('allows in-app navigation only to the app page itself', () => {
    const app = 'file:///opt/Aisle/resources/app.asar/out/renderer/index.html';
    expect(isSameAppUrl(app + '#/catalog', app)).toBe(true);
    expect(isSameAppUrl('https://evil.example/', app)).toBe(false);
    expect(isSameAppUrl('file:///etc/passwd', app)).toBe(false);
  });
});

describe('the Content-Security-Policy', () => {
  const directives = Object.fromEntries(
    CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k, v]),
  );
  it('allows scripts only from the app, with no inline script and no eval', () => {
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives['script-src']).not.toContain("'unsafe-inline'");
  });
  it('lets the page talk only to its own origin and never be framed', () => {
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
  });
  it('shows pictures only from the app itself (feed pictures are copied locally) or data:, never a remote host', () => {
    expect(directives['img-src']).toEqual(["'self'", 'data:']);
  });
  it('is the same policy in the renderer page meta tag (frame-ancestors aside)', async () => {
    const fs = await import('node:fs');
    const html = fs.readFileSync('src-renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(meta).toContain("img-src 'self' data:;");
    expect(meta).not.toMatch(/https:|http:/);
  });
});
