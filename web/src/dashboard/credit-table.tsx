import { useEffect, useState } from 'preact/hooks';
import { gql } from '../shared/api';
import { formatCount, formatFen, monthStart, shanghaiDay } from '../shared/format';
import { useT } from '../shared/i18n';
import { errorText, TableScroll, Th } from '../shared/ui';
import { NS } from './messages';

export interface CreditMonth {
  month: string;
  loansDisbursed: number;
  disbursedFen: number;
  disbursedToRegisteredPoorFen: number;
  outstandingPrincipalFen: number;
  repaidFen: number;
  overdueRateBps: number;
  defaultRateBps: number;
  fundPaidFen: number;
  fundBalanceFen: number;
  subsidyPaidFen: number;
}

const CREDIT = `query Credit($countyId: ID!, $from: String) { creditReport(countyId: $countyId, from: $from) {
  month loansDisbursed disbursedFen disbursedToRegisteredPoorFen outstandingPrincipalFen repaidFen overdueRateBps defaultRateBps fundPaidFen fundBalanceFen subsidyPaidFen } }`;

const percent = (bps: number) => `${(bps / 100).toFixed(1)}%`;

/** Three-exemption loans of the county over the last 12 months (the financial-services report). */
export function CreditTable(props: { countyId: string; token: string }) {
  const { t } = useT(NS);
  const [months, setMonths] = useState<CreditMonth[] | null>(null);
  const [error, setError] = useState<string>();

  useEffect(() => {
    setMonths(null);
    setError(undefined);
    const from = monthStart(shanghaiDay(), 11).slice(0, 7);
    gql<{ creditReport: CreditMonth[] }>(CREDIT, { countyId: props.countyId, from }, props.token).then(
      (d) => setMonths(d.creditReport),
      (e) => setError(errorText(e, t)),
    );
  }, [props.countyId]);

  return (
    <section class="card" aria-labelledby="credit-title" data-testid="credit">
      <div class="card__head">
        <h3 id="credit-title">{t('credit.title')}</h3>
        <p class="muted small">{t('credit.note')}</p>
      </div>
      {error && (
        <p class="field__error" role="alert">
          {error}
        </p>
      )}
      {months && (
        <TableScroll>
          <table class="table" data-testid="credit-table">
            <thead>
              <tr>
                <th scope="col">{t('month')}</th>
                <Th num>{t('credit.loans')}</Th>
                <Th num>{t('credit.disbursed')}</Th>
                <Th num>{t('credit.outstanding')}</Th>
                <Th num>{t('credit.repaid')}</Th>
                <Th num>{t('credit.overdue')}</Th>
                <Th num>{t('credit.defaulted')}</Th>
                <Th num>{t('credit.fundPaid')}</Th>
                <Th num>{t('credit.fundBalance')}</Th>
                <Th num>{t('credit.subsidy')}</Th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{m.month}</th>
                  <td class="num">{formatCount(m.loansDisbursed)}</td>
                  <td class="num">{formatFen(m.disbursedFen)}</td>
                  <td class="num">{formatFen(m.outstandingPrincipalFen)}</td>
                  <td class="num">{formatFen(m.repaidFen)}</td>
                  <td class="num">{percent(m.overdueRateBps)}</td>
                  <td class="num">{percent(m.defaultRateBps)}</td>
                  <td class="num">{formatFen(m.fundPaidFen)}</td>
                  <td class="num">{formatFen(m.fundBalanceFen)}</td>
                  <td class="num">{formatFen(m.subsidyPaidFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
