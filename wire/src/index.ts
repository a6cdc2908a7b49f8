// The wire contract: every value the chaincode and the gateway must agree on, written once.
export * from './callers';
export * from './error-codes';
export * from './formats';
export * from './limits';
export * from './vocabulary';
