export * from './pairing';
export * from './signature';
