// The kernel: the few rules every domain shares (ids and cursors, fen, ordering, the civil day, who is
// calling and the domain's errors with their contract codes). It imports nothing (no Nest, no database,
// no other lib), so any `domain/` folder may import it.
export { Actor, Role } from './actor';
export { addDays, CivilDate, civilDay, civilDayNumber, civilDayNumberStart, civilDayStart, civilFromDays, civilMonth, daysBetween, daysFromCivil, isCivilMidnight, MS_PER_DAY, SHANGHAI_OFFSET_MS } from './civil-day';
export { compareBigint, compareCodePoints, compareIds } from './compare';
export { CursorPart, cursorValues, encodeCursor } from './cursor';
export { badInput, conflict, DomainError, ErrorCode, forbidden, invalidState, notFound, rateLimited, unauthenticated } from './errors';
export { FenAmount, fenSum, toFen } from './fen';
export { ID_PATTERN, idValue, isId } from './ids';
