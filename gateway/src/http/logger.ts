// The process logger: JSON lines via pino, with credentials redacted wherever they appear.
import pino from 'pino';
import type { Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'headers.authorization',
  '*.token',
  '*.jwt',
  '*.secret',
  '*.privateKey',
  '*.password',
];

export const createLogger = (level: string): Logger =>
  pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
