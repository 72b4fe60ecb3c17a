/**
 * The product in the customer's hand, from anywhere in the app. A barcode scanner types like a
 * keyboard (wedge.ts tells it from a person by timing); a scan opens the product — its sizes and
 * colours with stock here and in the other stores — and, while a consultation is open, hands it to the
 * consultation as "this" (useInHandScan). A GTIN typed into the chat or the catalog search goes the
 * same way (useScan().openCode). Where the browser can read barcodes from the camera
 * (BarcodeDetector: Chromium on ChromeOS, Android, macOS) a camera button appears; elsewhere it does not.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Drawer, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { CodeLookup } from '../../../../src-main/contract';
import { useApi } from '../../api';
import { ProductDetailLoader } from '../catalog/ProductDetail';
import { WedgeReader } from './wedge';

export type CodeMatch = NonNullable<CodeLookup['match']>;

interface ScanApi {
  /** look a code up and open what it names (or say it is unknown) */
  openCode: (code: string) => Promise<void>;
  /** the consultation on screen takes scanned products as "in hand"; returns the unregister function */
  registerInHand: (handler: (m: CodeMatch) => void) => () => void;
  /** any scan by the wedge scanner, before it is looked up */
  registerScanned: (handler: (code: string) => void) => () => void;
}

const ScanContext = createContext<ScanApi | null>(null);

export function useScan(): ScanApi {
  const v = useContext(ScanContext);
  if (!v) throw new Error('useScan() outside <ScanProvider>');
  return v;
}

/** While mounted, every scanned product is also handed to `handler` (the open consultation). */
export function useInHandScan(handler: (m: CodeMatch) => void): void {
  const { registerInHand } = useScan();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => registerInHand((m) => ref.current(m)), [registerInHand]);
}

/**
 * While mounted, `handler` hears of every scan, known code or not: a page whose search box the
 * scanner typed into clears its own state (its box may follow the URL, so editing the box is not enough).
 */
export function useScanned(handler: (code: string) => void): void {
  const { registerScanned } = useScan();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => registerScanned((c) => ref.current(c)), [registerScanned]);
}

function isTextBox(el: EventTarget | null): el is HTMLInputElement | HTMLTextAreaElement {
  return (
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement && /^(text|search|tel|url|email|number|)$/.test(el.type))
  );
}

/** Takes the scanned characters back out of the text box they were typed into, the way React sees it. */
function removeTail(el: HTMLInputElement | HTMLTextAreaElement, code: string): void {
  if (!el.value.endsWith(code)) return;
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, el.value.slice(0, -code.length));
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

export function ScanProvider({ children }: { children: ReactNode }) {
  const { client } = useApi();
  const [open, setOpen] = useState<CodeMatch | null>(null);
  const handlers = useRef(new Set<(m: CodeMatch) => void>());
  const scanned = useRef(new Set<(code: string) => void>());

  const openCode = useCallback(
    async (code: string) => {
      try {
        const r = await client.call('catalog.lookupCode', { code });
        if (!r.match) {
          notifications.show({
            color: 'orange',
            title: 'Unknown code',
            message: r.message ?? `No product with the code ${code}.`,
            autoClose: 8000,
          });
          return;
        }
        const match = r.match;
        setOpen(match);
        for (const h of handlers.current) h(match);
      } catch (e) {
        notifications.show({
          color: 'red',
          title: 'Could not look up the code',
          message: e instanceof Error ? e.message : String(e),
        });
      }
    },
    [client],
  );

  useEffect(() => {
    const reader = new WedgeReader();
    // capture phase: the Enter that ends a scan must not also send the chat message it was typed into
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
      const code = reader.push(e.key, e.timeStamp);
      if (!code) return;
      e.preventDefault();
      e.stopPropagation();
      if (isTextBox(e.target)) {
        removeTail(e.target, code);
      }
      for (const h of scanned.current) h(code);
      void openCode(code);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [openCode]);

  const registerInHand = useCallback((h: (m: CodeMatch) => void) => {
    handlers.current.add(h);
    return () => void handlers.current.delete(h);
  }, []);
  const registerScanned = useCallback((h: (code: string) => void) => {
    scanned.current.add(h);
    return () => void scanned.current.delete(h);
  }, []);
  const api = useMemo(
    () => ({ openCode, registerInHand, registerScanned }),
    [openCode, registerInHand, registerScanned],
  );

  return (
    <ScanContext.Provider value={api}>
      {children}
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="xl"
        title={
          <Text fw={700} data-testid="scanned-title">
            Scanned:{' '}
            {open ? `${open.title}${open.size ? ` · ${open.size}` : ''}${open.color ? ` · ${open.color}` : ''}` : ''}
          </Text>
        }
        closeButtonProps={{ 'aria-label': 'Close the scanned product' }}
      >
        {open && <ProductDetailLoader productId={open.productId} />}
      </Drawer>
    </ScanContext.Provider>
  );
}
