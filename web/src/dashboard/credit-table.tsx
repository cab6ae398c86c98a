import { useEffect, useState } from 'preact/hooks';
import { gql } from '../shared/api';
import { formatCount, formatFen, monthStart, shanghaiDay } from '../shared/format';

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
  const [months, setMonths] = useState<CreditMonth[] | null>(null);
  const [error, setError] = useState<string>();

  useEffect(() => {
    setMonths(null);
    setError(undefined);
    const from = monthStart(shanghaiDay(), 11).slice(0, 7);
    gql<{ creditReport: CreditMonth[] }>(CREDIT, { countyId: props.countyId, from }, props.token).then(
      (d) => setMonths(d.creditReport),
      (e) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [props.countyId]);

  return (
    <section class="card" aria-labelledby="credit-title" data-testid="credit">
      <div class="card__head">
        <h2 id="credit-title">Credit: three-exemption loans</h2>
        <p class="muted small">By month (Beijing time): disbursed, outstanding at the month's end, repaid, overdue and default rates, the risk fund and the interest subsidy</p>
      </div>
      {error && <p class="muted small">{error}</p>}
      {months && (
        <div class="table-scroll">
          <table class="table" data-testid="credit-table">
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" class="num">Loans</th>
                <th scope="col" class="num">Disbursed</th>
                <th scope="col" class="num">Outstanding</th>
                <th scope="col" class="num">Repaid</th>
                <th scope="col" class="num">Overdue</th>
                <th scope="col" class="num">Defaulted</th>
                <th scope="col" class="num">Fund paid</th>
                <th scope="col" class="num">Fund balance</th>
                <th scope="col" class="num">Subsidy</th>
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
        </div>
      )}
    </section>
  );
}
