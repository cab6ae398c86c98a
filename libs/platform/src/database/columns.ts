import { Column, ColumnOptions, PrimaryGeneratedColumn, ValueTransformer } from 'typeorm';

/** bigint fen in the database, a safe-integer number in the code: converted here and nowhere else. */
export const fenTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null || value === undefined) return value;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`fen amount ${value} is beyond a safe integer`);
    return n;
  },
};

/** A money column: bigint fen, never floating point. */
export const FenColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'bigint', transformer: fenTransformer, ...options });

/** The primary key of every table: a bigint identity, carried as a decimal string in the code. */
export const IdColumn = () => PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' });

/** A foreign key column holding a bigint id as a string. */
export const RefColumn = (options: ColumnOptions = {}) => Column({ type: 'bigint', ...options });
