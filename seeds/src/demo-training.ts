import { civilDay } from '@app/kernel';
import { recountTraineesSql } from '@app/impact';
import { DemoSeedContext } from './demo-listings';

const DAY = 86_400_000;
const PROGRAMMES = [
  { name: '农村电商实训', topic: 'e-commerce' },
  { name: '核桃高接换优嫁接', topic: 'walnut grafting' },
  { name: '花椒采摘与晾晒', topic: 'pepper drying' },
];
const TRAINERS = ['王建华', '李秀梅', '张国强', '赵丽娟'];
const TOPICS: Record<string, string[]> = {
  'e-commerce': ['网店开设与商品上架', '直播带货入门', '快递打包与售后'],
  'walnut grafting': ['春季插皮舌接', '嫁接后管理'],
  'pepper drying': ['采摘时机与分级', '晾晒与储存防霉'],
};


/**
 * She County's training over the past year (sessions at its stations, about twice a month, with
 * attendance from the villages each station serves) and two of its poverty-stricken villages exiting
 * poverty during the year. Written once: a second run finds the programmes and adds nothing.
 */
export async function seedDemoTraining(context: DemoSeedContext): Promise<{ sessions: number; attendances: number; villageExits: number }> {
  const { client } = context;
  const she = context.counties.get('130426');
  if (!she) return { sessions: 0, attendances: 0, villageExits: 0 };
  if ((await client.query(`SELECT 1 FROM training_programmes LIMIT 1`)).rowCount) return { sessions: 0, attendances: 0, villageExits: 0 };
  const programmes: string[] = [];
  for (const p of PROGRAMMES) {
    programmes.push(String((await client.query(`INSERT INTO training_programmes (name, topic) VALUES ($1, $2) RETURNING id`, [p.name, p.topic])).rows[0].id));
  }
  const stations = [...context.stations.values()].filter((s) => s.countyCode === '130426');
  const operator = [...context.users.values()][0] ?? null;
  let sessions = 0;
  let attendances = 0;
  for (let i = 0; i < 24 && stations.length > 0; i++) {
    const station = stations[i % stations.length];
    const k = i % PROGRAMMES.length;
    const topics = TOPICS[PROGRAMMES[k].topic];
    const heldOn = civilDay(new Date(Date.now() - (360 - i * 15) * DAY));
    const session = String(
      (
        await client.query(
          `INSERT INTO training_sessions (programme_id, station_id, county_id, held_on, trainer, topic, recorded_by_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [programmes[k], station.id, she, heldOn, TRAINERS[i % TRAINERS.length], topics[i % topics.length], operator],
        )
      ).rows[0].id,
    );
    sessions++;
    // 8 to 15 households of the station's villages, a different slice each time.
    const r = await client.query(
      `INSERT INTO training_attendances (session_id, household_id, programme_id, county_id, held_on, recorded_by_id)
       SELECT $1, h.id, $2, $3, $4, $5 FROM households h
        WHERE h.village_id = ANY($6::bigint[]) AND h.county_id = $3
        ORDER BY (h.id * 7919 + $7) % 1000, h.id LIMIT $8`,
      [session, programmes[k], she, heldOn, operator, station.servedVillageIds, i * 37, 8 + (i % 8)],
    );
    attendances += r.rowCount ?? 0;
  }
  // The trainees' rollup the outcomes report reads, as recording the attendance through the API keeps it.
  await client.query(recountTraineesSql('a.county_id = $1'), [she]);
  // Two of She County's poverty-stricken villages exited poverty this year (the flag in force now follows).
  const exiting = [...context.villages.values()].filter((v) => v.countyCode === '130426' && v.povertyStricken).slice(0, 2);
  const ids = [...context.villages.entries()].filter(([, v]) => exiting.includes(v)).map(([, v]) => v.id);
  for (const [n, id] of ids.entries()) {
    await client.query(`INSERT INTO village_poverty_history (village_id, poverty_stricken, effective_at) VALUES ($1, false, $2)`, [id, new Date(Date.now() - (200 - n * 90) * DAY)]);
    await client.query(`UPDATE villages SET poverty_stricken = false WHERE id = $1`, [id]);
  }
  await client.query(`SELECT catalog_refresh_listings(ARRAY(SELECT id FROM listings WHERE origin_village_id = ANY($1::bigint[]) ORDER BY id))`, [ids]);
  return { sessions, attendances, villageExits: ids.length };
}
