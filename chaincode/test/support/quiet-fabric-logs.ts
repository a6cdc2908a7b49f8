// fabric-contract-api logs every decorator at info level when its modules load; import this first to keep test output readable.
process.env.CORE_CHAINCODE_LOGGING_LEVEL = 'ERROR';
