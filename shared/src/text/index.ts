export { adfToText } from './adf';
export { detectLanguage } from './language';
export { normaliseText } from './normalise';
export { type TicketText, ticketText } from './ticket';
export { tokenise } from './tokenise';
