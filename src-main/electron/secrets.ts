/** The OS keychain behind SecretStore: Electron safeStorage, refused where it would be plain text. */
import { safeStorage } from 'electron';
import type { SecretBackend } from '../settings/secrets';

export const safeStorageBackend: SecretBackend = {
  availability() {
    if (!safeStorage.isEncryptionAvailable())
      return { ok: false, reason: 'this computer offers no encrypted secret storage.' };
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
      return {
        ok: false,
        reason:
          'on this Linux desktop there is no keyring (libsecret/kwallet), so the key would be stored as plain text.',
      };
    return { ok: true };
  },
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (cipher) => safeStorage.decryptString(cipher),
};
