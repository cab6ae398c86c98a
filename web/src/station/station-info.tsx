import { useT } from '../shared/i18n';
import { StationInfo } from './queries';

/** The station itself: its daily capacity, commission and the villages it serves (set by the county or an admin). */
export function StationSection({ station }: { station: StationInfo }) {
  const { t } = useT('station');
  return (
    <section class="card" aria-labelledby="station-title">
      <h2 id="station-title">{station.name}</h2>
      <dl class="facts">
        <div>
          <dt>{t('dailyCapacity')}</dt>
          <dd data-testid="daily-capacity">{t('capacityValue', { n: station.dailyCapacity })}</dd>
        </div>
        <div>
          <dt>{t('commission')}</dt>
          <dd>{(station.commissionBps / 100).toFixed(2)}%</dd>
        </div>
        <div>
          <dt>{t('servedVillages')}</dt>
          <dd>
            <ul class="plain">
              {station.servedVillages.map((v) => (
                <li key={v.id}>
                  {v.name} {v.povertyStricken && <span class="badge">{t('poorVillage')}</span>}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      <p class="muted small">{t('capacityHint')}</p>
    </section>
  );
}
