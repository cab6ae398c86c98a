import { Column, ColumnOptions, PrimaryGeneratedColumn, ValueTransformer } from 'typeorm';
import { toFen } from '@app/kernel';

/** bigint fen in the database, a safe-integer number in the code: converted here and nowhere else. */
export const fenTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? value : toFen(value)),
};

/** A money column: bigint fen, never floating point. */
export const FenColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'bigint', transformer: fenTransformer, ...options });

/** The primary key of every table: a bigint identity, carried as a decimal string in the code. */
export const IdColumn = () => PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'BY DEFAULT' });

/** A foreign key column holding a bigint id as a string. */
export const RefColumn = (options: ColumnOptions = {}) => Column({ type: 'bigint', ...options });
