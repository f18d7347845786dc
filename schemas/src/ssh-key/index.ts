/**
 * `@vibecode/schemas/ssh-key`: the one OpenSSH public-key parser, shared by the control plane (before it asks for
 * a key) and the gateway (before it writes authorized_keys). Runtime-neutral: no DOM or Node types.
 */
export { SSH_FINGERPRINT_PATTERN, sshFingerprint } from './fingerprint.ts';
export {
  MAX_PUBLIC_KEY_CHARS,
  parseSshPublicKey,
  SSH_KEY_ALGORITHMS,
  type SshKeyAlgorithm,
  type SshKeyError,
  type SshPublicKey,
} from './public-key.ts';
