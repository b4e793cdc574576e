import { invoke } from '@forge/bridge';
import type { ResolverApi, ResolverName } from '../resolvers/api';

export type Payload<N extends ResolverName> = ResolverApi[N]['payload'];
export type Result<N extends ResolverName> = ResolverApi[N]['result'];

/**
 * The only way the frontends reach the backend, so every call is checked against the resolver contract
 * in resolvers/api.ts instead of trusting a free-form function key and payload.
 */
export function call<N extends ResolverName>(name: N, payload: Payload<N>): Promise<Result<N>> {
  return invoke<Payload<N>, Result<N>>(name, payload);
}
