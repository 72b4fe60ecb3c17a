/**
 * A product's picture: the local copy main hands us (feed pictures are copied into the data folder),
 * a demo drawing, or — when there is none yet or it cannot be read — a quiet placeholder, never the
 * browser's broken-image icon.
 */
import { useState } from 'react';
import { Center, Image, Stack, Text } from '@mantine/core';
import { IconPhoto } from '@tabler/icons-react';

interface ProductPictureProps {
  src: string | null;
  alt: string;
  fit?: 'contain' | 'cover';
}

export function ProductPicture({ src, alt, fit = 'contain' }: ProductPictureProps) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  if (src && src !== failedSrc) {
    return <Image src={src} alt={alt} h="100%" w="100%" fit={fit} onError={() => setFailedSrc(src)} />;
  }
  return (
    <Center h="100%" w="100%" bg="gray.0" data-testid="picture-placeholder">
      <Stack gap={4} align="center">
        <IconPhoto size={28} stroke={1.4} color="var(--mantine-color-gray-5)" aria-hidden />
        <Text size="xs" c="gray.7">
          No picture yet
        </Text>
      </Stack>
    </Center>
  );
}
