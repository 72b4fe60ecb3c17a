/** Which bytes count as a picture, and which file URLs the Electron window answers from the image store. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sniffImageType } from '../../../src-main/images/fetch-image';
import { localImageHash } from '../../../src-main/images/file-url';

const bytes = (...xs: (number | string)[]) =>
  new Uint8Array(xs.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));

describe('sniffImageType', () => {
  it('knows the raster formats a product photo comes in', () => {
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffImageType(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('image/png');
    expect(sniffImageType(bytes('GIF89a'))).toBe('image/gif');
    expect(sniffImageType(bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(bytes(0, 0, 0, 0x1c, 'ftypavif'))).toBe('image/avif');
  });
  it('refuses HTML, SVG (it can carry script) and empty bodies', () => {
    expect(sniffImageType(bytes('<!doctype html>'))).toBeNull();
    expect(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(sniffImageType(bytes())).toBeNull();
  });
});

describe('localImageHash', () => {
  const renderer = path.resolve('/opt/aisle/resources/app/out/renderer');
  const hash = 'ab'.repeat(32);
  it('reads the hash of a picture address under the renderer folder', () => {
    expect(localImageHash(pathToFileURL(path.join(renderer, 'images', hash)).href, renderer)).toBe(hash);
  });
  it('passes every other file through (the app itself, other folders, traversal)', () => {
    expect(localImageHash(pathToFileURL(path.join(renderer, 'index.html')).href, renderer)).toBeNull();
    expect(localImageHash(pathToFileURL(path.join(renderer, 'images', 'x', hash)).href, renderer)).toBeNull();
    expect(
      localImageHash(pathToFileURL(path.join(renderer, 'images', '..', '..', 'secrets.json')).href, renderer),
    ).toBeNull();
    expect(localImageHash('https://cdn.example.com/a.png', renderer)).toBeNull();
  });
});
