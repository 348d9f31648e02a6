/**
 * Case Summary text as call takers and residents write it. Most summaries are a short phrase
 * for the type; some carry details after a comma, a quoted remark (`""` in the CSV), a second
 * line, or Windows-1252 punctuation and names (curly apostrophes, en dashes, `Café`).
 */
import type { RequestType } from './catalog-311';
import type { Rng } from './prng';

/** Chances of each summary decoration (exclusive, checked in this order). */
export const SUMMARY_RATES = { lineBreak: 0.01, quote: 0.015, fancy: 0.03, detail: 0.3 } as const;

const DETAILS = [
  'caller requests a callback',
  'reported by neighbor',
  'near the alley entrance',
  'second report this week',
  'ongoing for about two weeks',
  'in front of the house',
  'across from the school',
  'northbound side',
  'by the bus stop',
  'resident is elderly and cannot wait',
  'photos attached',
  'same problem as last month',
  'west side of the street',
  'next to the fire hydrant',
];

const QUOTES = [
  'this is the third time',
  'it has been like this since spring',
  'nobody ever comes out',
  'please send someone today',
  'the whole block is affected',
];

const PLACES = ['Café Brazil', 'La Peñita', 'Crêpes ’n Crêpes', 'Señor Burrito', 'Jalapeño Grill', 'Piñon Market', 'Crème Coffee'];

function fancy(rng: Rng, phrase: string, detail: string): string {
  switch (rng.int(4)) {
    case 0:
      return `${phrase} – ${detail}`;
    case 1:
      return `${phrase} near ${rng.pick(PLACES)}`;
    case 2:
      return `Resident’s report: ${phrase.toLowerCase()}`;
    default:
      return `${phrase}, caller says “${rng.pick(QUOTES)}”`;
  }
}

/** A Case Summary for a case of `type` (cross street used in some details). */
export function caseSummary(rng: Rng, type: RequestType, cross: string): string {
  const phrase = rng.pick(type.summaries);
  const detail = cross !== '' && rng.chance(0.3) ? `near ${cross}` : rng.pick(DETAILS);
  const roll = rng.next();
  let cut = SUMMARY_RATES.lineBreak;
  if (roll < cut) return `${phrase}${rng.chance(0.8) ? '\n' : '\r\n'}${detail[0].toUpperCase()}${detail.slice(1)}.`;
  if (roll < (cut += SUMMARY_RATES.quote)) return `${phrase} - caller says "${rng.pick(QUOTES)}"`;
  if (roll < (cut += SUMMARY_RATES.fancy)) return fancy(rng, phrase, detail);
  if (roll < (cut += SUMMARY_RATES.detail)) return `${phrase}, ${detail}`;
  return phrase;
}
