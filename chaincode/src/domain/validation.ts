// Strict field readers: every request is checked field by field and unknown fields are refused,
// so a typo in a client never silently drops data.
import { CURRENCY, PARTY_ID, REFERENCE, type TextFormat } from '@scf/wire';
import { parseAmount } from './amount';
import { validation } from './errors';
import type { Amount, CalendarDate, PartyId } from './types';

export type Fields = Record<string, unknown>;

export function parseJsonRequest(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw validation('request is not valid JSON', { field: '$' });
  }
}

const isPlainObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the object has every required field, and no field outside required + optional. */
export function object(
  value: unknown,
  path: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Fields {
  if (!isPlainObject(value)) throw validation(`${path} must be an object`, { field: path });
  const allowed = new Set([...required, ...optional]);
  const unknown = Object.keys(value)
    .filter((key) => !allowed.has(key))
    .sort();
  if (unknown.length > 0) {
    throw validation(`${path} has unknown fields: ${unknown.join(', ')}`, { field: path, unknownFields: unknown });
  }
  for (const key of required) {
    if (value[key] === undefined) throw validation(`${path}.${key} is required`, { field: `${path}.${key}` });
  }
  return value;
}

export interface TextRule {
  min: number;
  max: number;
  pattern?: RegExp;
}

export function text(value: unknown, path: string, rule: TextRule): string {
  if (typeof value !== 'string') throw validation(`${path} must be a string`, { field: path });
  if (value.length < rule.min || value.length > rule.max) {
    throw validation(`${path} must be ${rule.min}..${rule.max} characters`, { field: path });
  }
  if (rule.pattern && !rule.pattern.test(value)) throw validation(`${path} has an invalid format`, { field: path });
  return value;
}

export const optional = <T>(value: unknown, read: (v: unknown) => T): T | undefined =>
  value === undefined ? undefined : read(value);

/** A text in one of the wire contract's formats. */
export const formatted = (value: unknown, path: string, format: TextFormat): string =>
  text(value, path, { min: format.minLength, max: format.maxLength, pattern: format.pattern });

export const reference = (value: unknown, path: string): string => formatted(value, path, REFERENCE);
export const partyId = (value: unknown, path: string): PartyId => formatted(value, path, PARTY_ID) as PartyId;
export const currency = (value: unknown, path: string): string => formatted(value, path, CURRENCY);

/** Amount strings only (JSON numbers lose precision past 2^53); `positive` refuses zero. */
export function amount(value: unknown, path: string, positive = true): Amount {
  if (typeof value !== 'string') throw validation(`${path} must be a decimal string of minor units`, { field: path });
  const parsed = parseAmount(value);
  if (parsed === undefined) {
    throw validation(`${path} must be a canonical integer of minor units below 2^63`, { field: path });
  }
  if (positive && parsed === '0') throw validation(`${path} must be greater than zero`, { field: path });
  return parsed;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): value is CalendarDate {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

export function calendarDate(value: unknown, path: string): CalendarDate {
  const raw = text(value, path, { min: 10, max: 10 });
  if (!isCalendarDate(raw)) throw validation(`${path} must be a real date YYYY-MM-DD`, { field: path });
  return raw;
}

export function oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw validation(`${path} must be one of ${allowed.join(', ')}`, { field: path });
  }
  return value as T;
}

export function integer(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw validation(`${path} must be an integer ${min}..${max}`, { field: path });
  }
  return value;
}

export function list<T>(
  value: unknown,
  path: string,
  min: number,
  max: number,
  item: (v: unknown, p: string, index: number) => T,
): T[] {
  if (!Array.isArray(value)) throw validation(`${path} must be an array`, { field: path });
  if (value.length < min || value.length > max) {
    throw validation(`${path} must have ${min}..${max} entries`, { field: path });
  }
  return value.map((entry: unknown, index) => item(entry, `${path}[${index}]`, index));
}
