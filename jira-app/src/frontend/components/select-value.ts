/**
 * The value of the option a single UI Kit Select passed to onChange. The option crosses the Forge bridge
 * as plain data, and clearing the Select passes null, so check its shape rather than trust a type.
 */
export function selectedValue(option: unknown): string | undefined {
  if (typeof option !== 'object' || option === null) return undefined;
  const value: unknown = (option as { value?: unknown }).value;
  return typeof value === 'string' ? value : undefined;
}
