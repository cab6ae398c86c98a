import { Injectable } from '@nestjs/common';
import { Tx } from '@app/platform';
import { EntryKind, LedgerLineInput } from './accounts';

/** Writes balanced journal entries; the only way money moves in the books. */
@Injectable()
export class LedgerService {
  /**
   * Appends one entry in the caller's transaction. Lines with the same account and side are merged;
   * debits must equal credits (checked here, and again by the database at commit). `(kind, reference)`
   * is unique: the same event cannot be booked twice.
   */
  async post(tx: Tx, kind: EntryKind, reference: string, lines: LedgerLineInput[]): Promise<string> {
    const merged = new Map<string, { account: string; debitFen: number; creditFen: number }>();
    let debits = 0;
    let credits = 0;
    for (const line of lines) {
      const debit = line.debitFen ?? 0;
      const credit = line.creditFen ?? 0;
      if (!Number.isSafeInteger(debit) || !Number.isSafeInteger(credit) || debit < 0 || credit < 0 || (debit > 0) === (credit > 0)) {
        if (debit === 0 && credit === 0) continue; // a zero line (a 0-fen commission) moves nothing
        throw new Error(`ledger line for ${line.account} must have one positive side: ${debit}/${credit}`);
      }
      const side = debit > 0 ? 'D' : 'C';
      const key = `${side}:${line.account}`;
      const existing = merged.get(key) ?? { account: line.account, debitFen: 0, creditFen: 0 };
      existing.debitFen += debit;
      existing.creditFen += credit;
      merged.set(key, existing);
      debits += debit;
      credits += credit;
    }
    if (debits !== credits || debits === 0) throw new Error(`unbalanced ${kind} entry for ${reference}: debits ${debits}, credits ${credits}`);
    const [{ id }] = await tx.manager.query(`INSERT INTO journal_entries (kind, reference) VALUES ($1, $2) RETURNING id`, [kind, reference]);
    const rows = [...merged.values()];
    await tx.manager.query(
      `INSERT INTO journal_lines (entry_id, account, debit_fen, credit_fen)
       SELECT $1, account, debit, credit FROM unnest($2::text[], $3::bigint[], $4::bigint[]) AS t(account, debit, credit)`,
      [id, rows.map((r) => r.account), rows.map((r) => r.debitFen), rows.map((r) => r.creditFen)],
    );
    return String(id);
  }
}
