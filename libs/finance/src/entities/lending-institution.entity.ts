import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IdColumn, RefColumn } from '@app/platform';
import { County } from '@app/registry';

/** A lending institution (the county's rural credit cooperative). */
@Entity('lending_institutions')
export class LendingInstitution {
  @IdColumn() id: string;

  @Column({ type: 'varchar', length: 100, unique: true }) name: string;

  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

/** The counties an institution lends in. */
@Entity('lending_institution_counties')
export class LendingInstitutionCounty {
  @PrimaryColumn({ type: 'bigint' }) institutionId: string;

  @PrimaryColumn({ type: 'bigint' }) countyId: string;

  @ManyToOne(() => LendingInstitution, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'institution_id' })
  institution?: LendingInstitution;

  @ManyToOne(() => County, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'county_id' })
  county?: County;
}

/** A LENDER user's institution (one each). Kept here, not on users: the institution is this domain's. */
@Entity('lender_officers')
export class LenderOfficer {
  @PrimaryColumn({ type: 'bigint' }) userId: string;

  @RefColumn() institutionId: string;

  @ManyToOne(() => LendingInstitution, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'institution_id' })
  institution?: LendingInstitution;
}
