import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DomainEvents } from '@app/platform';
import { createWorld, startTestApi, TestApi, World } from '@app/testing';

const M = `mutation ($countyId: ID!, $csv: String!) { importHouseholds(countyId: $countyId, csv: $csv) { created updated rejected { line reason } } }`;
const HEADER = 'registry_number,head_name,members,village_code,poverty_status,poverty_category,payout_account,effective_date';

async function snapshot(api: TestApi): Promise<unknown> {
  const { rows } = await api.db.pool.query(
    `SELECT (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM poverty_status_history)::int AS history,
            (SELECT md5(string_agg(concat_ws('|', id, village_id, registry_number, head_name, members, payout_account, poverty_status, poverty_category), ',' ORDER BY id)) FROM households) AS digest`,
  );
  return rows[0];
}

describe('importHouseholds over HTTP', () => {
  let api: TestApi;
  let world: World;
  const events: Array<{ householdId: string; effectiveAt: Date }> = [];
  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api.db.pool, api.config);
    api.app.get(DomainEvents).on('household.status-changed', async (_tx, payload) => {
      events.push(...payload.changes);
    });
  });
  afterAll(async () => {
    await api?.close();
  });
  const token = (who: keyof World['users'] | null) => (who ? world.users[who].token : undefined);

  it('imports the good rows of a real-world CSV (BOM, CRLF, quotes, Chinese, columns in another order) and reports the bad ones by line', async () => {
    const csv =
      '\ufeff' +
      [
        'effective_date,village_code,registry_number,"head_name",members,poverty_status,poverty_category,payout_account,remarks',
        '2016-03-01,130426100201,SX-1001,"王, 秀兰",5,REGISTERED_POOR,GENERAL,6228480099990001,"备注 ""一"""', // 2 created
        '2016-03-01,130426100202,SX-1002,"李""老三""",2,NOT_REGISTERED,,6228 4800 9999 0002,', // 3 created
        '2020-06-30,130426100201,SX-0001,王秀英,4,EXITED,,6228480012340001,', // 4 updated: status changes (history +1)
        '2016-01-01,130426100201,SX-0002,李建国,6,REGISTERED_POOR,MINIMUM_SUBSISTENCE,6228480012340002,', // 5 updated: members only
        '2016-03-01,130426999999,SX-1003,孙丽,3,NOT_REGISTERED,,6228480099990003,', // 6 unknown village
        '2016-03-01,130434100201,SX-1004,周强,3,NOT_REGISTERED,,6228480099990004,', // 7 village of Wei County
        '2016-03-01,130426100201,SX-1005,吴敏,0,NOT_REGISTERED,,6228480099990005,', // 8 members 0
        '2016-03-01,130426100201,SX-1006,郑洁,3,POOR,,6228480099990006,', // 9 bad status
        '2016-03-01,130426100201,SX-1007,冯军,3,REGISTERED_POOR,,6228480099990007,', // 10 category missing
        '2016-03-01,130426100201,SX-1008,陈晨,3,EXITED,GENERAL,6228480099990008,', // 11 category on EXITED
        '2016-02-30,130426100201,SX-1009,褚红,3,NOT_REGISTERED,,6228480099990009,', // 12 bad date
        '2099-01-01,130426100201,SX-1010,卫东,3,NOT_REGISTERED,,6228480099990010,', // 13 future date
        '2016-03-01,130426100202,SX-1001,蒋峰,3,NOT_REGISTERED,,6228480099990011,', // 14 repeats line 2
        '2016-03-01,130426100201,WX-0001,赵磊,3,NOT_REGISTERED,,6228480099990012,', // 15 Wei County's household
        '',
        '2016-03-01,130426100201,SX-1011,"沈\r\n多行",3,NOT_REGISTERED,,6228480099990013,', // 17-18 created (a quoted line break)
        '2016-03-01,130426100201,SX-1012,韩梅,3,NOT_REGISTERED,,6228480099990014', // 19 one column short
      ].join('\r\n') +
      '\r\n';
    const historyBefore = Number((await api.db.pool.query('SELECT count(*) FROM poverty_status_history')).rows[0].count);
    const r = await api.gql(M, { countyId: world.county.id, csv }, token('official'));
    expect(r.errors).toBeUndefined();
    expect(r.data!.importHouseholds).toEqual({
      created: 3,
      updated: 2,
      rejected: [
        { line: 6, reason: 'village_code 130426999999 is not a known village' },
        { line: 7, reason: 'village_code 130434100201 is a village of another county' },
        { line: 8, reason: 'members "0" must be a whole number from 1 to 100' },
        { line: 9, reason: 'poverty_status "POOR" must be one of NOT_REGISTERED, REGISTERED_POOR, EXITED' },
        { line: 10, reason: 'A REGISTERED_POOR household needs a poverty_category (GENERAL, MINIMUM_SUBSISTENCE or FIVE_GUARANTEE)' },
        { line: 11, reason: 'Only REGISTERED_POOR households have a poverty_category; leave it empty for EXITED' },
        { line: 12, reason: 'effective_date "2016-02-30" is not a date (YYYY-MM-DD)' },
        { line: 13, reason: 'effective_date 2099-01-01 lies in the future' },
        { line: 14, reason: 'registry_number SX-1001 repeats line 2' },
        // Another county's household holds WX-0001: the reason says nothing of it.
        { line: 15, reason: 'registry_number WX-0001 cannot be imported into this county' },
        { line: 19, reason: 'The row has 8 fields where the header has 9' },
      ],
    });
    const { rows } = await api.db.pool.query(
      `SELECT registry_number, head_name, members, payout_account, poverty_status, poverty_category, v.code AS village
       FROM households h JOIN villages v ON v.id = h.village_id WHERE registry_number = ANY($1) ORDER BY registry_number`,
      [['SX-0001', 'SX-0002', 'SX-1001', 'SX-1002', 'SX-1011', 'WX-0001']],
    );
    expect(rows).toEqual([
      { registry_number: 'SX-0001', head_name: '王秀英', members: 4, payout_account: '6228480012340001', poverty_status: 'EXITED', poverty_category: null, village: '130426100201' },
      { registry_number: 'SX-0002', head_name: '李建国', members: 6, payout_account: '6228480012340002', poverty_status: 'REGISTERED_POOR', poverty_category: 'MINIMUM_SUBSISTENCE', village: '130426100201' },
      { registry_number: 'SX-1001', head_name: '王, 秀兰', members: 5, payout_account: '6228480099990001', poverty_status: 'REGISTERED_POOR', poverty_category: 'GENERAL', village: '130426100201' },
      { registry_number: 'SX-1002', head_name: '李"老三"', members: 2, payout_account: '6228480099990002', poverty_status: 'NOT_REGISTERED', poverty_category: null, village: '130426100202' },
      { registry_number: 'SX-1011', head_name: '沈\n多行', members: 3, payout_account: '6228480099990013', poverty_status: 'NOT_REGISTERED', poverty_category: null, village: '130426100201' },
      { registry_number: 'WX-0001', head_name: '赵磊', members: 4, payout_account: '62284800123450001', poverty_status: 'REGISTERED_POOR', poverty_category: 'FIVE_GUARANTEE', village: '130434100201' },
    ]);
    // Listeners hear of the existing household whose history grew (new ones have nothing to re-read).
    expect(events).toEqual([{ householdId: world.households.poorA, effectiveAt: new Date('2020-06-29T16:00:00Z') }]);
    // Three new households get their first entry, SX-0001 its EXITED entry; SX-0002's status did not change.
    const historyAfter = Number((await api.db.pool.query('SELECT count(*) FROM poverty_status_history')).rows[0].count);
    expect(historyAfter - historyBefore).toBe(4);
    const exit = await api.db.pool.query(
      `SELECT p.status, p.effective_at = '2020-06-30T00:00:00+08:00'::timestamptz AS on_date, p.recorded_by_id::text FROM poverty_status_history p
       JOIN households h ON h.id = p.household_id WHERE h.registry_number = 'SX-0001' ORDER BY p.effective_at`,
    );
    expect(exit.rows).toEqual([
      { status: 'REGISTERED_POOR', on_date: false, recorded_by_id: null },
      { status: 'EXITED', on_date: true, recorded_by_id: world.users.official.id },
    ]);
    // The cached status of every household is its latest entry in force now.
    const drift = await api.db.pool.query(
      `SELECT h.registry_number FROM households h JOIN LATERAL (SELECT status, category FROM poverty_status_history p WHERE p.household_id = h.id
         AND p.effective_at <= now() ORDER BY effective_at DESC, id DESC LIMIT 1) l ON true
       WHERE l.status IS DISTINCT FROM h.poverty_status OR l.category IS DISTINCT FROM h.poverty_category`,
    );
    expect(drift.rows).toEqual([]);
  });

  it('changes nothing the second time the same file comes in (no new history entries)', async () => {
    const csv = `${HEADER}\n2018-01-01,2,130426100201,REGISTERED_POOR,GENERAL,6228000000000001,SX-2001,郭靖`;
    const reordered = `effective_date,members,village_code,poverty_status,poverty_category,payout_account,registry_number,head_name\n${csv.split('\n')[1]}`;
    const first = await api.gql(M, { countyId: world.county.id, csv: reordered }, token('admin'));
    expect(first.data!.importHouseholds).toEqual({ created: 1, updated: 0, rejected: [] });
    const before = await snapshot(api);
    const second = await api.gql(M, { countyId: world.county.id, csv: reordered }, token('admin'));
    expect(second.data!.importHouseholds).toEqual({ created: 0, updated: 1, rejected: [] });
    const after = (await snapshot(api)) as { households: number; history: number };
    expect(after.households).toBe((before as { households: number }).households);
    expect(after.history).toBe((before as { history: number }).history);
  });

  it.each([
    ['otherOfficial', 'FORBIDDEN'],
    ['operator', 'FORBIDDEN'],
    ['buyer', 'FORBIDDEN'],
    [null, 'UNAUTHENTICATED'],
  ] as const)('refuses %s (%s) and changes nothing', async (who, code) => {
    const before = await snapshot(api);
    const csv = `${HEADER}\nSX-3001,韩梅,3,130426100201,NOT_REGISTERED,,6228480099990014,2016-03-01`;
    const r = await api.gql(M, { countyId: world.county.id, csv }, token(who));
    expect(r.errors?.[0].extensions?.code).toBe(code);
    expect(await snapshot(api)).toEqual(before);
  });

  it.each([
    ['a header without the members and payout_account columns', 'registry_number,head_name,village_code,poverty_status,poverty_category,effective_date\nSX-3002,韩梅,130426100201,NOT_REGISTERED,,2016-03-01'],
    ['an empty file', ''],
    ['an unclosed quote', `${HEADER}\nSX-3003,"韩梅,3,130426100201,NOT_REGISTERED,,6228480099990014,2016-03-01\nSX-3004,李,3,130426100201,NOT_REGISTERED,,6228480099990015,2016-03-01`],
    // csv-parse's codes for these do not all start with CSV_ (INVALID_OPENING_QUOTE): each was a 500.
    ['a quote inside an unquoted cell', `${HEADER}\nSX-3005,韩"梅,3,130426100201,NOT_REGISTERED,,6228480099990016,2016-03-01`],
    ['text after a closing quote', `${HEADER}\nSX-3006,"韩梅"x,3,130426100201,NOT_REGISTERED,,6228480099990017,2016-03-01`],
    ['a record past 64 KiB', `${HEADER}\nSX-3007,${'韩'.repeat(30_000)},3,130426100201,NOT_REGISTERED,,6228480099990018,2016-03-01`],
  ])('refuses %s as a whole (BAD_USER_INPUT at csv, with the line) and changes nothing', async (_, csv) => {
    const before = await snapshot(api);
    const r = await api.gql(M, { countyId: world.county.id, csv }, token('admin'));
    expect(r.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'csv' });
    if (csv.startsWith(HEADER)) expect(r.errors?.[0].message).toMatch(/^The CSV is malformed at line [23]: /);
    expect(await snapshot(api)).toEqual(before);
  });

  it('names the missing columns', async () => {
    const r = await api.gql(M, { countyId: world.county.id, csv: 'registry_number,head_name,village_code,poverty_status,poverty_category,effective_date\n' }, token('admin'));
    expect(r.errors?.[0].message).toBe('The header row lacks the columns members, payout_account');
  });

  it('refuses an unknown county (NOT_FOUND at countyId)', async () => {
    const r = await api.gql(M, { countyId: '999999', csv: HEADER }, token('admin'));
    expect(r.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'countyId' });
  });

  it('refuses a file of more than 200,000 rows and changes nothing', async () => {
    const before = await snapshot(api);
    const row = 'X,a,1,0,NOT_REGISTERED,,1234,2016-01-01\n';
    const r = await api.gql(M, { countyId: world.county.id, csv: `${HEADER}\n${row.repeat(200_001)}` }, token('admin'));
    expect(r.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'csv' });
    expect(r.errors?.[0].message).toBe('A file may hold at most 200000 rows; split it');
    expect(await snapshot(api)).toEqual(before);
  });
});
