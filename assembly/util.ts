// Raw f64/i32 access over array data pointers: hot loops take `arr.dataStart` once into a local
// and index through these, so no bounds checks and no repeated field loads (DESIGN.md, speed probe).

/** f64 at index i of the array whose data starts at p. */
// @ts-ignore: decorator
@inline export function ldf(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

/** Store f64 x at index i of the array whose data starts at p. */
// @ts-ignore: decorator
@inline export function stf(p: usize, i: i32, x: f64): void {
  store<f64>(p + (<usize>i << 3), x);
}

/** i32 at index i of the array whose data starts at p. */
// @ts-ignore: decorator
@inline export function ldi(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

/** Store i32 x at index i of the array whose data starts at p. */
// @ts-ignore: decorator
@inline export function sti(p: usize, i: i32, x: i32): void {
  store<i32>(p + (<usize>i << 2), x);
}

/** A new f64 array of length n filled with x (build phase only). */
export function filledF64(n: i32, x: f64): Array<f64> {
  const a = new Array<f64>(n);
  for (let i = 0; i < n; i++) unchecked((a[i] = x));
  return a;
}

/** A new i32 array of length n filled with x (build phase only). */
export function filledI32(n: i32, x: i32): Array<i32> {
  const a = new Array<i32>(n);
  for (let i = 0; i < n; i++) unchecked((a[i] = x));
  return a;
}

// Bulk appends size the array once, exactly; one value is pushed (amortised growth), so that
// build calls adding one item at a time stay linear.

/** Room for n more elements in `a`, so that appends up to that many do not regrow it (build phase only). */
export function reserve<T>(a: Array<T>, n: i32): void {
  const k = a.length;
  a.length = k + n;
  a.length = k;
}

/** Appends the n values of type T stored contiguously at `from` to `a` (build phase only). */
export function appendFrom<T>(a: Array<T>, from: usize, n: i32): void {
  if (n == 1) {
    a.push(load<T>(from));
    return;
  }
  const k = a.length;
  a.length = k + n;
  memory.copy(a.dataStart + <usize>k * sizeof<T>(), from, <usize>n * sizeof<T>());
}

/** Appends the n f64 values at from, from + 8·stride, … to `a` (build phase only). */
export function appendStridedF64(a: Array<f64>, from: usize, stride: i32, n: i32): void {
  if (n == 1) {
    a.push(load<f64>(from));
    return;
  }
  const k = a.length;
  a.length = k + n;
  const to = a.dataStart + (<usize>k << 3);
  for (let i = 0; i < n; i++) stf(to, i, ldf(from, i * stride));
}

/** Appends n zeros to `a` (build phase only). */
export function appendZerosF64(a: Array<f64>, n: i32): void {
  if (n == 1) {
    a.push(0.0);
    return;
  }
  const k = a.length;
  a.length = k + n;
  memory.fill(a.dataStart + (<usize>k << 3), 0, <usize>n << 3);
}

/** f64x2 of p[i] (lane 0) and p[j] (lane 1). */
// @ts-ignore: decorator
@inline export function ldf2(p: usize, i: i32, j: i32): v128 {
  return f64x2.replace_lane(v128.load64_splat(p + (<usize>i << 3)), 1, ldf(p, j));
}

/** Store lane 0 of x at p[i] and lane 1 at p[j] (j may equal i when both lanes hold one instance). */
// @ts-ignore: decorator
@inline export function stf2(p: usize, i: i32, j: i32, x: v128): void {
  v128.store64_lane(p + (<usize>j << 3), x, 1);
  v128.store64_lane(p + (<usize>i << 3), x, 0);
}

/**
 * f64x2 of p[i] and p[j] where j = i + 1, or j = i for an odd count's last element: one load in
 * the loop body (the branch goes the same way until the last pair), never past the end.
 */
// @ts-ignore: decorator
@inline export function ldc2(p: usize, i: i32, j: i32): v128 {
  return j > i ? v128.load(p + (<usize>i << 3)) : v128.load64_splat(p + (<usize>i << 3));
}

/** Store x at p[i], p[j] with j = i + 1, or lane 0 only where j = i (see ldc2). */
// @ts-ignore: decorator
@inline export function stc2(p: usize, i: i32, j: i32, x: v128): void {
  if (j > i) v128.store(p + (<usize>i << 3), x);
  else v128.store64_lane(p + (<usize>i << 3), x, 0);
}

/**
 * f64x2 constant `slot` of a block made with memory.data<f64>([c0, c0, c1, c1, …]). Inside hot
 * loops V8 materialises every v128.const anew (movabs, movq, shuffle); a load is one instruction.
 */
// @ts-ignore: decorator
@inline export function kv(block: usize, slot: i32): v128 {
  return v128.load(block + (<usize>slot << 4));
}
