import { ERROR_CODES } from '../../chaincode/src/domain/errors';
import { CONTRACT_ERROR_CODES } from '../src/http/api-error';

// The gateway ships to each organisation without the chaincode's source, so it keeps its own copy of
// the wire codes; this test is what keeps the two lists from drifting apart.
describe('the error codes shared with the chaincode', () => {
  it('are exactly the codes the chaincode throws', () => {
    expect([...CONTRACT_ERROR_CODES].sort()).toEqual([...ERROR_CODES].sort());
  });
});
