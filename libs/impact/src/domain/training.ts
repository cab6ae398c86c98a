/** A training programme (e-commerce, walnut grafting, pepper drying, ...). */
export interface TrainingProgrammeData {
  id: string;
  name: string;
  topic: string;
}

/** One session of a programme at a station. */
export interface TrainingSessionData {
  id: string;
  programmeId: string;
  stationId: string;
  /** The Asia/Shanghai date, YYYY-MM-DD. */
  heldOn: string;
  trainer: string;
  topic: string;
  attendees: number;
}

/** A programme's outcomes in a county; each trainee counts from their first session of the programme. */
export interface TrainingOutcomeData {
  programmeId: string;
  programmeName: string;
  countyId: string;
  sessions: number;
  /** Distinct households that attended. */
  trainees: number;
  /** REGISTERED_POOR on the day of their first session, by the status history as it stands now. */
  registeredPoorTrainees: number;
  /** Whose household's first counted sale was placed within 180 days from their first session. */
  traineesFirstSellingWithin180Days: number;
  /** Their households' supplier net placed in the 180 days before their first session, and from it. */
  supplierNetBeforeFen: number;
  supplierNetAfterFen: number;
}
