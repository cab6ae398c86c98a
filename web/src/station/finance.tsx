import { useEffect, useState } from 'preact/hooks';
import { useAuth, useLoadFailure } from '../shared/auth';
import { formatFen } from '../shared/format';
import { beijingTime, parseYuan, useT } from '../shared/i18n';
import { Alert, Done, Field, Options, Submit, TextField, useFormErrors } from '../shared/ui';
import { householdName, sortHouseholds } from './listings';
import { applyForLoan, Assessment, fetchCredit, fetchHouseholds, Household, Loan, recordAssessment, recordRepayment, StationInfo } from './queries';

/** Credit for a household of a served village: its assessments, a new one, its loans, an application and cash repayments. */
export function FinanceSection({ station }: { station: StationInfo }) {
  const { t } = useT('station');
  const { session } = useAuth();
  const [villageId, setVillageId] = useState(station.servedVillages[0]?.id ?? '');
  const [households, setHouseholds] = useState<Household[] | null>(null);
  const [householdId, setHouseholdId] = useState('');
  const [credit, setCredit] = useState<{ assessments: Assessment[]; loans: Loan[] } | null>(null);
  const [error, setError] = useState<string>();
  const failed = useLoadFailure('station', setError);

  useEffect(() => {
    setHouseholds(null);
    setHouseholdId('');
    if (villageId) fetchHouseholds(villageId, session.token).then((h) => setHouseholds(sortHouseholds(h)), failed);
  }, [villageId]);
  useEffect(() => {
    setCredit(null);
    setError(undefined);
    if (householdId) fetchCredit(householdId, session.token).then(setCredit, failed);
  }, [householdId]);

  return (
    <>
      <section class="card" aria-labelledby="finance-title">
        <h2 id="finance-title">{t('finance')}</h2>
        <div class="row">
          <Field id="fin-village" label={t('village')}>
            <select id="fin-village" value={villageId} onChange={(e) => setVillageId(e.currentTarget.value)}>
              <Options items={station.servedVillages} />
            </select>
          </Field>
          <Field id="fin-household" label={t('household')}>
            <select id="fin-household" value={householdId} onChange={(e) => setHouseholdId(e.currentTarget.value)}>
              <option value="">{households === null ? t('loadingHouseholds') : t('chooseHousehold')}</option>
              {(households ?? []).map((h) => (
                <option key={h.id} value={h.id}>
                  {householdName(h, t)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {error && <Alert>{error}</Alert>}
        {!householdId && <p class="muted">{t('chooseHouseholdFirst')}</p>}
      </section>
      {householdId && credit && (
        <>
          <Assessments householdId={householdId} list={credit.assessments} onAdded={(a) => setCredit((c) => c && { ...c, assessments: [a, ...c.assessments] })} />
          <Loans householdId={householdId} list={credit.loans} onChanged={(l) => setCredit((c) => c && { ...c, loans: c.loans.some((x) => x.id === l.id) ? c.loans.map((x) => (x.id === l.id ? l : x)) : [l, ...c.loans] })} />
        </>
      )}
    </>
  );
}

function Assessments({ householdId, list, onAdded }: { householdId: string; list: Assessment[]; onAdded: (a: Assessment) => void }) {
  const { t } = useT('station');
  const { session, authLost } = useAuth();
  const form = useFormErrors('station', authLost);
  const [labourers, setLabourers] = useState('');
  const [land, setLand] = useState('');
  const [debts, setDebts] = useState('0');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string>();

  const submit = async (event: Event) => {
    event.preventDefault();
    form.clear();
    setDone(undefined);
    const errs: Record<string, string> = {};
    if (!/^\s*\d{1,3}\s*$/.test(labourers)) errs.labourers = t('whole');
    if (!/^\s*\d{1,6}(\.\d{1,2})?\s*$/.test(land)) errs.landMu = t('whole');
    const otherDebtsFen = parseYuan(debts);
    if (otherDebtsFen === null) errs.otherDebtsFen = t('money');
    setLocal(errs);
    if (Object.keys(errs).length) return;
    try {
      const a = await recordAssessment({ householdId, labourers: Number(labourers), landMu: Number(land), otherDebtsFen: otherDebtsFen! }, session.token);
      setDone(t('assessed', { score: a.score, grade: a.grade }));
      onAdded(a);
    } catch (e) {
      form.fail(e);
    }
  };
  const rest = form.rest(['labourers', 'landMu', 'otherDebtsFen', 'householdId']);
  return (
    <section class="card" aria-labelledby="assess-title">
      <h2 id="assess-title">{t('assessments')}</h2>
      {list.length === 0 ? (
        <p class="muted">{t('noAssessments')}</p>
      ) : (
        <ul class="rows">
          {list.map((a) => (
            <li key={a.id} class="row-item row-item--stack" data-assessment-id={a.id}>
              <strong>{t('scoreGrade', { score: a.score, grade: a.grade, until: beijingTime(a.validUntil) })}</strong>
              <p class="muted small">{a.reasons.map((r) => `${r.detail} (${r.points > 0 ? '+' : ''}${r.points})`).join('；')}</p>
            </li>
          ))}
        </ul>
      )}
      <form class="form" noValidate onSubmit={submit} aria-label={t('recordAssessment')}>
        <div class="row">
          <TextField form={form} id="as-labourers" field="labourers" label={t('labourers')} error={local.labourers} inputMode="numeric" value={labourers} onValue={setLabourers} />
          <TextField form={form} id="as-land" field="landMu" label={t('landMu')} error={local.landMu} inputMode="decimal" value={land} onValue={setLand} />
        </div>
        <TextField form={form} id="as-debts" field="otherDebtsFen" label={t('otherDebts')} error={local.otherDebtsFen} inputMode="decimal" value={debts} onValue={setDebts} />
        {rest && <Alert>{rest}</Alert>}
        <Submit label={t('assess')} />
        <Done text={done} />
      </form>
    </section>
  );
}

function Loans({ householdId, list, onChanged }: { householdId: string; list: Loan[]; onChanged: (l: Loan) => void }) {
  const { t } = useT('station');
  const { session, authLost } = useAuth();
  const form = useFormErrors('station', authLost);
  const [amount, setAmount] = useState('');
  const [term, setTerm] = useState('12');
  const [purpose, setPurpose] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string>();

  const submit = async (event: Event) => {
    event.preventDefault();
    form.clear();
    setDone(undefined);
    const amountFen = parseYuan(amount);
    const errs: Record<string, string> = {};
    if (amountFen === null) errs.amountFen = t('money');
    if (!/^\s*\d{1,3}\s*$/.test(term)) errs.termMonths = t('whole');
    setLocal(errs);
    if (Object.keys(errs).length) return;
    try {
      const loan = await applyForLoan({ householdId, amountFen: amountFen!, termMonths: Number(term), purpose: purpose.trim() }, session.token);
      setDone(t('applied', { id: loan.id }));
      onChanged(loan);
    } catch (e) {
      form.fail(e);
    }
  };
  const rest = form.rest(['amountFen', 'termMonths', 'purpose']);
  return (
    <section class="card" aria-labelledby="loans-title">
      <h2 id="loans-title">{t('loans')}</h2>
      {list.length === 0 ? (
        <p class="muted">{t('noLoans')}</p>
      ) : (
        <ul class="rows">
          {list.map((l) => (
            <LoanItem key={l.id} loan={l} onChanged={onChanged} />
          ))}
        </ul>
      )}
      <h3>{t('applyForLoan')}</h3>
      <form class="form" noValidate onSubmit={submit} aria-label={t('applyForLoan')}>
        <div class="row">
          <TextField form={form} id="loan-amount" field="amountFen" label={t('loanAmount')} error={local.amountFen} inputMode="decimal" value={amount} onValue={setAmount} />
          <TextField form={form} id="loan-term" field="termMonths" label={t('termMonths')} error={local.termMonths} inputMode="numeric" value={term} onValue={setTerm} />
        </div>
        <TextField form={form} id="loan-purpose" field="purpose" label={t('purpose')} error={local.purpose} value={purpose} onValue={setPurpose} />
        {rest && <Alert>{rest}</Alert>}
        <Submit label={t('apply')} />
        <Done text={done} />
      </form>
    </section>
  );
}

function LoanItem({ loan: l, onChanged }: { loan: Loan; onChanged: (l: Loan) => void }) {
  const { t } = useT('station');
  const { session, authLost } = useAuth();
  const form = useFormErrors('station', authLost);
  const [amount, setAmount] = useState('');
  const [local, setLocal] = useState<string>();
  const [done, setDone] = useState<string>();
  const repayable = l.status === 'DISBURSED' || l.status === 'OVERDUE';
  const submit = async (event: Event) => {
    event.preventDefault();
    form.clear();
    const fen = parseYuan(amount);
    setLocal(fen === null ? t('money') : undefined);
    if (fen === null) return;
    try {
      onChanged(await recordRepayment(l.id, fen, session.token));
      setDone(t('repaid', { fen: formatFen(fen) }));
      setAmount('');
    } catch (e) {
      form.fail(e);
    }
  };
  const idp = `loan${l.id}`;
  return (
    <li class="row-item row-item--stack" data-loan-id={l.id} data-status={l.status}>
      <div>
        <strong>
          #{l.id} · {formatFen(l.amountFen)} · {t("termMonths")} {l.termMonths} · {l.purpose}
        </strong>{' '}
        <span class="badge">{t(`loanStatus.${l.status}`)}</span>
        <p class="muted small">
          {beijingTime(l.createdAt)} · {l.grade} · {t('outstanding', { fen: formatFen(l.outstandingPrincipalFen) })}
          {l.rejectionReason ? ` · ${l.rejectionReason}` : ''}
        </p>
      </div>
      {repayable && (
        <form class="inline-form" noValidate onSubmit={submit} aria-label={`${t('repay')} #${l.id}`}>
          <TextField form={form} id={`${idp}-amount`} field="amountFen" label={t('repayAmount')} error={local} inputMode="decimal" value={amount} onValue={setAmount} />
          <Submit label={t('repay')} />
        </form>
      )}
      {form.rest(['amountFen']) && <Alert>{form.rest(['amountFen'])}</Alert>}
      <Done text={done} />
    </li>
  );
}
