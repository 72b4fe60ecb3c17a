/**
 * Scanning with the laptop's camera where the browser can read barcodes itself (BarcodeDetector:
 * Chromium on ChromeOS, Android and macOS). Where it cannot, nothing is rendered — no dead button.
 */
import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { IconCamera } from '@tabler/icons-react';
import { useScan } from './ScanProvider';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorCtor = new (opts?: { formats?: string[] }) => BarcodeDetectorLike;

function detectorClass(): BarcodeDetectorCtor | null {
  if (typeof window === 'undefined' || !('BarcodeDetector' in window)) return null;
  return (window as unknown as { BarcodeDetector: BarcodeDetectorCtor }).BarcodeDetector;
}

function CameraView({ onCode }: { onCode: (code: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<string | null>(null);
  const found = useRef(onCode);
  found.current = onCode;
  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return;
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    const detector = new Detector({ formats: ['ean_13', 'ean_8', 'upc_a', 'upc_e', 'code_128'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (!video.current || stopped) return;
        video.current.srcObject = s;
        await video.current.play();
        const tick = async () => {
          if (stopped || !video.current) return;
          const codes = await detector.detect(video.current).catch(() => [] as DetectedBarcode[]);
          const code = codes[0]?.rawValue;
          if (code) found.current(code);
          else timer = window.setTimeout(() => void tick(), 250);
        };
        void tick();
      })
      .catch(() =>
        setError('The camera could not be opened. Check that Aisle may use it, or use the barcode scanner.'),
      );
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  return (
    <Stack gap="sm">
      {error ? (
        <Text c="red" role="alert">
          {error}
        </Text>
      ) : (
        <video
          ref={video}
          muted
          playsInline
          style={{ width: '100%', borderRadius: 8, background: '#000' }}
          aria-label="Camera view"
        />
      )}
      <Text size="sm" c="dark.4">
        Hold the barcode steady in front of the camera.
      </Text>
    </Stack>
  );
}

export function CameraScanButton() {
  const { openCode } = useScan();
  const [open, setOpen] = useState(false);
  if (!detectorClass()) return null;
  return (
    <>
      <Tooltip label="Scan a barcode with the camera">
        <ActionIcon
          variant="default"
          size="lg"
          onClick={() => setOpen(true)}
          aria-label="Scan a barcode with the camera"
          data-testid="camera-scan"
        >
          <IconCamera size={18} />
        </ActionIcon>
      </Tooltip>
      <Modal opened={open} onClose={() => setOpen(false)} title={<Text fw={600}>Scan a barcode</Text>} centered>
        {open && (
          <CameraView
            onCode={(code) => {
              setOpen(false);
              void openCode(code);
            }}
          />
        )}
      </Modal>
    </>
  );
}
