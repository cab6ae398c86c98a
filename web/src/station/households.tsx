import { useEffect, useState } from 'preact/hooks';
import { useAuth, useLoadFailure } from '../shared/auth';
import { formatCount, formatFen } from '../shared/format';
import { beijingTime, useT } from '../shared/i18n';
import { Alert, Done, Field, Options, Submit, TextField, Th, useFormErrors } from '../shared/ui';
import { householdName, sortHouseholds } from './listings';
import { fetchHouseholdRows, fetchPayouts, HouseholdRow, Payout, registerHousehold, StationInfo } from './queries';

/** The households of a served village with their income, a form to register one, and the station's payouts. */
export function HouseholdsSection({ station }: { station: StationInfo }) {
  const { t } = useT('station');
  const { session } = useAuth();
  const [villageId, setVillageId] = useState(station.servedVillages[0]?.id ?? '');
  const [rows, setRows] = useState<{ items: HouseholdRow[]; total: number } | null>(null);
  const [error, setError] = useState<string>();
  const failed = useLoadFailure('station', setError);

  useEffect(() => {
    setRows(null);
    setError(undefined);
    if (villageId) fetchHouseholdRows(villageId, session.token).then((r) => setRows({ ...r, items: sortHouseholds(r.items) }), failed);
  }, [villageId]);

  return (
    <>
      <section class="card" aria-labelledby="households-title">
        <h2 id="households-title">{t('households')}</h2>
        <Field id="hh-village" label={t('village')}>
          <select id="hh-village" value={villageId} onChange={(e) => setVillageId(e.currentTarget.value)}>
            <Options items={station.servedVillages} />
          </select>
        </Field>
        {error && <Alert>{error}</Alert>}
        {!rows && !error && <p class="muted">{t('loading')}</p>}
        {rows && rows.items.length === 0 && <p class="muted">{t('noHouseholds')}</p>}
        {rows && rows.items.length > 0 && (
          <ul class="rows">
            {rows.items.map((h) => (
              <li key={h.id} class="row-item" data-household-id={h.id}>
                <div>
                  <strong>{householdName(h, t)}</strong>
                  <p class="muted small">
                    {t(`povertyStatus.${h.povertyStatus}`)} · {t('members')} {h.members}
                    {h.payoutAccountMasked ? ` · ${h.payoutAccountMasked}` : ''}
                  </p>
                </div>
                {h.incomeAgainstPovertyLine && (
                  <div class="row-item__figure">
                    <span class="small muted">{t('income365')}</span>
                    <strong data-income={h.incomeAgainstPovertyLine.supplierNetFen}>{formatFen(h.incomeAgainstPovertyLine.supplierNetFen)}</strong>
                    <span class="small muted">
                      {t('perMember', { fen: formatFen(h.incomeAgainstPovertyLine.perMemberFen) })} · {h.incomeAgainstPovertyLine.reachesLine ? t('reachesLine') : t('belowLine')}
                    </span>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        {rows && rows.total > rows.items.length && <p class="muted small">{t('showingNewest', { n: formatCount(rows.items.length) })}</p>}
      </section>
      <RegisterHousehold station={station} villageId={villageId} onRegistered={(h) => h.village.id === villageId && setRows((r) => r && { total: r.total + 1, items: sortHouseholds([...r.items, h]) })} />
      <Payouts />
    </>
  );
}

function RegisterHousehold(props: { station: StationInfo; villageId: string; onRegistered: (h: HouseholdRow) => void }) {
  const { t } = useT('station');
  const { session, authLost } = useAuth();
  const form = useFormErrors('station', authLost);
  const [villageId, setVillageId] = useState(props.villageId);
  const [headName, setHeadName] = useState('');
  const [members, setMembers] = useState('');
  const [registryNumber, setRegistryNumber] = useState('');
  const [payoutAccount, setPayoutAccount] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [membersError, setMembersError] = useState<string>();
  useEffect(() => setVillageId(props.villageId), [props.villageId]);

  const submit = async (event: Event) => {
    event.preventDefault();
    form.clear();
    setDone(undefined);
    const n = /^\s*\d{1,4}\s*$/.test(members) ? Number(members) : null;
    setMembersError(n === null ? t('whole') : undefined);
    if (n === null) return;
    setBusy(true);
    try {
      const h = await registerHousehold(
        { villageId, headName: headName.trim(), members: n, payoutAccount: payoutAccount.replace(/\s+/g, ''), ...(registryNumber.trim() ? { registryNumber: registryNumber.trim() } : {}) },
        session.token,
      );
      setDone(t('registered', { name: householdName(h, t) }));
      setHeadName('');
      setMembers('');
      setRegistryNumber('');
      setPayoutAccount('');
      props.onRegistered(h);
    } catch (e) {
      form.fail(e);
    } finally {
      setBusy(false);
    }
  };
  const rest = form.rest(['villageId', 'headName', 'members', 'registryNumber', 'payoutAccount']);
  return (
    <section class="card" aria-labelledby="register-title">
      <h2 id="register-title">{t('registerHousehold')}</h2>
      <form class="form" noValidate onSubmit={submit} aria-labelledby="register-title">
        <Field id="rh-village" label={t('village')} error={form.of('villageId')}>
          <select id="rh-village" value={villageId} onChange={(e) => setVillageId(e.currentTarget.value)} {...form.aria('rh-village', 'villageId')}>
            <Options items={props.station.servedVillages} />
          </select>
        </Field>
        <TextField form={form} id="rh-head" field="headName" label={t('headName')} autocomplete="off" value={headName} onValue={setHeadName} />
        <TextField form={form} id="rh-members" field="members" label={t('members')} error={membersError} inputMode="numeric" value={members} onValue={setMembers} />
        <TextField form={form} id="rh-registry" field="registryNumber" label={t('registryNumber')} autocomplete="off" value={registryNumber} onValue={setRegistryNumber} />
        <TextField form={form} id="rh-account" field="payoutAccount" label={t('payoutAccount')} inputMode="numeric" autocomplete="off" value={payoutAccount} onValue={setPayoutAccount} />
        {rest && <Alert>{rest}</Alert>}
        <Submit label={t('registerHousehold')} busy={busy} />
        <Done text={done} />
      </form>
    </section>
  );
}

/** The payouts the operator may see: its station's commission and its households' sales, newest first. */
function Payouts() {
  const { t } = useT('station');
  const { session } = useAuth();
  const [payouts, setPayouts] = useState<Payout[] | null>(null);
  const [error, setError] = useState<string>();
  const failed = useLoadFailure('station', setError);
  useEffect(() => {
    fetchPayouts(session.token).then(setPayouts, failed);
  }, []);
  return (
    <section class="card" aria-labelledby="payouts-title">
      <h2 id="payouts-title">{t('payouts')}</h2>
      {error && <Alert>{error}</Alert>}
      {!payouts && !error && <p class="muted">{t('loading')}</p>}
      {payouts && payouts.length === 0 && <p class="muted">{t('noPayouts')}</p>}
      {payouts && payouts.length > 0 && (
        <div class="table-wrap">
          <table class="table" data-testid="payouts">
            <thead>
              <tr>
                <th scope="col">{t('payee')}</th>
                <Th num>{t('amount')}</Th>
                <th scope="col">{t('createdAt')}</th>
                <th scope="col">{t('paidAt')}</th>
              </tr>
            </thead>
            <tbody>
              {payouts.map((p) => (
                <tr key={p.id} data-payout-id={p.id} data-status={p.status}>
                  <td>{p.household ? householdName(p.household, t) : t('thisStation')}</td>
                  <td class="num">{formatFen(p.amountFen)}</td>
                  <td>{beijingTime(p.createdAt)}</td>
                  <td>{p.paidAt ? beijingTime(p.paidAt) : t(`payoutStatus.${p.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
