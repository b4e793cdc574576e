export { ALWAYS_ON, type BusinessCalendar, compileCalendar } from './calendar';
export { computeSla, type SlaInput } from './clock';
export { parseDuration } from './duration';
