import { useEffect, useState } from 'preact/hooks';
import { useAuth, useLoadFailure } from '../shared/auth';
import { formatFen } from '../shared/format';
import { beijingTime, parseYuan, useT } from '../shared/i18n';
import { Alert, Done, Field, Options, Submit, TextField, useFormErrors } from '../shared/ui';
import { householdName, sortHouseholds } from './listings';
import {
  CashPosition,
  collectVillageOrder,
  fetchCash,
  fetchGoods,
  fetchHouseholds,
  fetchVillageOrders,
  GoodsItem,
  Household,
  placeAssistedOrder,
  placeVillageOrder,
  remitCash,
  searchListings,
  ShopListing,
  StationInfo,
  VillageOrder,
  villageOrderStep,
} from './queries';

/** Orders the operator places for villagers: produce from the shop for pickup here, and goods (the downward flow) with their pickup codes and cash. */
export function OrdersSection({ station }: { station: StationInfo }) {
  const [cash, setCash] = useState<CashPosition | null>(null);
  const { session } = useAuth();
  const refreshCash = () => void fetchCash(station.id, session.token).then(setCash, () => undefined);
  useEffect(refreshCash, [station.id]);
  return (
    <>
      <VillageOrders station={station} onCash={refreshCash} />
      <Cash station={station} cash={cash} onChanged={setCash} />
      <AssistedOrder station={station} />
    </>
  );
}

interface Line<T> {
  item: T;
  quantity: string;
}

