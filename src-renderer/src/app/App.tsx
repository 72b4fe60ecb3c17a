/** Providers around the frame: Mantine (theme, notifications) and the API (transport + query cache). */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { QueryClient } from '@tanstack/react-query';
import { ApiProvider, type ApiClient } from '../api';
import { ScanProvider } from '../features/scan/ScanProvider';
import { AppFrame } from './AppFrame';
import { theme } from './theme';

export function App({ client, queryClient }: { client: ApiClient; queryClient: QueryClient }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" forceColorScheme="light">
      <Notifications position="bottom-right" />
      <ApiProvider client={client} queryClient={queryClient}>
        {/* a scanned barcode opens its product from any screen */}
        <ScanProvider>
          <AppFrame />
        </ScanProvider>
      </ApiProvider>
    </MantineProvider>
  );
}
