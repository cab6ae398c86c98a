import { badInput, invalidState } from '@app/kernel';
import { ListingStatus } from './enums';

/**
 * The status a listing moves to when its station asks for `requested`, given its stock now:
 * DRAFT -> ACTIVE (publish), ACTIVE <-> PAUSED, SOLD_OUT -> PAUSED, any -> ARCHIVED, and asking for the
 * status it already has changes nothing. A listing set ACTIVE without stock is SOLD_OUT; SOLD_OUT
 * itself is only ever set by stock (the supply_lots trigger), never asked for. ARCHIVED is final.
 */
export function nextListingStatus(current: ListingStatus, requested: ListingStatus, available: number, field = 'input.status'): ListingStatus {
  if (current === ListingStatus.ARCHIVED) throw invalidState('This listing is archived; an archived listing cannot change');
  if (requested === ListingStatus.SOLD_OUT) throw badInput(field, 'SOLD_OUT follows from stock and cannot be set; set PAUSED to stop sales');
  if (requested === current) return current;
  switch (requested) {
    case ListingStatus.ARCHIVED:
      return ListingStatus.ARCHIVED;
    case ListingStatus.ACTIVE:
      if (current === ListingStatus.DRAFT || current === ListingStatus.PAUSED) {
        return available > 0 ? ListingStatus.ACTIVE : ListingStatus.SOLD_OUT;
      }
      throw invalidState('This listing is sold out; add supply to put it back on sale');
    case ListingStatus.PAUSED:
      if (current === ListingStatus.ACTIVE || current === ListingStatus.SOLD_OUT) return ListingStatus.PAUSED;
      throw invalidState('Only a listing on sale can be paused; publish the draft first');
    case ListingStatus.DRAFT:
      throw invalidState('A published listing cannot go back to DRAFT; pause or archive it');
    default:
      throw badInput(field, `unknown status ${String(requested)}`);
  }
}