function VillageOrders({ station, onCash }: { station: StationInfo; onCash: () => void }) {
  const { t } = useT('station');
  const { session } = useAuth();
  const [orders, setOrders] = useState<VillageOrder[] | null>(null);
  const [error, setError] = useState<string>();
  const failed = useLoadFailure('station', setError);
  const load = () => fetchVillageOrders(station.id, session.token).then(setOrders, failed);
  useEffect(() => void load(), [station.id]);
  const changed = (o: VillageOrder) => {
    setOrders((os) => (os ? (os.some((x) => x.id === o.id) ? os.map((x) => (x.id === o.id ? o : x)) : [o, ...os]) : [o]));
    onCash();
  };
  return (
    <>
      <NewVillageOrder station={station} onPlaced={changed} />
      <section class="card" aria-labelledby="vo-title">
        <h2 id="vo-title">{t('villageOrders')}</h2>
        {error && <Alert>{error}</Alert>}
        {!orders && !error && <p class="muted">{t('loading')}</p>}
        {orders && orders.length === 0 && <p class="muted">{t('noVillageOrders')}</p>}
        {orders && orders.length > 0 && (
          <ul class="rows">
            {orders.map((o) => (
              <VillageOrderItem key={o.id} order={o} onChanged={changed} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function VillageOrderItem({ order: o, onChanged }: { order: VillageOrder; onChanged: (o: VillageOrder) => void }) {
  const { t } = useT('station');
  const { session, authLost } = useAuth();
  const form = useFormErrors('station', authLost);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<VillageOrder>) => {
    form.clear();
    setBusy(true);
    try {
      onChanged(await action());
    } catch (e) {
      form.fail(e);
    } finally {
      setBusy(false);
    }
  };
  const idp = `vo${o.id}`;
  const who = o.household ? householdName(o.household, t) : o.villagerName;
  const rest = form.rest(o.status === 'AT_STATION' ? ['pickupCode'] : []);
  return (
    <li class="row-item row-item--stack" data-village-order-id={o.id} data-status={o.status}>
      <div>
        <strong>
          #{o.id} · {who} · {o.village.name}
        </strong>{' '}
        <span class="badge">{t(`villageOrderStatus.${o.status}`)}</span>
        <p class="small">{o.lines.map((l) => `${l.title} × ${l.quantity}`).join('，')}</p>
        <p class="muted small">
          {formatFen(o.totalFen)} · {t('deposit')} {formatFen(o.depositFen)}
          {o.balanceDueFen > 0 && ` · ${t('balanceDue', { fen: formatFen(o.balanceDueFen) })}`}
          {o.status === 'AT_STATION' && o.pickupDueAt && ` · ${t('pickupDue', { when: beijingTime(o.pickupDueAt) })}`}
        </p>
      </div>
      <div class="actions">
        {o.status === 'SHIPPED' && (
          <button type="button" class="button button--primary" disabled={busy} onClick={() => run(() => villageOrderStep('receiveVillageOrder', o.id, session.token))}>
            {t('receive')}
          </button>
        )}
        {(o.status === 'PLACED' || o.status === 'SHIPPED' || o.status === 'AT_STATION') && (
          <button type="button" class="button button--quiet" disabled={busy} onClick={() => run(() => villageOrderStep('cancelVillageOrder', o.id, session.token))}>
            {t('cancelOrder')}
          </button>
        )}
      </div>
      {o.status === 'AT_STATION' && (
        <form
          class="inline-form"
          noValidate
          aria-label={`${t('collect')} #${o.id}`}
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => collectVillageOrder(o.id, code.trim(), session.token));
          }}
        >
          <TextField form={form} id={`${idp}-code`} field="pickupCode" label={t('pickupCode')} inputMode="numeric" autocomplete="off" value={code} onValue={setCode} />
          <Submit label={t('collect')} busy={busy} />
        </form>
      )}
      {rest && <Alert>{rest}</Alert>}
    </li>
  );
}

function NewVillageOrder({ station, onPlaced }: { station: StationInfo; onPlaced: (o: VillageOrder) => void }) {
  const { t } = useT('station');
  const { session, authLost } = useAuth();
  const form = useFormErrors('station', authLost);
  const [search, setSearch] = useState('');
  const [goods, setGoods] = useState<GoodsItem[] | null>(null);
  const [lines, setLines] = useState<Array<Line<GoodsItem>>>([]);
  const [villageId, setVillageId] = useState(station.servedVillages[0]?.id ?? '');
  const [households, setHouseholds] = useState<Household[] | null>(null);
  const [householdId, setHouseholdId] = useState('');
  const [villagerName, setVillagerName] = useState('');
  const [deposit, setDeposit] = useState('0');
  const [depositError, setDepositError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<string>();

  const find = (event?: Event) => {
    event?.preventDefault();
    fetchGoods(search.trim(), session.token).then(setGoods, form.fail);
  };
  useEffect(() => find(), []);
  useEffect(() => {
    setHouseholds(null);
    setHouseholdId('');
    if (villageId) fetchHouseholds(villageId, session.token).then((h) => setHouseholds(sortHouseholds(h)), form.fail);
  }, [villageId]);

  const add = (g: GoodsItem) => setLines((ls) => (ls.some((l) => l.item.id === g.id) ? ls : [...ls, { item: g, quantity: '1' }]));
  const total = lines.reduce((n, l) => n + l.item.priceFen * (Number(l.quantity) || 0), 0);

  const submit = async (event: Event) => {
    event.preventDefault();
    form.clear();
    setCode(undefined);
    const depositFen = parseYuan(deposit);
    setDepositError(depositFen === null ? t('money') : undefined);
    if (depositFen === null) return;
    setBusy(true);
    try {
      const who = householdId ? { householdId } : { villageId, villagerName: villagerName.trim() };
      const placed = await placeVillageOrder({ ...who, depositFen, lines: lines.map((l) => ({ goodsId: l.item.id, quantity: Number(l.quantity) })) }, session.token);
      setCode(placed.pickupCode);
      setLines([]);
      setDeposit('0');
      onPlaced(placed.villageOrder);
    } catch (e) {
      form.fail(e);
    } finally {
      setBusy(false);
    }
  };

  const rest = form.rest(['householdId', 'villageId', 'villagerName', 'depositFen', 'quantity', 'goodsId']);
  return (
    <section class="card" aria-labelledby="nvo-title">
      <h2 id="nvo-title">{t('placeVillageOrder')}</h2>
      <form class="inline-form" role="search" onSubmit={find} aria-label={t('goods')}>
        <Field id="goods-search" label={t('goods')}>
          <input id="goods-search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="button button--quiet">
          {t('search')}
        </button>
      </form>
      {goods && (
        <ul class="rows">
          {goods.map((g) => (
            <li key={g.id} class="row-item" data-goods-id={g.id}>
              <div>
                <strong>{g.title}</strong>
                <p class="muted small">
                  {formatFen(g.priceFen)} / {g.unit} · {t(`goodsKind.${g.kind}`)} · {t('stock', { n: g.stock })}
                </p>
              </div>
              <button type="button" class="button button--quiet" onClick={() => add(g)} aria-label={`${t('addLine')} ${g.title}`}>
                {t('addLine')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="form" noValidate onSubmit={submit} aria-labelledby="nvo-title">
        <fieldset class="fieldset">
          <legend>{t('lines')}</legend>
          {lines.length === 0 && <p class="muted small">{t('noLines')}</p>}
          {lines.map((l, i) => (
            <div class="line-row" key={l.item.id}>
              <Field id={`vol-${l.item.id}`} label={`${l.item.title}（${l.item.unit}）`} error={i === 0 ? form.of('quantity') : undefined}>
                <input id={`vol-${l.item.id}`} inputMode="numeric" value={l.quantity} onInput={(e) => setLines((ls) => ls.map((x) => (x.item.id === l.item.id ? { ...x, quantity: e.currentTarget.value } : x)))} />
              </Field>
              <button type="button" class="button button--quiet" onClick={() => setLines((ls) => ls.filter((x) => x.item.id !== l.item.id))}>
                {t('remove')}
              </button>
            </div>
          ))}
          {lines.length > 0 && <p class="small">{formatFen(total)}</p>}
        </fieldset>
        <Field id="vo-village" label={t('village')} error={form.of('villageId')}>
          <select id="vo-village" value={villageId} onChange={(e) => setVillageId(e.currentTarget.value)}>
            <Options items={station.servedVillages} />
          </select>
        </Field>
        <Field id="vo-household" label={t('forHousehold')} error={form.of('householdId')}>
          <select id="vo-household" value={householdId} onChange={(e) => setHouseholdId(e.currentTarget.value)} {...form.aria('vo-household', 'householdId')}>
            <option value="">{households === null ? t('loadingHouseholds') : t('chooseHousehold')}</option>
            {(households ?? []).map((h) => (
              <option key={h.id} value={h.id}>
                {householdName(h, t)}
              </option>
            ))}
          </select>
        </Field>
        {!householdId && (
          <TextField form={form} id="vo-villager" field="villagerName" label={`${t('orVillager')}：${t('villagerName')}`} value={villagerName} onValue={setVillagerName} />
        )}
        <TextField form={form} id="vo-deposit" field="depositFen" label={t('deposit')} error={depositError} inputMode="decimal" value={deposit} onValue={setDeposit} />
        {rest && <Alert>{rest}</Alert>}
        <button type="submit" class="button button--primary" disabled={busy || lines.length === 0}>
          {t('placeVillageOrder')}
        </button>
        {code && (
          <p class="ok pickup-code" role="status" data-testid="pickup-code">
            {t('pickupCodeOnce', { code })}
          </p>
        )}
      </form>
    </section>
  );
}

function Cash({ station, cash, onChanged }: { station: StationInfo; cash: CashPosition | null; onChanged: (c: CashPosition) => void }) {
  const { t } = useT('station');
  const { session, authLost } = useAuth();
  const form = useFormErrors('station', authLost);
  const [amount, setAmount] = useState('');
  const [amountError, setAmountError] = useState<string>();
  const [done, setDone] = useState<string>();
  const submit = async (event: Event) => {
    event.preventDefault();
    form.clear();
    setDone(undefined);
    const fen = parseYuan(amount);
    // The server refuses more than the station holds too; said here, next to the field, in the page's words.
    const tooMuch = fen !== null && cash !== null && fen > cash.onHandFen;
    setAmountError(fen === null ? t('money') : tooMuch ? t('remitTooMuch', { fen: formatFen(cash!.onHandFen) }) : undefined);
    if (fen === null || tooMuch) return;
    try {
      onChanged(await remitCash(station.id, fen, session.token));
      setDone(t('remitted', { fen: formatFen(fen) }));
      setAmount('');
    } catch (e) {
      form.fail(e);
    }
  };
  return (
    <section class="card" aria-labelledby="cash-title">
      <h2 id="cash-title">{t('cash')}</h2>
      {cash && (
        <dl class="facts facts--row">
          <div>
            <dt>{t('cashTaken')}</dt>
            <dd>{formatFen(cash.takenFen)}</dd>
          </div>
          <div>
            <dt>{t('cashRemitted')}</dt>
            <dd>{formatFen(cash.remittedFen)}</dd>
          </div>
          <div>
            <dt>{t('cashOnHand')}</dt>
            <dd data-testid="cash-on-hand">{formatFen(cash.onHandFen)}</dd>
          </div>
        </dl>
      )}
      <form class="inline-form" noValidate onSubmit={submit} aria-label={t('remit')}>
        <TextField form={form} id="remit-amount" field="amountFen" label={t('remitAmount')} error={amountError} inputMode="decimal" value={amount} onValue={setAmount} />
        <Submit label={t('remit')} />
      </form>
      {form.rest(['amountFen']) && <Alert>{form.rest(['amountFen'])}</Alert>}
      <Done text={done} />
    </section>
  );
}

/** An assisted order of produce for a villager, paid at the station, picked up here. */
function AssistedOrder({ station }: { station: StationInfo }) {
  const { t } = useT('station');
  const { session, authLost } = useAuth();
  const form = useFormErrors('station', authLost);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<ShopListing[] | null>(null);
  const [lines, setLines] = useState<Array<Line<ShopListing>>>([]);
  const [payment, setPayment] = useState('现金');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const [key, setKey] = useState(() => `assisted-${Date.now()}-${Math.random().toString(36).slice(2)}`);

  const find = (event?: Event) => {
    event?.preventDefault();
    searchListings(search.trim(), session.token).then(setFound, form.fail);
  };
  const submit = async (event: Event) => {
    event.preventDefault();
    form.clear();
    setDone(undefined);
    setBusy(true);
    try {
      const order = await placeAssistedOrder(station.id, lines.map((l) => ({ listingId: l.item.id, quantity: Number(l.quantity) })), payment.trim() || 'cash', key, session.token);
      setDone(t('placed', { id: order.id, total: formatFen(order.totalFen) }));
      setLines([]);
      setKey(`assisted-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    } catch (e) {
      form.fail(e);
    } finally {
      setBusy(false);
    }
  };
  const rest = form.rest(['paymentToken', 'quantity']);
  return (
    <section class="card" aria-labelledby="assisted-title">
      <h2 id="assisted-title">{t('assisted')}</h2>
      <form class="inline-form" role="search" onSubmit={find} aria-label={t('searchListings')}>
        <Field id="assisted-search" label={t('searchListings')}>
          <input id="assisted-search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </Field>
        <button type="submit" class="button button--quiet">
          {t('search')}
        </button>
      </form>
      {found && (
        <ul class="rows">
          {found.map((l) => (
            <li key={l.id} class="row-item" data-assisted-listing={l.id}>
              <div>
                <strong>{l.title}</strong>
                <p class="muted small">
                  {formatFen(l.priceFen)} / {l.unit} · {l.station.name}
                </p>
              </div>
              <button type="button" class="button button--quiet" aria-label={`${t('addLine')} ${l.title}`} onClick={() => setLines((ls) => (ls.some((x) => x.item.id === l.id) ? ls : [...ls, { item: l, quantity: '1' }]))}>
                {t('addLine')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="form" noValidate onSubmit={submit} aria-labelledby="assisted-title">
        <fieldset class="fieldset">
          <legend>{t('lines')}</legend>
          {lines.length === 0 && <p class="muted small">{t('noLines')}</p>}
          {lines.map((l, i) => (
            <div class="line-row" key={l.item.id}>
              <Field id={`al-${l.item.id}`} label={`${l.item.title}（${l.item.unit}）`} error={i === 0 ? form.of('quantity') : undefined}>
                <input id={`al-${l.item.id}`} inputMode="numeric" value={l.quantity} onInput={(e) => setLines((ls) => ls.map((x) => (x.item.id === l.item.id ? { ...x, quantity: e.currentTarget.value } : x)))} />
              </Field>
              <button type="button" class="button button--quiet" onClick={() => setLines((ls) => ls.filter((x) => x.item.id !== l.item.id))}>
                {t('remove')}
              </button>
            </div>
          ))}
        </fieldset>
        <TextField form={form} id="assisted-payment" field="paymentToken" label={t('paymentToken')} value={payment} onValue={setPayment} />
        {rest && <Alert>{rest}</Alert>}
        <button type="submit" class="button button--primary" disabled={busy || lines.length === 0}>
          {t('placeOrder')}
        </button>
        <Done text={done} />
      </form>
    </section>
  );
}
