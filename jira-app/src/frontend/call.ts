import { invoke } from '@forge/bridge';
import type { InputProblem, ResolverApi, ResolverName } from '../resolvers/api';
import { problemText } from './format';

export type Payload<N extends ResolverName> = ResolverApi[N]['payload'];
export type Result<N extends ResolverName> = ResolverApi[N]['result'];

/**
 * The resolvers' wrapper (resolvers/index.ts) answers a refused call (wrong module, bad payload) with `{error}`
 * instead of the result; it is thrown here so that no view mistakes it for a result.
 */
function refusal(answer: unknown): Error | undefined {
  if (typeof answer !== 'object' || answer === null || !('error' in answer)) return undefined;
  const { message, problems } = answer as { message?: unknown; problems?: InputProblem[] };
  if (typeof message === 'string') return new Error(message);
  if (Array.isArray(problems) && problems.length > 0) return new Error(problems.map(problemText).join('; '));
  return new Error('Switchboard refused this request.');
}

/**
 * The only way the frontends reach the backend, so every call is checked against the resolver contract
 * in resolvers/api.ts instead of trusting a free-form function key and payload.
 */
export async function call<N extends ResolverName>(name: N, payload: Payload<N>): Promise<Result<N>> {
  const answer = await invoke<Payload<N>, Result<N>>(name, payload);
  const refused = refusal(answer);
  if (refused) throw refused;
  return answer;
}
