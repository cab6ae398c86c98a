/**
 * A household's status by its history as it stands, as SQL this domain owns (the impact domain composes
 * it into its rollups' statements, so that only this lib names poverty_status_history).
 */

/** True when the household (an SQL expression) was REGISTERED_POOR just before the instant (an SQL timestamptz expression); false before any entry. */
export const registeredPoorBeforeSql = (household: string, instant: string): string =>
  `COALESCE((SELECT p.status = 'REGISTERED_POOR' FROM poverty_status_history p
              WHERE p.household_id = ${household} AND p.effective_at < ${instant}
              ORDER BY p.effective_at DESC, p.id DESC LIMIT 1), false)`;
