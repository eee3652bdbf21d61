/**
 * hnn-core's `Params` object (params.py `class Params(dict)`): the flat parameter dict of
 * {@link makeParams} whose keys may be Unix shell-style patterns (Python `fnmatch`):
 * `params['gbar_L2Pyr*']` is a new `Params` holding the matching keys, and
 * `params['gbar_L2Pyr*'] = 0.1` sets every matching key.
 */

import { KeyError } from "../util/validate";
import { makeParams, type ParamValue } from "./paramsDefault";

/**
 * Python `fnmatch.translate(pattern)` as a JavaScript RegExp (POSIX: case-sensitive): `*` any
 * run, `?` one character, `[seq]` / `[!seq]` a character class (a `]` first in the class is
 * literal), an unclosed `[` a literal `[`; the whole key must match.
 */
function fnmatchRegExp(pattern: string): RegExp {
  const esc = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
  let re = "";
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i++];
    if (c === "*") {
      re += "[\\s\\S]*";
    } else if (c === "?") {
      re += "[\\s\\S]";
    } else if (c === "[") {
      let j = i;
      if (j < pattern.length && pattern[j] === "!") j++;
      if (j < pattern.length && pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") j++;
      if (j >= pattern.length) {
        re += "\\[";
      } else {
        let body = pattern.slice(i, j);
        i = j + 1;
        const negate = body.startsWith("!");
        if (negate) body = body.slice(1);
        // Ranges (a-z) stay ranges; every other character is literal.
        const parts = body.split("-").map((p) => p.replace(/[\\\]^[]/g, "\\$&"));
        re += `[${negate ? "^" : ""}${parts.join("-")}]`;
      }
    } else {
      re += esc(c);
    }
  }
  return new RegExp(`^(?:${re})$`);
}

/** Python `fnmatch.filter(keys, pattern)`: the keys matching the pattern, in the keys' order. */
export function fnmatchFilter(keys: readonly string[], pattern: string): string[] {
  const re = fnmatchRegExp(pattern);
  return keys.filter((k) => re.test(k));
}

/** Whether a key holds an fnmatch metacharacter (`*`, `?`, `[`). */
const isPattern = (key: string): boolean => /[*?[]/.test(key);

const HANDLER: ProxyHandler<Record<string, ParamValue>> = {
  get(target, key, receiver) {
    if (typeof key !== "string" || key in target || !isPattern(key)) return Reflect.get(target, key, receiver);
    const matches = fnmatchFilter(Object.keys(target), key);
    if (matches.length === 0) throw new KeyError(`'${key}'`);
    return wrap(Object.fromEntries(matches.map((k) => [k, target[k]])));
  },
  set(target, key, value, receiver) {
    if (typeof key !== "string" || key in target || !isPattern(key)) return Reflect.set(target, key, value, receiver);
    const matches = fnmatchFilter(Object.keys(target), key);
    if (matches.length === 0) return Reflect.set(target, key, value, receiver);
    for (const k of matches) target[k] = value as ParamValue;
    return true;
  },
};

/** A Params (prototype and pattern keys) holding exactly `dict`'s entries. */
function wrap(dict: Record<string, ParamValue>): Params {
  return new Proxy(Object.assign(Object.create(Params.prototype) as Record<string, ParamValue>, dict), HANDLER) as Params;
}

/**
 * hnn-core `Params(params_input=None)`: every key of the default parameter set (with as many
 * evoked-drive keys as `input` has `t_evprox_*` / `t_evdist_*`), valued from `input` where given.
 *
 * Keys are also fnmatch patterns (hnn-core `Params.__getitem__` / `__setitem__`):
 * - reading a key that is not a parameter but matches some (`params['gbar_L2Pyr*']`) gives a new
 *   Params holding just those; matching nothing is hnn-core's `KeyError: 'gbar_X*'`;
 * - writing such a key sets every matching parameter; matching nothing adds the key as it is.
 *
 * Plain keys behave as on any object (a missing one reads `undefined`, where Python raises
 * KeyError). TypeScript types a pattern read as a parameter value: cast it,
 * `params["gbar_L2Pyr*"] as unknown as Params`. Spread (`{ ...params }`) gives a plain object.
 */
export interface Params {
  [key: string]: ParamValue;
}
export class Params {
  /**
   * @param input parameter values (a flat dict as read from a .json / .param file); null: defaults.
   * @throws TypeError `params_input must be dict or None. Got <type>` for a non-object.
   */
  constructor(input: Readonly<Record<string, ParamValue>> | null = null) {
    return wrap(makeParams(input));
  }
}

/** A deep copy of a parameter dict; a {@link Params} stays a Params (hnn-core `deepcopy`). */
export function copyParams<T extends Record<string, unknown>>(params: T): T {
  const plain = structuredClone({ ...params });
  return (params instanceof Params ? wrap(plain as Record<string, ParamValue>) : plain) as T;
}
