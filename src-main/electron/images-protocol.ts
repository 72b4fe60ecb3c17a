/**
 * Feed pictures in the desktop window: requests for file://…/renderer/images/<hash> are answered from
 * the image service (the same `read` the loopback bridge's /images/<hash> route uses); every other
 * file request goes to Electron's own file handler unchanged.
 */
import { net, protocol } from 'electron';
import { localImageHash } from '../images/file-url';
import type { ImageService } from '../images/service';

export function serveLocalImages(images: Pick<ImageService, 'read'>, rendererDir: string): void {
  protocol.handle('file', (request) => {
    const hash = localImageHash(request.url, rendererDir);
    if (hash === null) return net.fetch(request, { bypassCustomProtocolHandlers: true });
    const image = images.read(hash);
    if (!image) return new Response('No such picture here.', { status: 404 });
    return new Response(new Uint8Array(image.bytes), {
      headers: { 'content-type': image.contentType, 'x-content-type-options': 'nosniff' },
    });
  });
}
