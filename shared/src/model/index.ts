export * from './config';
export * from './decision';
export type { Facts, Predicate } from './facts';
export * from './ticket';
export type * from './tracker';
