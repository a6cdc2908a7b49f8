// Sizes both sides enforce: the gateway refuses an oversized request before endorsement, the chaincode again.
export const MAX_INVOICES = 100;
export const MAX_BATCH_ITEMS = 500;
export const MIN_SPLIT_PARTS = 2;
export const MAX_SPLIT_PARTS = 50;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;
/** Page cursors are the state database's bookmarks, passed through opaque. */
export const MAX_CURSOR_LENGTH = 2048;
export const MAX_REASON_LENGTH = 500;
export const MAX_LEGAL_NAME_LENGTH = 200;
