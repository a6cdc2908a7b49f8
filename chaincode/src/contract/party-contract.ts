import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { readParty } from '../domain/reads';
import { registerParty } from '../domain/register-party';
import { parsePartyIdArgument } from '../domain/requests';
import type { Party } from '../domain/types';
import { OBJECT } from './keys';
import { evaluatePublic, submit } from './transaction';

@Info({ title: 'Parties', description: 'Registry of the companies on the channel and the MSP each belongs to' })
export class PartyContract extends Contract {
  constructor() {
    super('parties');
  }

  @Transaction()
  @Returns('string')
  async RegisterParty(ctx: Context, request: string): Promise<string> {
    return submit(ctx, registerParty, request);
  }

  /** Returns the party record itself (not wrapped), as the network scripts expect. */
  @Transaction(false)
  @Returns('string')
  async GetParty(ctx: Context, id: string): Promise<string> {
    return evaluatePublic(ctx, (state) => readParty(state, parsePartyIdArgument(id)));
  }

  @Transaction(false)
  @Returns('string')
  async ListParties(ctx: Context): Promise<string> {
    return evaluatePublic(ctx, (state) => state.all<Party>(OBJECT.party));
  }
}
