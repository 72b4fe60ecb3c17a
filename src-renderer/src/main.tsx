/** Entry point: pick the transport (IPC in Electron, HTTP in browser mode), then render the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { App } from './app/App';
import { createApiClient, createQueryClient, pickTransport, SessionHolder } from './api';

const client = createApiClient(pickTransport(), new SessionHolder());
const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} queryClient={queryClient} />
  </StrictMode>,
);
