import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { civilDay } from '@app/kernel';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';
import { ImpactDriver, net } from './impact-fixtures';

// Training: programmes, sessions at a station, attendance, and the outcomes report, hand-computed on
// the small county of the test world.
const DAY = 86_400_000;
const onDay = (date: string, plusDays: number) => new Date(new Date(`${date}T10:00:00+08:00`).getTime() + plusDays * DAY);

describe('training: programmes, sessions, attendance and outcomes', () => {
  let api: TestApi;
  let world: World;
  let d: ImpactDriver;
  const token = (who: keyof World['users'] | null) => (who ? world.users[who].token : undefined);
  const SESSION = `mutation ($input: RecordTrainingSessionInput!) { recordTrainingSession(input: $input) { id heldOn attendees } }`;
  const ATTEND = `mutation ($input: RecordAttendanceInput!) { recordTrainingAttendance(input: $input) { id attendees } }`;
  const OUTCOMES = `query ($c: ID, $p: ID) { trainingOutcomes(countyId: $c, programmeId: $p) {
    programmeId programmeName countyId sessions trainees registeredPoorTrainees traineesFirstSellingWithin180Days supplierNetBeforeFen supplierNetAfterFen } }`;
  let programme: string;
  let s1: string;
  let s2: string;
  const d1 = civilDay(new Date(Date.now() - 200 * DAY));
  const d2 = civilDay(new Date(Date.now() - 100 * DAY));
  const households: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

  beforeAll(async () => {
    api = await startTestApi({ logLevel: 'error' });
    world = await createWorld(api.db.pool, api.config);
    d = new ImpactDriver(api, world);
    const p = await api.gql(`mutation { createTrainingProgramme(input: { name: "电商培训", topic: "e-commerce" }) { id } }`, {}, token('official'));
    expect(p.errors).toBeUndefined();
    programme = p.data!.createTrainingProgramme.id;
    households.a = await d.household(world.villages.poor, 'REGISTERED_POOR');
    households.b = await d.household(world.villages.plain, 'NOT_REGISTERED');
    households.c = await d.household(world.villages.poor, 'REGISTERED_POOR');
    // a: 1840 thirty days before its first session (its first sale), 2760 ten days after, 460 two hundred days after.
    const la = await d.listing(world.stations.main, households.a, 1000);
    await d.sell([{ listingId: la, quantity: 2 }], onDay(d1, -30));
    await d.sell([{ listingId: la, quantity: 3 }], onDay(d1, 10));
    await d.sell([{ listingId: await d.listing(world.stations.main, households.a, 500), quantity: 1 }], onDay(d1, 200));
    // b: its first sale, 920, five days after its session.
    await d.sell([{ listingId: await d.listing(world.stations.main, households.b, 1000), quantity: 1 }], onDay(d2, 5));
    expect([net(2, 1000), net(3, 1000), net(1, 500), net(1, 1000)]).toEqual([1840, 2760, 460, 920]);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('lets the operator record its station\'s sessions and attendance, and the official their county\'s', async () => {
    const one = await api.gql(SESSION, { input: { programmeId: programme, stationId: world.stations.main, heldOn: d1, trainer: '王老师', topic: '网店开设' } }, token('operator'));
    expect(one.errors).toBeUndefined();
    s1 = one.data!.recordTrainingSession.id;
    const two = await api.gql(SESSION, { input: { programmeId: programme, stationId: world.stations.main, heldOn: d2, trainer: '李老师', topic: '直播带货' } }, token('official'));
    expect(two.errors).toBeUndefined();
    s2 = two.data!.recordTrainingSession.id;
    const a1 = await api.gql(ATTEND, { input: { sessionId: s1, householdIds: [households.a, households.c] } }, token('operator'));
    expect(a1.data!.recordTrainingAttendance.attendees).toBe(2);
    const a2 = await api.gql(ATTEND, { input: { sessionId: s2, householdIds: [households.a, households.b, households.b] } }, token('official'));
    expect(a2.data!.recordTrainingAttendance.attendees).toBe(2);
    // A repeat changes nothing.
    const again = await api.gql(ATTEND, { input: { sessionId: s2, householdIds: [households.b] } }, token('admin'));
    expect(again.data!.recordTrainingAttendance.attendees).toBe(2);
  });

  it.each([
    ['secondOperator', 'FORBIDDEN'],
    ['otherOperator', 'FORBIDDEN'],
    ['otherOfficial', 'FORBIDDEN'],
    ['buyer', 'FORBIDDEN'],
    [null, 'UNAUTHENTICATED'],
  ] as const)('refuses %s recording a session or attendance at the main station (%s), writing nothing', async (who, code) => {
    const count = async () => (await api.db.pool.query(`SELECT (SELECT count(*) FROM training_sessions)::int + (SELECT count(*) FROM training_attendances)::int AS n`)).rows[0].n;
    const before = await count();
    const s = await api.gql(SESSION, { input: { programmeId: programme, stationId: world.stations.main, heldOn: d2, trainer: 'x', topic: 'y' } }, token(who));
    expect(s.errors?.[0].extensions?.code).toBe(code);
    const a = await api.gql(ATTEND, { input: { sessionId: s1, householdIds: [world.households.poorB] } }, token(who));
    expect(a.errors?.[0].extensions?.code).toBe(code);
    expect(await count()).toBe(before);
  });

  it.each([
    [{ heldOn: '2999-01-01' }, 'BAD_USER_INPUT', 'input.heldOn'],
    [{ heldOn: '2025-02-30' }, 'BAD_USER_INPUT', 'input.heldOn'],
    [{ programmeId: '999999' }, 'NOT_FOUND', 'input.programmeId'],
    [{ stationId: '999999' }, 'NOT_FOUND', 'input.stationId'],
  ])('refuses a session with %j (%s at %s)', async (extra, code, field) => {
    const r = await api.gql(SESSION, { input: { programmeId: programme, stationId: world.stations.main, heldOn: d2, trainer: 'x', topic: 'y', ...extra } }, token('admin'));
    expect(r.errors?.[0].extensions).toEqual({ code, field });
  });

  it("refuses another county's household in the attendance, as an unknown one", async () => {
    const r = await api.gql(ATTEND, { input: { sessionId: s1, householdIds: [households.a, world.households.other] } }, token('admin'));
    expect(r.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'input.householdIds' });
  });

  it('reports the outcomes by hand: trainees, registered poor, first sellers, net before and after', async () => {
    const expected = {
      programmeId: programme,
      programmeName: '电商培训',
      countyId: world.county.id,
      sessions: 2,
      trainees: 3, // a, b, c
      registeredPoorTrainees: 2, // a, c
      traineesFirstSellingWithin180Days: 1, // b (a first sold before its session)
      supplierNetBeforeFen: 1840, // a's sale 30 days before d1
      supplierNetAfterFen: 2760 + 920, // a's 10 days after d1 (not the one 200 days after), b's
    };
    for (const who of ['official', 'admin'] as const) {
      const r = await api.gql(OUTCOMES, { c: world.county.id }, token(who));
      expect(r.errors).toBeUndefined();
      expect(r.data!.trainingOutcomes).toEqual([expected]);
    }
    // An official's report is of their county without naming it; the other county has no sessions.
    expect((await api.gql(OUTCOMES, {}, token('official'))).data!.trainingOutcomes).toEqual([expected]);
    expect((await api.gql(OUTCOMES, {}, token('otherOfficial'))).data!.trainingOutcomes).toEqual([]);
    const csv = await fetch(`${api.url}/reports/training-outcomes.csv?countyId=${world.county.id}`, { headers: { authorization: `Bearer ${token('official')}` } });
    expect(csv.status).toBe(200);
    expect((await csv.text()).replace('\uFEFF', '').split('\r\n')).toEqual([
      'programmeId,programmeName,countyId,sessions,trainees,registeredPoorTrainees,traineesFirstSellingWithin180Days,supplierNetBeforeFen,supplierNetAfterFen',
      `${programme},电商培训,${world.county.id},2,3,2,1,1840,3680`,
      '',
    ]);
  });

  it.each([
    ['otherOfficial', { c: 'county' }, 'FORBIDDEN'],
    ['operator', {}, 'FORBIDDEN'],
    ['buyer', {}, 'FORBIDDEN'],
    [null, {}, 'FORBIDDEN'],
  ] as const)('refuses the outcomes to %s (%s)', async (who, vars, code) => {
    const r = await api.gql(OUTCOMES, 'c' in vars ? { c: world.county.id } : {}, token(who));
    expect(r.errors?.[0].extensions?.code).toBe(code);
    const csv = await fetch(`${api.url}/reports/training-outcomes.csv?countyId=${world.county.id}`, { headers: who ? { authorization: `Bearer ${token(who)}` } : {} });
    expect([401, 403]).toContain(csv.status);
  });
});
