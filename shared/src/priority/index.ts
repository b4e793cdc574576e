export { IMPACT_CUES, URGENCY_CUES } from './cues';
export { type CompiledSignal, decidePriority, MAX_CUE_CHARS, type PriorityInput } from './decide';
export { matrixLevel, type PriorityTable } from './matrix';
