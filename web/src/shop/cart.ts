// The cart, kept in localStorage: what a buyer picked survives a reload and signing in. Each line keeps
// what the cart page shows (title, price, station) as seen when added; the order takes the server's.
import { useEffect, useState } from 'preact/hooks';

export interface CartLine {
  listingId: string;
  quantity: number;
  title: string;
  unit: string;
  priceFen: number;
  available: number;
  station: { id: string; name: string };
  photo: string | null;
}

const KEY = 'marketplace.cart';
const EVENT = 'shop:cart';

export function readCart(): CartLine[] {
  try {
    const lines = JSON.parse(localStorage.getItem(KEY) ?? '[]') as CartLine[];
    return Array.isArray(lines) ? lines : [];
  } catch {
    return [];
  }
}

function write(lines: CartLine[]): void {
  localStorage.setItem(KEY, JSON.stringify(lines));
  window.dispatchEvent(new Event(EVENT));
}

export function addToCart(line: CartLine): void {
  const lines = readCart();
  const existing = lines.find((l) => l.listingId === line.listingId);
  if (existing) {
    Object.assign(existing, { ...line, quantity: Math.min(existing.quantity + line.quantity, line.available) });
  } else lines.push(line);
  write(lines);
}

export function setQuantity(listingId: string, quantity: number): void {
  write(readCart().map((l) => (l.listingId === listingId ? { ...l, quantity } : l)));
}

export function removeFromCart(listingId: string): void {
  write(readCart().filter((l) => l.listingId !== listingId));
}

export function clearCart(): void {
  write([]);
}

export function cartTotal(lines: CartLine[]): number {
  return lines.reduce((sum, l) => sum + l.quantity * l.priceFen, 0);
}

/** The lines grouped by the station that sells them, in the order first added. */
export function byStation(lines: CartLine[]): Array<{ station: CartLine['station']; lines: CartLine[] }> {
  const groups = new Map<string, { station: CartLine['station']; lines: CartLine[] }>();
  for (const line of lines) {
    const group = groups.get(line.station.id) ?? { station: line.station, lines: [] };
    group.lines.push(line);
    groups.set(line.station.id, group);
  }
  return [...groups.values()];
}

export function useCart(): CartLine[] {
  const [lines, setLines] = useState(readCart);
  useEffect(() => {
    const update = () => setLines(readCart());
    window.addEventListener(EVENT, update);
    window.addEventListener('storage', update);
    return () => {
      window.removeEventListener(EVENT, update);
      window.removeEventListener('storage', update);
    };
  }, []);
  return lines;
}
